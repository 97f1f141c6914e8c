"""Issue 17 in the browser: the widget's Overview shows the user's categories with counts and a
few missions each (and opening it logs `questline.widget_opened`); the console's mission form
suggests the system event types and the custom types seen."""

from __future__ import annotations

from typing import Any

from playwright.async_api import Page, expect

from tests.browser.conftest import Live, api, assert_accessible, create_mission, uid
from tests.browser.test_console_missions import open_console
from tests.browser.widget_support import WIDGET, open_widget, panel, send_event


def _goal(event_type: str, count: int) -> dict[str, Any]:
    return {"kind": "event", "event_type": event_type, "count": count}


async def test_the_overview_shows_categories_with_counts_and_a_few_missions(page: Page, live: Live) -> None:
    event_type = uid("et")
    names = [uid("Mission") for _ in range(4)]
    missions = [
        await create_mission(
            live,
            {"name": n, "type": "generally_available", "goal": _goal(event_type, 2)},
        )
        for n in names
    ]
    category_name = uid("Cat")
    r = await api(live, "POST", "/v1/categories", json={"name": category_name})
    category = r.json()["id"]
    r = await api(live, "POST", f"/v1/categories/{category}/missions", json={"mission_ids": missions})
    assert r.status_code == 200, r.text
    opened = await create_mission(
        live,
        {"type": "generally_available", "goal": _goal("questline.widget_opened", 1)},
    )
    try:
        user = uid()
        await open_widget(page, live, user)
        entry = page.locator(f'{WIDGET} .categories li.category[data-category-id="{category}"]')
        await expect(entry.locator("h4 .name")).to_have_text(category_name, timeout=15_000)
        await expect(entry.locator(".count")).to_have_text("4 missions")
        await expect(entry.locator(".category-missions > li")).to_have_count(3)
        await expect(entry.locator(".more")).to_have_text("and 1 more")
        await assert_accessible(page, context="on the widget's Overview with categories")
        # The categories belong to the Overview alone.
        await page.locator(f'{WIDGET} [role=tab][data-tab="available"]').click()
        await expect(panel(page).locator(".categories")).to_have_count(0)
        # Opening the widget was an event: the mission built on it completed.
        r = await api(live, "GET", f"/v1/users/{user}/missions/{opened}", who="client")
        assert r.json()["tab"] == "completed", r.json()
        await send_event(live, user, event_type)  # still listed after a change
        await page.locator(f'{WIDGET} [role=tab][data-tab="overview"]').click()
        await expect(entry.locator(".count")).to_have_text("4 missions")

    finally:
        # Missions on system events count every user's (a widget open), and a category shows in
        # every user's Overview: neither may outlive the test in the shared stack.
        for mission in [opened, *missions]:
            assert (await api(live, "POST", f"/v1/missions/{mission}/archive")).status_code == 200


async def test_the_mission_form_suggests_system_and_seen_event_types(page: Page, live: Live) -> None:
    seen = uid("seen_type")
    await send_event(live, uid(), seen)
    await open_console(page, live, "missions/new")
    field = page.get_by_label("Event type")
    await expect(field).to_be_visible()
    listed = await field.evaluate("(el) => Array.from(el.list ? el.list.options : []).map((o) => o.value)")
    assert "questline.mission_completed" in listed and "questline.widget_opened" in listed
    assert "questline.referral" in listed and "questline.tier_reached" in listed
    assert seen in listed
    await assert_accessible(page, context="on the mission form with event type suggestions")

"""The console's user page explains a journey: each event of the mission's type with its verdict
(counted and what it added, or the reason it did not count), then the state changes with the
completion's ledger key — on the real stack, in Chromium."""

from __future__ import annotations

from playwright.async_api import Page, expect

from tests.api.helpers import eventually
from tests.browser.conftest import Live, api, assert_accessible, create_mission, uid
from tests.browser.test_console_review import open_console


async def test_explain_a_journey_from_the_user_page(live: Live, page: Page) -> None:
    user, et, name = uid("person"), uid("ev"), uid("Tagged")
    mission = await create_mission(
        live,
        {
            "name": name,
            "type": "generally_available",
            "goal": {"kind": "event", "event_type": et, "count": 1, "tags": ["gold"]},
            "reward": {"points": 7},
        },
    )
    wrong, right = uid("e"), uid("e")
    for event_id, tags in ((wrong, ["<i>silver</i>"]), (right, ["gold"])):
        body = {"id": event_id, "user_id": user, "type": et, "tags": tags}
        r = await api(live, "POST", "/v1/events", who="client", json=body)
        assert r.status_code == 202, r.text

    async def paid() -> bool:
        wallet = (await api(live, "GET", f"/v1/users/{user}/wallet", who="client")).json()
        return wallet["points"] == 7

    await eventually(paid, within=20)
    await open_console(page, live, f"#/users/{user}")
    journeys = page.get_by_role("table", name="Journeys")
    row = journeys.get_by_role("row").filter(has_text=name)
    await row.get_by_role("button", name=f"Explain {name}").click()
    panel = page.locator(f"#user-explain #explain-{mission}")
    events = panel.get_by_role("table", name="Events, oldest first")
    await expect(events.get_by_role("row").filter(has_text=wrong)).to_contain_text("wrong tags")
    await expect(events.get_by_role("row").filter(has_text=wrong)).to_contain_text("<i>silver</i>")
    await expect(events.get_by_role("row").filter(has_text=right)).to_contain_text("+1")
    changes = panel.get_by_role("table", name="State changes")
    await expect(changes).to_contain_text(f"reward:{mission}:{user}:1")
    await expect(panel).to_contain_text("agree with the journey")
    assert await panel.locator("i").count() == 0  # stored strings are text, never markup
    await assert_accessible(page, context="on the user page's explanation")

"""The widget's "why didn't this count?" on an event mission's card: the user's own events, each
counted (and what it added) or why not, from the user-safe explain route; it stays open when the
card is rebuilt after a new event, and stored strings stay text."""

from __future__ import annotations

from playwright.async_api import Page, expect

from tests.browser.conftest import Live, assert_accessible, create_mission, uid
from tests.browser.widget_support import card, open_widget, send_event


async def test_why_didnt_this_count_lists_the_users_events_with_their_verdicts(page: Page, live: Live) -> None:
    et = uid("ev")
    mission = await create_mission(
        live,
        {"type": "generally_available", "goal": {"kind": "event", "event_type": et, "count": 3, "tags": ["gold"]}},
    )
    user = uid()
    wrong, right, later = uid("e"), uid("e"), uid("e")
    await send_event(live, user, et, id=wrong, tags=["<b>silver</b>"])
    await send_event(live, user, et, id=right, tags=["gold"])
    await open_widget(page, live, user)
    shown = card(page, mission)
    await expect(shown.locator(".progress, [role=progressbar]").first).to_be_visible()
    why = shown.locator("details.why")
    await why.locator("summary").click()
    items = why.locator("li")
    await expect(items).to_have_count(2)
    await expect(why.locator(f'li[data-event-id="{wrong}"]')).to_contain_text(
        "Not counted: it did not have the tags this mission asks for."
    )
    await expect(why.locator(f'li[data-event-id="{right}"]')).to_contain_text("Counted: +1")
    await assert_accessible(page, context="with why didn't this count open")

    # A new event changes the card (its progress): the rebuilt card keeps the list open, updated.
    await send_event(live, user, et, id=later, tags=["gold"])
    await expect(card(page, mission).locator(f'details.why[open] li[data-event-id="{later}"]')).to_contain_text(
        "Counted: +1", timeout=10_000
    )
    assert await card(page, mission).locator("details.why b").count() == 0
    # Nothing of the operator's internals reaches the user's page.
    body = await page.evaluate(
        "async (m) => (await fetch(`/v1/me/missions/${m}/explain`, {headers: {Authorization: "
        "`Bearer ${document.querySelector('questline-missions').getAttribute('token')}`}})).json()",
        mission,
    )
    assert body["workflow_id"] is None and body["temporal_ui_url"] is None

"""Both faces together on the real stack: what an admin does in the console reaches the user's
widget, and what the user does in the widget reaches the console, with nothing reloaded.

1. A mission made in the console's form and activated there shows in the widget; events from the
   operator's backend move its progress bar and its tab; completed, the wallet shows the points.
2. An image proof uploaded in the widget is declined in the console's review queue with feedback,
   which the widget shows; resubmitted from the widget, approved in the console: the widget shows
   it completed and paid once.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from playwright.async_api import BrowserContext, Page, expect

from tests.browser.conftest import Live, api, create_mission, uid
from tests.browser.test_console_review import image_shown, open_queue
from tests.browser.test_console_shell import sign_in
from tests.browser.test_widget_actions import upload
from tests.browser.widget_support import card, open_widget, panel, send_event, tab


async def wallet(live: Live, user: str) -> dict[str, Any]:
    r = await api(live, "GET", f"/v1/users/{user}/wallet", who="client")
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


async def test_a_mission_made_in_the_console_reaches_the_widget_and_pays_on_completion(
    live: Live, context: BrowserContext, page: Page
) -> None:
    user = uid("faces")
    event_type = f"faces_{uuid.uuid4().hex[:8]}"
    # Stored strings are text on both faces.
    name = f"Top up <b>twice</b> {uuid.uuid4().hex[:6]}"
    widget = await context.new_page()
    await open_widget(widget, live, user)

    await sign_in(page, live)
    await page.get_by_role("link", name="New mission").click()
    await page.get_by_label("Name", exact=True).fill(name)
    await page.get_by_label("Event type").fill(event_type)
    await page.get_by_label("Number of events").fill("2")
    await page.get_by_label("Reward", exact=True).select_option("points")
    await page.get_by_label("Points", exact=True).fill("35")
    await page.get_by_role("button", name="Save draft").click()
    await expect(page.get_by_role("heading", level=1)).to_contain_text(name)
    await expect(page.locator("main h1 b")).to_have_count(0)
    mission = page.url.rsplit("/", 1)[-1]
    # A draft is nobody's yet.
    await widget.wait_for_timeout(1500)
    await expect(card(widget, mission)).to_have_count(0)
    await page.get_by_role("button", name="Activate").click()
    await expect(page.locator("main h1 .badge")).to_have_text("active")

    # The widget polls: the new mission appears without a reload, its name as text.
    shown = card(widget, mission)
    await expect(shown).to_be_visible(timeout=15_000)
    await expect(shown.locator("h3, h2").first).to_have_text(name)
    await expect(shown.locator("b")).to_have_count(0)
    bar = shown.locator("[role=progressbar]")
    await expect(bar).to_have_attribute("aria-valuenow", "0")
    await expect(tab(widget, "available").locator(".count")).not_to_have_text("0")

    await send_event(live, user, event_type)
    await expect(bar).to_have_attribute("aria-valuenow", "1", timeout=15_000)
    await send_event(live, user, event_type)
    await expect(shown).to_have_count(0, timeout=15_000)
    await tab(widget, "completed").click()
    await expect(card(widget, mission).locator(".ok")).to_have_text("Completed")
    await tab(widget, "wallet").click()
    await expect(panel(widget).locator("[data-points]")).to_have_text("35", timeout=15_000)
    assert (await wallet(live, user))["points"] == 35


async def test_a_proof_uploaded_in_the_widget_is_reviewed_in_the_console_until_paid_once(
    live: Live, context: BrowserContext, page: Page
) -> None:
    user = uid("prover")
    mission = await create_mission(
        live,
        {
            "type": "generally_available",
            "goal": {"kind": "manual", "proof": ["image"], "approval": {"mode": "manual"}},
            "reward": {"points": 40},
        },
    )
    widget = await context.new_page()
    await open_widget(widget, live, user)
    shown = card(widget, mission)
    await upload(widget, mission, "receipt.png")
    await expect(shown.locator(".submission")).to_have_text("Your submission: waiting for review")

    # The admin declines it from the review queue, with feedback.
    await open_queue(page, live, mission_id=mission)
    await image_shown(page)
    feedback = "The receipt is cut off: send the whole page."
    await page.get_by_label("Feedback for the user (shown to them when declined)").fill(feedback)
    await page.get_by_role("button", name="Decline").click()
    await expect(page.get_by_text("No proof is waiting for review.")).to_be_visible()

    # The widget shows the feedback without a reload and offers to submit again.
    await expect(shown.locator(".feedback")).to_have_text(f"Feedback: {feedback}", timeout=15_000)
    await expect(shown.locator("form.proof-form button[type=submit]")).to_have_text("Submit again")
    await upload(widget, mission, "receipt-2.png")
    await expect(shown.locator(".submission")).to_have_text("Your submission: waiting for review")

    await page.get_by_role("button", name="Refresh").click()
    await image_shown(page)
    await page.get_by_role("button", name="Approve").click()
    await expect(page.get_by_text("No proof is waiting for review.")).to_be_visible()

    await tab(widget, "completed").click()
    await expect(card(widget, mission).locator(".ok")).to_have_text("Completed", timeout=15_000)
    await tab(widget, "wallet").click()
    await expect(panel(widget).locator("[data-points]")).to_have_text("40", timeout=15_000)
    await asyncio.sleep(1.5)  # a second payment would show by the next polls
    await expect(panel(widget).locator("[data-points]")).to_have_text("40")
    paid = await wallet(live, user)
    assert paid["points"] == 40
    assert [e["points"] for e in paid["ledger"] if e.get("mission_id") == mission] == [40]

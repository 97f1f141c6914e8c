"""The widget's actions on the real stack: an image proof uploaded, declined with feedback,
resubmitted and approved (paid once); a social check greyed out while it runs (and after a 429);
a Send Update reaching the inbox and marked read."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from playwright.async_api import Page, expect

from devstack.social_emulator import Emulator
from tests.browser.conftest import Live, api, create_mission, uid
from tests.browser.widget_support import card, open_widget, panel, png, tab

#: Records every value the upload progress bar takes (it is gone once the card shows the submission).
WATCH_UPLOAD = """() => {
  window.__upload = [];
  const root = document.querySelector('questline-missions').shadowRoot;
  new MutationObserver((changes) => {
    for (const c of changes) {
      if (c.target.classList && c.target.classList.contains('upload-bar')) {
        window.__upload.push(Number(c.target.getAttribute('aria-valuenow')));
      }
    }
  }).observe(root, {subtree: true, attributes: true, attributeFilter: ['aria-valuenow']});
}"""


async def pending_submission(live: Live, mission: str, user: str) -> dict[str, Any]:
    for _ in range(100):
        r = await api(
            live, "GET", "/v1/submissions", params={"status": "pending", "mission_id": mission, "user_id": user}
        )
        assert r.status_code == 200, r.text
        if r.json()["items"]:
            item: dict[str, Any] = r.json()["items"][0]
            return item
        await asyncio.sleep(0.1)
    raise AssertionError("no pending submission")


async def upload(page: Page, mission: str, name: str) -> None:
    form = card(page, mission).locator("form.proof-form")
    kinds = form.locator("input[type=radio][value=image]")
    if await kinds.count():  # offered only when the mission accepts more than one kind of proof
        await kinds.check()
    await form.locator(".pane-image input[type=file]").set_input_files(
        files=[{"name": name, "mimeType": "image/png", "buffer": png()}]
    )
    await page.evaluate(WATCH_UPLOAD)
    await form.locator("button[type=submit]").click()


async def test_an_image_proof_is_declined_with_feedback_resubmitted_approved_and_paid_once(
    page: Page, live: Live
) -> None:
    mission = await create_mission(
        live,
        {
            "type": "generally_available",
            "goal": {"kind": "manual", "proof": ["link", "image"], "approval": {"mode": "manual"}},
            "reward": {"points": 30},
        },
    )
    user = uid()
    await open_widget(page, live, user)
    shown = card(page, mission)
    await expect(shown.locator("form.proof-form")).to_be_visible()

    await upload(page, mission, "first.png")
    await expect(shown.locator(".submission")).to_have_text("Your submission: waiting for review")
    await expect(shown.locator("form.proof-form")).to_have_count(0)
    seen = await page.evaluate("window.__upload")
    assert seen and seen[-1] == 100, f"the upload progress bar never reached 100: {seen}"

    first = await pending_submission(live, mission, user)
    feedback = 'Too blurry <b>please</b> retake it & "crop"'
    r = await api(live, "POST", f"/v1/submissions/{first['id']}/decline", json={"feedback": feedback})
    assert r.status_code == 200, r.text
    await expect(shown.locator(".feedback")).to_have_text(f"Feedback: {feedback}", timeout=15_000)
    await expect(shown.locator(".submission")).to_have_text("Your submission: declined")
    await expect(shown.locator(".feedback b")).to_have_count(0)
    resubmit = shown.locator("form.proof-form button[type=submit]")
    await expect(resubmit).to_have_text("Submit again")

    await upload(page, mission, "second.png")
    await expect(shown.locator(".submission")).to_have_text("Your submission: waiting for review")
    second = await pending_submission(live, mission, user)
    assert second["id"] != first["id"]
    r = await api(live, "POST", f"/v1/submissions/{second['id']}/approve")
    assert r.status_code == 200, r.text

    await tab(page, "completed").click()
    done = card(page, mission)
    await expect(done.locator(".ok")).to_have_text("Completed", timeout=15_000)
    await tab(page, "wallet").click()
    await expect(panel(page).locator("[data-points]")).to_have_text("30", timeout=15_000)
    await asyncio.sleep(1.5)  # a second payment would show by the next polls
    await expect(panel(page).locator("[data-points]")).to_have_text("30")
    await expect(panel(page).locator(".wallet li", has_text="+30 points")).to_have_count(1)


async def test_the_verify_button_greys_out_with_a_countdown_while_the_check_runs_and_after_a_429(
    page: Page, live: Live, emulator_server: tuple[Emulator, str]
) -> None:
    emulator, _ = emulator_server
    brand, handle = f"b{uid('x')[2:12]}", f"u{uid('x')[2:12]}"
    follow = await create_mission(
        live,
        {
            "type": "generally_available",
            "goal": {"kind": "social", "platform": "x", "action": "follow", "target": f"@{brand}"},
            "reward": {"points": 7},
        },
    )
    other = await create_mission(
        live,
        {
            "type": "generally_available",
            "goal": {"kind": "social", "platform": "x", "action": "follow", "target": f"@{brand}2"},
        },
    )
    user = uid()
    r = await api(live, "PUT", f"/v1/users/{user}", who="client", json={"social": {"x": handle}})
    assert r.status_code == 200, r.text
    emulator.x.follow(handle, brand)
    await open_widget(page, live, user)
    shown = card(page, follow)
    button = shown.locator("button.verify")
    await expect(button).to_be_enabled()
    await expect(button).to_have_text("Done! Check it")
    await expect(shown.locator(".checked")).to_have_text(f"We check: follow @{brand} on X")

    await button.click()
    await expect(button).to_be_disabled()
    await expect(button).to_have_text(re.compile(r"^Checking… "))
    await expect(shown.locator(".verification")).to_have_text("Last check: Check in progress")
    ticking = await button.inner_text()
    # Another mission on the same platform waits: the API answers 429 with Retry-After.
    other_button = card(page, other).locator("button.verify")
    await other_button.click()
    await expect(other_button).to_be_disabled()
    await expect(other_button).to_have_text(re.compile(r"^Try again in \d+"))
    await asyncio.sleep(1.1)
    assert await button.inner_text() != ticking or not await button.is_visible(), "the check's countdown froze"

    # The platform shows the follow: the check passes, the mission completes and pays.
    await expect(shown).to_have_count(0, timeout=30_000)
    await tab(page, "completed").click()
    # The last result with its detail (the platform's own words, as text).
    await expect(card(page, follow).locator(".verification")).to_have_text(
        re.compile(rf"^Last check: Check passed — .*{handle}.*{brand}")
    )
    await tab(page, "wallet").click()
    await expect(panel(page).locator("[data-points]")).to_have_text("7", timeout=15_000)


async def test_a_send_update_reaches_the_inbox_unread_and_is_marked_read(page: Page, live: Live) -> None:
    user = uid()
    r = await api(live, "POST", "/v1/segments", json={"name": uid("seg")})
    assert r.status_code == 201, r.text
    segment = r.json()["id"]
    r = await live.stack.http.post(
        f"/v1/segments/{segment}/members",
        content=f"user_id\n{user}\n",
        headers={"Authorization": f"Bearer {live.admin_key}", "content-type": "text/csv"},
    )
    assert r.status_code == 200, r.text
    await open_widget(page, live, user)
    await tab(page, "inbox").click()
    await expect(panel(page)).to_contain_text("No messages.")
    await expect(tab(page, "inbox").locator(".count")).to_have_text("0")

    for title, body in (
        ("Older news", "First message"),
        ("Double points weekend", "Every mission pays twice.\nUntil Sunday."),
    ):
        r = await api(live, "POST", "/v1/broadcasts", json={"title": title, "body": body, "segment_id": segment})
        assert r.status_code == 201, r.text
        await asyncio.sleep(0.05)

    messages = panel(page).locator("article.message")
    await expect(messages).to_have_count(2, timeout=20_000)
    await expect(messages.nth(0).locator("h3")).to_have_text("Unread Double points weekend")
    await expect(messages.nth(0).locator(".text")).to_have_text("Every mission pays twice.\nUntil Sunday.")
    await expect(messages.nth(1).locator("h3")).to_have_text("Unread Older news")
    await expect(tab(page, "inbox").locator(".count")).to_have_text("2")

    await messages.nth(0).locator("button.mark-read").click()
    await expect(messages.nth(0)).not_to_have_class(re.compile(r"\bunread\b"))
    await expect(messages.nth(0).locator("button.mark-read")).to_have_count(0)
    await expect(tab(page, "inbox").locator(".count")).to_have_text("1")
    r = await api(live, "GET", f"/v1/users/{user}/inbox", who="client", params={"unread": "true"})
    assert [i["title"] for i in r.json()["items"]] == ["Older news"]

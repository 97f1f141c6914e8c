"""The console's review queue on the real stack: proofs inline, decline/approve from the keyboard."""

from __future__ import annotations

import struct
import zlib
from typing import Any
from urllib.parse import urlencode

from playwright.async_api import Page, expect

from tests.api.helpers import eventually
from tests.browser.conftest import Live, api, assert_accessible, create_mission, save_screenshot, uid

QUESTION = "Where did you hear of us?"
SCRIPT_TEXT = "<script>window.__pwned = 1</script><b>bold?</b> done"
LINK = "https://example.com/post/42?ref=a&b=c"


def png(width: int = 240, height: int = 140) -> bytes:
    """A real (decodable) RGB PNG, so the browser's <img> has a naturalWidth."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(
        b"\x00" + b"".join(bytes((x % 256, (y * 2) % 256, 200)) for x in range(width)) for y in range(height)
    )
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


async def manual_mission(live: Live, points: int = 25) -> tuple[str, str]:
    """An active manual mission (image, link, text or survey proof, approved by an admin)."""
    name = uid("Review me")
    body = {
        "name": name,
        "type": "generally_available",
        "goal": {
            "kind": "manual",
            "proof": ["image", "link", "text", "survey"],
            "approval": {"mode": "manual"},
            "questions": [{"id": "heard", "text": QUESTION}],
        },
        "reward": {"points": points},
    }
    return await create_mission(live, body), name


async def upload_png(live: Live, user: str, mission: str) -> dict[str, Any]:
    """The user uploads a PNG with their own token, as the widget would."""
    token = await live.user_token(user)
    r = await live.stack.http.post(
        f"/v1/me/missions/{mission}/submissions",
        files={"kind": (None, "image"), "file": ("proof.png", png(), "image/png")},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert r.status_code == 201, r.text
    result: dict[str, Any] = r.json()
    return result


async def submit(live: Live, user: str, mission: str, kind: str, value: Any) -> dict[str, Any]:
    r = await api(
        live,
        "POST",
        f"/v1/users/{user}/missions/{mission}/submissions",
        who="client",
        json={"proof": {"kind": kind, "value": value}},
    )
    assert r.status_code == 201, r.text
    result: dict[str, Any] = r.json()
    return result


async def submission(live: Live, sub_id: str, mission: str) -> dict[str, Any]:
    r = await api(live, "GET", "/v1/submissions", params={"mission_id": mission, "limit": 500})
    assert r.status_code == 200, r.text
    [found] = [s for s in r.json()["items"] if s["id"] == sub_id]
    return found


async def open_console(page: Page, live: Live, route: str) -> None:
    """Opens the console at `route` (e.g. "#/review?mission_id=...") and signs in there.

    Signing in at the page itself, not at the missions page and then moving on: the shell does
    not drop a page that finishes loading after the next one was asked for, so that would race."""
    await page.goto(f"{live.url}/console{route}")
    await page.get_by_label("Admin key").fill(live.admin_key)
    await page.get_by_role("button", name="Sign in").click()


async def open_queue(page: Page, live: Live, **query: str) -> None:
    await open_console(page, live, "#/review?" + urlencode(query))
    await expect(page.get_by_role("heading", name="Review queue", level=1)).to_be_visible()


async def image_shown(page: Page) -> None:
    await page.wait_for_function(
        "() => { const i = document.querySelector('.proof img'); return !!i && i.complete && i.naturalWidth > 0; }",
        timeout=10_000,
    )


async def test_an_image_proof_is_declined_then_approved_from_the_keyboard(live: Live, page: Page) -> None:
    mission, name = await manual_mission(live)
    user = uid("reviewee")
    first = await upload_png(live, user, mission)
    await open_queue(page, live, mission_id=mission)

    detail = page.get_by_role("region", name="Selected proof")
    await expect(detail.get_by_role("heading", name=name)).to_be_visible()
    await expect(page.locator("#queue-size .value")).to_have_text("1")
    await expect(page.locator("#queue-oldest .label")).to_contain_text("oldest")
    await expect(page.locator("#queue-total .label")).to_contain_text("pending in the whole queue")
    await image_shown(page)
    img = detail.get_by_role("img")
    assert (await img.get_attribute("src") or "").startswith("blob:")
    assert await img.evaluate("i => i.naturalWidth") == 240
    await expect(detail.get_by_role("link", name=user)).to_have_attribute("href", f"#/users/{user}")
    await expect(page.get_by_role("region", name="Keyboard shortcuts").locator("kbd").first).to_have_text("j")
    await assert_accessible(page, context="on the review queue")
    await save_screenshot(page, "console-review")

    # A shortcut typed into a field is text: "a" in the user filter approves nothing.
    await page.get_by_label("User id").fill("a")
    await page.get_by_label("User id").press("a")
    await page.get_by_label("User id").fill("")
    assert (await submission(live, first["id"], mission))["status"] == "pending"

    # d focuses the feedback box; Ctrl+Enter declines with it.
    await page.locator("body").click(position={"x": 5, "y": 5})
    await page.keyboard.press("d")
    feedback = page.get_by_label("Feedback for the user (shown to them when declined)")
    await expect(feedback).to_be_focused()
    await page.keyboard.type("The photo is too blurry: <b>retake</b> it.")
    await page.keyboard.press("Control+Enter")
    await expect(page.locator("#queue-size .value")).to_have_text("0")
    await expect(page.get_by_text("No proof is waiting for review.")).to_be_visible()
    declined = await submission(live, first["id"], mission)
    assert declined["status"] == "declined"
    assert declined["feedback"] == "The photo is too blurry: <b>retake</b> it."
    view = (await api(live, "GET", f"/v1/users/{user}/missions/{mission}", who="client")).json()
    assert view["submission"]["feedback"] == declined["feedback"]

    # The user sends a new photo; the admin approves it with "a": paid once.
    second = await upload_png(live, user, mission)
    await page.get_by_role("button", name="Refresh").click()
    await expect(page.locator("#queue-size .value")).to_have_text("1")
    await image_shown(page)
    await page.keyboard.press("a")
    await expect(page.locator("#queue-size .value")).to_have_text("0")
    assert (await submission(live, second["id"], mission))["status"] == "approved"

    async def paid() -> dict[str, Any] | None:
        wallet = (await api(live, "GET", f"/v1/users/{user}/wallet", who="client")).json()
        return wallet if wallet["points"] else None

    wallet = await eventually(paid, within=15)
    assert wallet["points"] == 25
    assert [e["points"] for e in wallet["ledger"] if e["mission_id"] == mission] == [25]
    # Pressing "a" again with an empty queue does nothing (and pays nothing).
    await page.keyboard.press("a")
    assert (await api(live, "GET", f"/v1/users/{user}/wallet", who="client")).json()["points"] == 25


async def test_link_text_and_survey_proofs_are_shown_as_text_and_safe_links(live: Live, page: Page) -> None:
    mission, _ = await manual_mission(live)
    linker, writer, answerer = uid("linker"), uid("writer"), uid("answerer")
    await submit(live, linker, mission, "link", LINK)
    await submit(live, writer, mission, "text", SCRIPT_TEXT)
    await submit(live, answerer, mission, "survey", {"heard": "A friend <i>told</i> me"})
    await open_queue(page, live, mission_id=mission)
    await expect(page.locator("#queue-size .value")).to_have_text("3")
    detail = page.get_by_role("region", name="Selected proof")

    # Oldest first: the link.
    link = detail.locator("a.proof-link")
    await expect(link).to_have_text(LINK)
    await expect(link).to_have_attribute("href", LINK)
    await expect(link).to_have_attribute("rel", "noopener noreferrer")
    await expect(link).to_have_attribute("target", "_blank")

    # j: the text, as text (no script ran, no element made of it).
    await page.locator("body").click(position={"x": 5, "y": 5})
    await page.keyboard.press("j")
    await expect(detail.locator(".proof-text")).to_have_text(SCRIPT_TEXT)
    assert await detail.locator(".proof script, .proof b").count() == 0
    assert await page.evaluate("() => window.__pwned") is None
    await expect(detail.get_by_role("link", name=writer)).to_be_visible()

    # ↓: the survey, question → answer.
    await page.keyboard.press("ArrowDown")
    await expect(detail.locator(".proof-survey dt")).to_have_text(QUESTION)
    await expect(detail.locator(".proof-survey dd")).to_have_text("A friend <i>told</i> me")
    await page.keyboard.press("k")
    await expect(detail.locator(".proof-text")).to_have_text(SCRIPT_TEXT)

    # Filter by user: only theirs.
    await page.get_by_label("User id").fill(answerer)
    await page.get_by_role("button", name="Filter").click()
    await expect(page.locator("#queue-size .value")).to_have_text("1")
    await expect(detail.locator(".proof-survey dd")).to_have_text("A friend <i>told</i> me")
    assert f"user_id={answerer}" in page.url and f"mission_id={mission}" in page.url
    await assert_accessible(page, context="on the review queue filtered by user")

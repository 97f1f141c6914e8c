"""The proof kinds of issue 17 in the browser: the widget's proof form takes a LinkedIn post URL and
uploads a PDF document, and the console's review queue shows each (the post as a safe link, the
document as a download fetched with the admin key)."""

from __future__ import annotations

import asyncio
from typing import Any

from playwright.async_api import FilePayload, Page, expect

from tests.browser.conftest import Live, api, assert_accessible, create_mission, uid
from tests.browser.test_widget_actions import pending_submission
from tests.browser.widget_support import card, open_widget

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
POST = "https://www.linkedin.com/posts/jane-doe_launch-activity-7260000000000000000-AbCd"


async def _mission(live: Live, name: str) -> str:
    goal = {"kind": "manual", "proof": ["linkedin_post", "document"], "approval": {"mode": "manual"}}
    return await create_mission(live, {"name": name, "type": "generally_available", "goal": goal})


async def test_a_linkedin_post_and_a_pdf_are_submitted_from_the_widget_and_reviewed(page: Page, live: Live) -> None:
    name = uid("Share and brief")
    mission = await _mission(live, name)
    poster, writer = uid(), uid()

    # A LinkedIn post URL, typed in the card.
    await open_widget(page, live, poster)
    shown = card(page, mission)
    await expect(shown.locator(".proof-kinds")).to_have_text("Accepted proof: LinkedIn post, Document (PDF)")
    form = shown.locator("form.proof-form")
    await form.get_by_label("Link to your LinkedIn post (https://www.linkedin.com/posts/…)").fill("https://x.com/a/1")
    await form.locator("button[type=submit]").click()
    await expect(form.locator(".status")).to_contain_text("not a linkedin.com URL")
    await form.get_by_label("Link to your LinkedIn post (https://www.linkedin.com/posts/…)").fill(POST)
    await form.locator("button[type=submit]").click()
    await expect(shown.locator(".submission")).to_have_text("Your submission: waiting for review")
    assert (await pending_submission(live, mission, poster))["proof"] == {"kind": "linkedin_post", "value": POST}

    # A PDF, uploaded from the Document pane.
    await open_widget(page, live, writer)
    form = card(page, mission).locator("form.proof-form")
    await form.get_by_label("Document (PDF)").check()
    file_input = form.locator(".pane-document input[type=file]")
    assert await file_input.get_attribute("accept") == "application/pdf"
    await file_input.set_input_files(files=[FilePayload(name="brief.pdf", mimeType="application/pdf", buffer=PDF)])
    await form.locator("button[type=submit]").click()
    await expect(card(page, mission).locator(".submission")).to_have_text("Your submission: waiting for review")
    sub = await pending_submission(live, mission, writer)
    assert sub["proof"]["kind"] == "document" and sub["proof"]["upload"]["content_type"] == "application/pdf"

    # The review queue: the post as a link, the document as a download.
    await page.goto(f"{live.url}/console#/review?mission_id={mission}")
    await page.get_by_label("Admin key").fill(live.admin_key)
    await page.get_by_role("button", name="Sign in").click()
    detail = page.get_by_role("region", name="Selected proof")
    await expect(detail.get_by_role("heading", name=name)).to_be_visible()
    found: dict[str, Any] = {}
    for _ in range(2):
        if await detail.locator("a.proof-link").count():
            found["post"] = await detail.locator("a.proof-link").get_attribute("href")
        if await detail.locator("a.proof-document").count():
            document = detail.locator("a.proof-document")
            await expect(document).to_have_text("Download the document (brief.pdf)")
            found["document"] = await document.get_attribute("href")
            await assert_accessible(page, context="a document proof in the review queue")
        if len(found) == 2:
            break
        await page.keyboard.press("j")
        await asyncio.sleep(0.3)
    assert found.get("post") == POST
    assert str(found.get("document", "")).startswith("blob:")
    r = await api(live, "GET", "/v1/submissions", params={"mission_id": mission, "status": "pending"})
    assert len(r.json()["items"]) == 2

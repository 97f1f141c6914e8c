"""The console's Notifications page on the real stack (issue 17): a template with an unknown
placeholder shows the API's refusal beside its field, then saves; an email channel for Send Update
only added in the page; a delivery the local SMTP server refused is listed failed with its SMTP answer, and the
page's Retry delivers it to the real (aiosmtpd) server."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from playwright.async_api import Page, expect
from temporalio.testing import WorkflowEnvironment

from devstack.processes import free_port
from devstack.social_emulator import Emulator
from tests.api.helpers import eventually
from tests.api.test_notifications import Mailbox
from tests.browser.conftest import Live, api, assert_accessible, create_mission, save_screenshot, serve_stack, uid
from tests.browser.test_console_shell import sign_in

FROM = "console@questline.test"


@pytest.fixture(scope="module")
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    box = Mailbox()
    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield box, port
    finally:
        controller.stop()


@pytest.fixture(scope="module")
async def live(
    database_url: str,
    dev_env: WorkflowEnvironment,
    tmp_path_factory: pytest.TempPathFactory,
    emulator_server: tuple[Emulator, str],
    mailbox: tuple[Mailbox, int],
) -> AsyncIterator[Live]:
    """This module's own served stack: its settings name the local SMTP server."""
    _, port = mailbox
    uploads = tmp_path_factory.mktemp("notification-uploads")
    async with serve_stack(
        database_url,
        dev_env,
        emulator_server,
        uploads,
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_from=FROM,
        smtp_security="none",
    ) as served:
        yield served


async def ok(live: Live, method: str, path: str, *, who: str = "admin", status: int = 200, **kw: Any) -> Any:
    r = await api(live, method, path, who=who, **kw)
    assert r.status_code == status, r.text
    return r.json() if r.content else None


async def test_templates_channels_and_a_refused_email_retried_from_the_page(
    live: Live, page: Page, mailbox: tuple[Mailbox, int]
) -> None:
    box, _ = mailbox
    channel = None
    try:
        await sign_in(page, live)
        await (
            page.get_by_role("navigation", name="Console").get_by_role("link", name="Notifications", exact=True).click()
        )
        await expect(page.get_by_role("heading", name="Notifications", level=1)).to_be_visible()

        # A template naming a placeholder the API does not know: the refusal shows beside Text.
        await page.get_by_label("Event", exact=True).select_option("send_update")
        form = page.get_by_role("form", name="Template: Send Update")
        await expect(form.locator("[data-template-state]")).to_contain_text("default")
        await form.get_by_label("Text", exact=True).fill("Hi {{firstName}}: {{customText}}")
        await form.get_by_role("button", name="Save template").click()
        text = form.get_by_label("Text", exact=True)
        await expect(text).to_have_attribute("aria-invalid", "true")
        await expect(form.locator("#tpl-text-error")).to_contain_text("unknown placeholder {{firstName}}")
        assert (await ok(live, "GET", "/v1/notifications/templates/send_update"))["default"] is True
        await assert_accessible(page, context="with a 422 on the template form")

        await text.fill("News for {{userId}}: {{customText}}")
        await form.get_by_role("button", name="Save template").click()
        await expect(page.get_by_role("status").filter(has_text="Template saved.")).to_be_visible()
        saved = page.get_by_role("form", name="Template: Send Update")
        await expect(saved.locator("[data-template-state]")).to_contain_text("Saved")
        assert (await ok(live, "GET", "/v1/notifications/templates/send_update"))["text"] == (
            "News for {{userId}}: {{customText}}"
        )

        # A preview of an unsaved edit: refused beside its field, then shown as text.
        await saved.get_by_label("Subject").fill("About {{mission}}")
        await saved.get_by_role("button", name="Preview").click()
        await expect(saved.locator("#tpl-subject-error")).to_contain_text("unknown placeholder {{mission}}")
        await saved.get_by_label("Subject").fill("About {{missionName}}")
        await saved.get_by_label("HTML (optional)").fill("<p>{{customText}}</p>")
        await saved.get_by_role("button", name="Preview").click()
        preview = page.get_by_role("region", name="Preview (sample values)")
        await expect(preview.locator('[data-preview="subject"]')).to_have_text("About Morning yoga")
        await expect(preview.locator('[data-preview="html"]')).to_have_text(
            "<p>Great photo, but the date is missing.</p>"
        )
        await expect(saved.get_by_label("Subject")).not_to_have_attribute("aria-invalid", "true")
        await assert_accessible(page, context="with a template preview")

        # An email channel added in the page.
        name = uid("Mail")
        add = page.get_by_role("form", name="Add a channel")
        await add.get_by_label("Kind").select_option("email")
        await add.get_by_label("Name").fill(name)
        for other in ("Mission available", "Submission declined", "Mission completed"):
            await add.get_by_label(other).uncheck()
        await add.get_by_role("button", name="Add channel").click()
        await expect(page.get_by_role("status").filter(has_text="Channel added.")).to_be_visible()
        listed = page.locator("tr", has_text=name)
        await expect(listed).to_contain_text("user attribute email")
        await expect(listed).to_contain_text("Send Update")
        await expect(listed).not_to_contain_text("Mission completed")
        channel = next(
            c["id"] for c in (await ok(live, "GET", "/v1/notifications/channels"))["items"] if c["name"] == name
        )

        # A Send Update whose email the SMTP server refuses: failed at once, with its answer.
        mission = await create_mission(
            live,
            {
                "name": uid("News"),
                "type": "generally_available",
                "goal": {"kind": "event", "event_type": uid("ev"), "count": 5},
            },
        )
        user = uid("u")
        address = f"{user}@example.test"
        await ok(live, "PUT", f"/v1/users/{user}", who="client", json={"attributes": {"email": address}})
        box.refuse.add(address)
        await page.reload()
        update = page.get_by_role("form", name="Send an update to a mission's users")
        await update.get_by_label("Mission").select_option(mission)
        await update.get_by_role("button", name="Send update").click()
        await expect(update.locator("#up-text-error")).to_contain_text("at least 1 character")
        await update.get_by_label("Message").fill("doors open")
        await update.get_by_label("Only these users").fill(user)
        await update.get_by_role("button", name="Send update").click()
        await expect(update.locator("[data-update-result]")).to_have_text("Sent to 1 user: 1 delivery enqueued.")

        async def failed() -> dict[str, Any] | None:
            page_ = await ok(
                live, "GET", "/v1/notifications/deliveries", params={"status": "failed", "mission_id": mission}
            )
            return page_["items"][0] if page_["items"] else None

        delivery = await eventually(failed, within=30)
        await page.reload()
        row = page.locator(f'tr:has(code[title="{delivery["id"]}"])')
        await expect(row.locator("[data-status]")).to_have_text("failed")
        await expect(row.locator("[data-answer]")).to_contain_text("SMTP 550")
        await expect(row.locator("[data-attempts]")).to_have_text("1")
        await assert_accessible(page, context="on the notifications page")
        await row.scroll_into_view_if_needed()
        await save_screenshot(page, "console-notifications")

        box.refuse.discard(address)
        await row.get_by_role("button", name="Retry").click()
        await expect(row.locator("[data-result]")).to_contain_text("Delivered.", timeout=20_000)
        await expect(row.locator("[data-status]")).to_have_text("delivered")
        (message,) = box.to(address)
        body = message.get_body(preferencelist=("plain",))
        assert body is not None and body.get_content().strip() == f"News for {user}: doors open"
    finally:
        if channel is not None:
            await ok(live, "DELETE", f"/v1/notifications/channels/{channel}", status=204)
        await ok(live, "DELETE", "/v1/notifications/templates/send_update")

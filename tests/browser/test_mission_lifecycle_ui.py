"""The console's mission page in real Chromium on the real stack: pause and resume (the state and
its note shown, the buttons that fit it), and delete with the mission's id typed to confirm (the
deletion's record shown after)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from playwright.async_api import BrowserContext, Page, expect

from tests.browser.conftest import Live, api, assert_accessible
from tests.browser.test_console_missions import open_console


@pytest.fixture(autouse=True)
async def no_uncaught_errors(context: BrowserContext) -> Any:
    """Every test also fails on an uncaught exception in the page's scripts."""
    seen: list[str] = []
    context.on("weberror", lambda e: seen.append(str(e.error)))
    yield
    assert not seen, f"uncaught errors in the page: {seen}"


async def active_mission(live: Live) -> dict[str, Any]:
    body = {
        "name": f"Lifecycle {uuid.uuid4().hex[:10]}",
        "type": "generally_available",
        "goal": {"kind": "event", "event_type": f"t-{uuid.uuid4().hex[:8]}", "count": 2},
        "reward": {"points": 5},
    }
    r = await api(live, "POST", "/v1/missions", json=body)
    assert r.status_code == 201, r.text
    mission: dict[str, Any] = r.json()
    r = await api(live, "POST", f"/v1/missions/{mission['id']}/activate")
    assert r.status_code == 200, r.text
    return mission


async def test_pause_shows_the_paused_state_and_resume_brings_it_back(live: Live, page: Page) -> None:
    mission = await active_mission(live)
    await open_console(page, live, f"missions/{mission['id']}")
    badge = page.locator("main h1 .badge")
    await expect(badge).to_have_text("active")
    await expect(page.get_by_role("button", name="Resume")).to_have_count(0)

    await page.get_by_role("button", name="Pause").click()
    dialog = page.get_by_role("dialog")
    await expect(dialog).to_contain_text("Deadlines keep running")
    await dialog.get_by_role("button", name="Pause").click()
    await expect(badge).to_have_text("paused")
    await expect(page.locator(".paused-note")).to_contain_text("deadlines keep running")
    assert (await api(live, "GET", f"/v1/missions/{mission['id']}")).json()["status"] == "paused"
    await expect(page.get_by_role("button", name="Pause")).to_have_count(0)
    await assert_accessible(page, context="on a paused mission's page")

    await page.get_by_role("button", name="Resume").click()
    await expect(badge).to_have_text("active")
    await expect(page.locator(".paused-note")).to_have_count(0)
    assert (await api(live, "GET", f"/v1/missions/{mission['id']}")).json()["status"] == "active"


async def test_delete_asks_for_the_missions_id_and_shows_the_deletion_record(live: Live, page: Page) -> None:
    mission = await active_mission(live)
    await open_console(page, live, f"missions/{mission['id']}")
    await page.get_by_role("button", name="Delete").click()
    dialog = page.get_by_role("dialog")
    await expect(dialog).to_contain_text("takes back every point")
    # The wrong id: refused (422), nothing deleted.
    await dialog.get_by_label("Type the mission's id to confirm").fill("mis_wrong")
    await dialog.get_by_role("button", name="Delete").click()
    await expect(page.locator("main .action-status").first).to_contain_text("confirm")
    assert (await api(live, "GET", f"/v1/missions/{mission['id']}")).json()["status"] == "active"

    await page.get_by_role("button", name="Delete").click()
    dialog = page.get_by_role("dialog")
    await dialog.get_by_label("Type the mission's id to confirm").fill(mission["id"])
    await dialog.get_by_role("button", name="Delete").click()
    await expect(page.locator("main h1 .badge")).to_have_text("deleted")
    facts = page.locator(".deletion-facts")
    await expect(facts).to_contain_text("Completed")
    await expect(facts).to_contain_text("console")
    await expect(page.get_by_role("button", name="Delete")).to_have_count(0)
    await expect(page.get_by_role("button", name="Pause")).to_have_count(0)
    record = (await api(live, "GET", f"/v1/missions/{mission['id']}/deletion")).json()
    assert record["status"] == "completed" and record["requested_by"] == "console"

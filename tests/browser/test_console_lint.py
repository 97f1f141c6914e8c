"""The mission lint in the console, in real Chromium on the real stack: "Check" on the mission form
shows the findings beside the fields they name and lists them (nothing is saved); an activation the
lint refuses offers "Activate anyway"; one it lets through shows its warnings.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from playwright.async_api import BrowserContext, Page, expect

from tests.browser.conftest import Live, api, assert_accessible, create_mission, uid
from tests.browser.test_console_shell import sign_in


@pytest.fixture(autouse=True)
async def no_uncaught_errors(context: BrowserContext) -> Any:
    """Every test also fails on an uncaught exception in the page's scripts."""
    seen: list[str] = []
    context.on("weberror", lambda e: seen.append(str(e.error)))
    yield
    assert not seen, f"uncaught errors in the page: {seen}"


async def _open(page: Page, live: Live, route: str) -> None:
    await sign_in(page, live)
    await expect(page.get_by_role("navigation", name="Console")).to_be_visible()
    await page.evaluate("r => { location.hash = r; }", f"#/{route}")
    await expect(page.locator("main h1")).to_be_visible()


async def _missions_named(live: Live, name: str) -> list[dict[str, Any]]:
    r = await api(live, "GET", "/v1/missions", params={"q": name})
    assert r.status_code == 200, r.text
    items: list[dict[str, Any]] = r.json()["items"]
    return items


async def _error_of(page: Page, label: str) -> Any:
    control = page.get_by_label(label, exact=True)
    await expect(control).to_have_attribute("aria-invalid", "true")
    return page.locator(f"#{await control.get_attribute('id')}-error")


async def test_check_shows_findings_beside_their_fields_and_activate_anyway_forces(live: Live, page: Page) -> None:
    name = f"Lint me {uuid.uuid4().hex[:10]}"
    typo = f"depsoit_{uuid.uuid4().hex[:8]}"  # no event of this type was ever sent
    await _open(page, live, "missions/new")
    await page.get_by_label("Name", exact=True).fill(name)
    await page.get_by_label("Event type").fill(typo)
    await page.get_by_label("Reward", exact=True).select_option("points")
    await page.get_by_label("Points", exact=True).fill("100")
    await page.get_by_label("Budget cap").select_option("points")
    await page.get_by_label("Points cap").fill("10")
    await page.get_by_role("button", name="Check").click()

    panel = page.get_by_role("region", name="Check: 1 error, 1 warning")
    await expect(panel).to_be_visible()
    await expect(panel.locator("li")).to_have_count(2)
    await expect(panel.locator("li").nth(0)).to_contain_text("budget_below_reward")
    await expect(panel.locator("li").nth(0)).to_contain_text("Error")
    await expect(panel.locator("li").nth(1)).to_contain_text("event_type_unused")
    await expect(await _error_of(page, "Points cap")).to_contain_text("Error: the budget cap (10 points) is below")
    await expect(await _error_of(page, "Event type")).to_contain_text(f"Warning: no event of type '{typo}'")
    await expect(page.get_by_label("Name", exact=True)).not_to_have_attribute("aria-invalid", "true")
    assert await _missions_named(live, name) == []  # a check saves nothing
    await assert_accessible(page, context="on the form showing lint findings")

    # Fixed, the check says so and the marks go.
    await page.get_by_label("Points cap").fill("1000")
    await page.get_by_role("button", name="Check").click()
    await expect(page.get_by_role("region", name="Check: 1 warning")).to_be_visible()
    await expect(page.get_by_label("Points cap")).not_to_have_attribute("aria-invalid", "true")

    # Broken again and activated: saved as a draft, refused by the lint, then forced.
    await page.get_by_label("Points cap").fill("10")
    await page.get_by_role("button", name="Create and activate").click()
    refused = page.get_by_role("region", name="Not activated: the lint found errors")
    await expect(refused).to_be_visible()
    await expect(refused).to_contain_text("budget_below_reward")
    await expect(page.locator("main h1 .badge")).to_have_text("draft")
    [mission] = await _missions_named(live, name)
    assert mission["status"] == "draft"
    await assert_accessible(page, context="on a mission the lint refused to activate")
    await refused.get_by_role("button", name="Activate anyway").click()
    await expect(page.locator("main h1 .badge")).to_have_text("active")
    forced = page.get_by_role("region", name="Activated with 1 error, 1 warning")
    await expect(forced).to_be_visible()
    assert (await _missions_named(live, name))[0]["status"] == "active"


async def test_the_detail_page_shows_an_activations_warnings_and_offers_to_force_a_refusal(
    live: Live, page: Page
) -> None:
    event_type = uid("lint")
    warned = await create_mission(
        live,
        {"type": "generally_available", "goal": {"kind": "event", "event_type": event_type, "count": 1}},
        activate=False,
    )
    await _open(page, live, f"missions/{warned}")
    await page.get_by_role("button", name="Activate", exact=True).click()
    await expect(page.locator("main h1 .badge")).to_have_text("active")
    panel = page.get_by_role("region", name="Activated with 1 warning")
    await expect(panel).to_contain_text("goal.event_type")
    await expect(panel).to_contain_text(f"no event of type '{event_type}' arrived in the last 30 days")
    await expect(panel.get_by_role("button", name="Activate anyway")).to_have_count(0)
    await assert_accessible(page, context="on a mission activated with warnings")

    # A locked mission waiting for a mission that waits for it can never be unlocked.
    goal = {"kind": "event", "event_type": event_type, "count": 1}
    first = await create_mission(
        live, {"type": "locked", "unlock": {"after_missions": []}, "goal": goal}, activate=False
    )
    second = await create_mission(
        live, {"type": "locked", "unlock": {"after_missions": [first]}, "goal": goal}, activate=False
    )
    r = await api(live, "PATCH", f"/v1/missions/{first}", json={"unlock": {"after_missions": [second]}})
    assert r.status_code == 200, r.text
    await page.evaluate("r => { location.hash = r; }", f"#/missions/{first}")
    await expect(page.locator("main h1 .badge")).to_have_text("draft")
    await page.get_by_role("button", name="Activate", exact=True).click()
    refused = page.get_by_role("region", name="Not activated: the lint found errors")
    await expect(refused).to_contain_text("unlock_cycle")
    await expect(refused).to_contain_text(second)
    r = await api(live, "GET", f"/v1/missions/{first}")
    assert r.json()["status"] == "draft"
    await refused.get_by_role("button", name="Activate anyway").click()
    await expect(page.locator("main h1 .badge")).to_have_text("active")
    # The cycle (forced), the draft prerequisite and the event type nobody sent yet.
    forced = page.get_by_role("region", name="Activated with 1 error, 2 warnings")
    await expect(forced).to_contain_text("unlock_cycle")
    await expect(forced).to_contain_text("prerequisite_draft")

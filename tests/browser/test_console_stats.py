"""The console's statistics page on the real stack: a mission with completions made through the API,
picked on the page, its charts (SVG, read through their accessible names and data) show the right
totals; another mission's pending proof shows in the review queue tiles; the period and a refused
window; accessible (axe-core), usable at 800 px, and a screenshot for the README."""

from __future__ import annotations

import asyncio
import re
import uuid
from typing import Any

from playwright.async_api import Page, expect

from devstack.social_emulator import Emulator
from tests.browser.conftest import Live, api, assert_accessible, create_mission, save_screenshot, uid
from tests.browser.test_console_shell import sign_in


async def _tab(live: Live, user: str, mission: str) -> tuple[str, int]:
    r = await api(live, "GET", f"/v1/users/{user}/missions/{mission}", who="client")
    assert r.status_code == 200, r.text
    return r.json()["tab"], r.json()["progress"]["current"]


async def _until(live: Live, user: str, mission: str, tab: str, current: int) -> None:
    for _ in range(200):
        if await _tab(live, user, mission) == (tab, current):
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{user} never reached {tab} {current} on {mission}")


async def _checked(live: Live, user: str, mission: str, status: str) -> None:
    for _ in range(400):
        r = await api(live, "GET", f"/v1/users/{user}/missions/{mission}", who="client")
        check = r.json().get("verification") or {}
        if check.get("status") == status:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{user}'s check on {mission} never became {status}")


async def test_statistics_of_a_picked_mission_show_its_totals_in_charts(
    live: Live, page: Page, emulator_server: tuple[Emulator, str]
) -> None:
    event = uid("played")
    name = f"Stats walk {uuid.uuid4().hex[:6]}"
    mission = await create_mission(
        live,
        {
            "name": name,
            "type": "generally_available",
            "goal": {"kind": "event", "event_type": event, "count": 2},
            "reward": {"points": 5},
        },
    )
    done = [uid("u"), uid("u")]
    halfway = uid("u")
    for user, times in ((done[0], 2), (done[1], 2), (halfway, 1)):
        for _ in range(times):
            body = {"id": uid("e"), "user_id": user, "type": event}
            r = await api(live, "POST", "/v1/events", who="client", json=body)
            assert r.status_code == 202, r.text
    for user in done:
        await _until(live, user, mission, "completed", 2)
    await _until(live, halfway, mission, "available", 1)

    manual_name = f"Stats proof {uuid.uuid4().hex[:6]}"
    manual = await create_mission(
        live,
        {
            "name": manual_name,
            "type": "generally_available",
            "goal": {"kind": "manual", "proof": ["text"], "approval": {"mode": "manual"}},
        },
    )
    r = await api(
        live,
        "POST",
        f"/v1/users/{uid('u')}/missions/{manual}/submissions",
        who="client",
        json={"proof": {"kind": "text", "value": "here"}},
    )
    assert r.status_code == 201 and r.json()["status"] == "pending", r.text

    # A social mission: one user's check passes (the emulator shows the follow), one's finds nothing.
    emu, _ = emulator_server
    brand = f"b{uuid.uuid4().hex[:12]}"
    social_name = f"Stats follow {uuid.uuid4().hex[:6]}"
    social = await create_mission(
        live,
        {
            "name": social_name,
            "type": "generally_available",
            "goal": {"kind": "social", "platform": "x", "action": "follow", "target": f"@{brand}"},
            "reward": {"points": 3},
        },
    )
    follower, later = uid("u"), uid("u")
    for user in (follower, later):
        handle = f"h{uuid.uuid4().hex[:12]}"
        r = await api(live, "PUT", f"/v1/users/{user}", who="client", json={"social": {"x": handle}})
        assert r.status_code == 200, r.text
        if user == follower:
            emu.x.follow(handle, brand)
    r = await api(live, "POST", f"/v1/users/{follower}/missions/{social}/verify", who="client")
    assert r.status_code == 202, r.text
    await _until(live, follower, social, "completed", 1)
    r = await api(live, "POST", f"/v1/users/{later}/missions/{social}/verify", who="client")
    assert r.status_code == 202, r.text
    await _checked(live, later, social, "failed")  # not found on its first look

    await sign_in(page, live)
    await page.get_by_role("navigation", name="Console").get_by_role("link", name="Statistics").click()
    await expect(page.get_by_role("heading", name="Statistics", level=1)).to_be_visible()
    await expect(page.locator("#chart-completions")).to_be_visible()

    await page.get_by_label("Mission").select_option(label=f"{name} (active)")
    await expect(page.locator(".stats-scope strong")).to_have_text(name)
    await expect(page.locator("#tile-completions .value")).to_have_text("2")
    await expect(page.locator("#tile-points .value")).to_have_text("10")
    await expect(page.locator("#tile-rate .value")).to_have_text("67%")

    completions = page.get_by_role("img", name="Completions per day", exact=False)
    await expect(completions).to_have_attribute(
        "aria-label", "Completions per day. " + await _summary(page, "completions")
    )
    label = await completions.get_attribute("aria-label")
    assert label is not None and "2 completions over 30 days" in label, label
    # Today (the last day in the browser's zone) holds both completions; the other days are zero.
    hits = page.locator("#chart-completions .hits rect")
    await expect(hits).to_have_count(30)
    assert await hits.last.get_attribute("data-value") == "2"
    values = [await hits.nth(i).get_attribute("data-value") for i in range(29)]
    assert set(values) == {"0"}, values

    points = page.get_by_role("img", name="Points granted per day", exact=False)
    label = await points.get_attribute("aria-label")
    assert label is not None and "10 points over 30 days" in label, label
    # Focus shows the last day's value; the arrow keys move along the days.
    await points.focus()
    await expect(page.locator("#chart-points-readout")).to_have_text(_ends_with(": 10 points"))
    await page.keyboard.press("ArrowLeft")
    await expect(page.locator("#chart-points-readout")).to_have_text(_ends_with(": 0 points"))

    funnel = page.get_by_role("img", name="Funnel", exact=False)
    await expect(funnel).to_have_attribute(
        "aria-label",
        "Funnel. Saw 3, Opted in 3 (100% of saw), Progressed 3 (100% of saw), Completed 2 (67% of saw).",
    )
    await expect(page.locator('#chart-funnel [data-step="completed"] .funnel-value')).to_have_text("2 · 67%")
    await expect(page.locator("#chart-social")).to_contain_text("No social checks")
    await expect(page.locator("#tile-pending .value")).to_have_text("0")
    assert "mission=" + mission in page.url

    await assert_accessible(page, context="on the statistics page")
    await points.blur()
    await save_screenshot(page, "console-stats", full_page=True)

    # Another mission: its pending proof is the review queue's.
    await page.get_by_label("Mission").select_option(label=f"{manual_name} (active)")
    await expect(page.locator(".stats-scope strong")).to_have_text(manual_name)
    await expect(page.locator("#tile-pending .value")).to_have_text("1")
    await expect(page.locator("#tile-median .value")).to_have_text(_ends_with(" s"))
    await expect(page.locator("#tile-completions .value")).to_have_text("0")
    label = await page.get_by_role("img", name="Funnel", exact=False).get_attribute("aria-label")
    assert label is not None and label.startswith("Funnel. Saw 1, Opted in 1 (100% of saw), Progressed 1"), label

    # The social mission: its checks by outcome on its platform.
    await page.get_by_label("Mission").select_option(label=f"{social_name} (active)")
    await expect(page.locator(".stats-scope strong")).to_have_text(social_name)
    chart = page.get_by_role("img", name="Social checks by outcome per platform", exact=False)
    await expect(chart).to_have_attribute(
        "aria-label", "Social checks by outcome per platform. 2 checks. x: 2 checks (passed 1, failed 1)."
    )
    await expect(page.locator('#chart-social [data-platform="x"] [data-outcome="passed"]')).to_have_attribute(
        "data-value", "1"
    )
    await expect(page.locator("#tile-points .value")).to_have_text("3")
    await assert_accessible(page, context="on the statistics page with social checks")

    # The period: a week of days; a backwards custom window is refused beside its field.
    await page.get_by_label("Period").select_option(label="Last 7 days")
    await expect(page.locator("#chart-completions .hits rect")).to_have_count(7)
    await page.get_by_label("Period").select_option(label="Custom dates")
    await page.get_by_label("From", exact=True).fill("2026-05-10")
    await page.get_by_label("To", exact=True).fill("2026-05-01")
    await page.get_by_role("button", name="Show").click()
    await expect(page.get_by_label("From", exact=True)).to_have_attribute("aria-invalid", "true")
    await expect(page.locator(".field-error:visible")).to_have_text("must be before to")
    await page.get_by_label("To", exact=True).fill("2026-05-16")
    await page.get_by_role("button", name="Show").click()
    await expect(page.locator("#chart-completions .hits rect")).to_have_count(7)
    await expect(page.get_by_label("From", exact=True)).not_to_have_attribute("aria-invalid", "true")
    await assert_accessible(page, context="on the statistics page with a custom period")

    # Usable at 800 px: nothing wider than the window.
    await page.set_viewport_size({"width": 800, "height": 900})
    await expect(page.locator("#chart-funnel")).to_be_visible()
    assert await page.evaluate("() => document.documentElement.scrollWidth") <= 800


async def _summary(page: Page, which: str) -> str:
    text = await page.locator(f"#chart-{which}-summary").text_content()
    return text or ""


def _ends_with(suffix: str) -> Any:
    return re.compile(re.escape(suffix) + "$")

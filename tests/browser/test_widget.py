"""The widget on the real stack: a mission's progress and tab move without a reload, countdowns
tick, the wallet follows, the tabs are keyboard-usable, and a readonly widget offers no action."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime, timedelta

from playwright.async_api import Page, expect

from tests.browser.conftest import Live, api, create_mission, uid
from tests.browser.widget_support import WIDGET, card, open_widget, panel, send_event, tab


async def test_events_move_the_progress_bar_and_the_tab_then_the_wallet_shows_the_points(
    page: Page, live: Live
) -> None:
    event_type = uid("deposit")
    mission = await create_mission(
        live,
        {
            "type": "generally_available",
            "goal": {"kind": "event", "event_type": event_type, "count": 3},
            "reward": {"points": 20},
        },
    )
    user = uid()
    await open_widget(page, live, user)
    shown = card(page, mission)
    await expect(shown).to_be_visible()
    bar = shown.locator("[role=progressbar]")
    await expect(bar).to_have_attribute("aria-valuenow", "0")
    await expect(bar).to_have_attribute("aria-valuemax", "3")
    await expect(shown.locator(".progress-text")).to_have_text("0 of 3 events")
    await expect(shown.locator(".reward")).to_have_text("Reward: 20 points")
    completed_before = int(await tab(page, "completed").locator(".count").inner_text())

    await send_event(live, user, event_type)
    await expect(bar).to_have_attribute("aria-valuenow", "1", timeout=15_000)
    await expect(shown.locator(".progress-text")).to_have_text("1 of 3 events")
    await send_event(live, user, event_type)
    await send_event(live, user, event_type)

    # Completed: it leaves the Overview for the Completed tab, whose count grows, without a reload.
    await expect(shown).to_have_count(0, timeout=15_000)
    await expect(tab(page, "completed").locator(".count")).to_have_text(str(completed_before + 1))
    await tab(page, "completed").click()
    await expect(card(page, mission).locator(".ok")).to_have_text("Completed")
    await expect(card(page, mission).locator("[role=progressbar]")).to_have_attribute("aria-valuenow", "3")
    await tab(page, "wallet").click()
    await expect(panel(page).locator("[data-points]")).to_have_text("20", timeout=15_000)
    await expect(panel(page).locator(".wallet")).to_contain_text("+20 points")


async def test_opting_in_starts_a_countdown_that_ticks_in_the_browser(page: Page, live: Live) -> None:
    mission = await create_mission(
        live,
        {
            "type": "generally_available",
            "opt_in": True,
            "time_to_complete": "PT1H",
            "goal": {"kind": "event", "event_type": uid("spin"), "count": 5},
            "reward": {"points": 5},
        },
    )
    user = uid()
    await open_widget(page, live, user)
    shown = card(page, mission)
    await expect(shown.locator(".chip")).to_have_text(["Requires opt-in"])
    await expect(shown.locator(".timer")).to_have_count(0)
    await shown.locator("button.opt-in").click()

    # From the opt-in's answer at once: opted in, the time to complete counting down.
    await expect(shown.locator(".chip")).to_have_text(["Opted in"])
    await expect(shown.locator("button.opt-in")).to_have_count(0)
    timer = shown.locator(".timer")
    await expect(timer).to_have_text(re.compile(r"^Ends in (59m|1h 0m) \d+s$"))
    first = await timer.inner_text()
    await asyncio.sleep(1.2)
    second = await timer.inner_text()
    assert first != second, f"the countdown did not tick: {first!r}"
    r = await api(live, "GET", f"/v1/users/{user}/missions/{mission}", who="client")
    assert r.json()["status"] == "opted_in"


async def test_arrow_keys_home_and_end_move_between_the_tabs(page: Page, live: Live) -> None:
    await open_widget(page, live, uid())
    overview = tab(page, "overview")
    await expect(overview).to_have_attribute("aria-selected", "true")
    await expect(overview).to_have_attribute("tabindex", "0")
    await expect(tab(page, "available")).to_have_attribute("tabindex", "-1")
    await overview.focus()
    await page.keyboard.press("ArrowRight")
    available = tab(page, "available")
    await expect(available).to_be_focused()
    await expect(available).to_have_attribute("aria-selected", "true")
    await expect(overview).to_have_attribute("aria-selected", "false")
    await expect(panel(page)).to_have_attribute("aria-labelledby", await available.get_attribute("id") or "")
    await page.keyboard.press("End")
    await expect(tab(page, "inbox")).to_be_focused()
    await expect(panel(page)).to_have_attribute("data-view", "inbox")
    await page.keyboard.press("Home")
    await expect(overview).to_be_focused()
    await page.keyboard.press("ArrowLeft")
    await expect(tab(page, "inbox")).to_be_focused()
    await page.keyboard.press("ArrowRight")
    await expect(overview).to_have_attribute("aria-selected", "true")


async def test_a_readonly_widget_shows_the_missions_but_offers_no_action(page: Page, live: Live) -> None:
    opt_in = await create_mission(
        live,
        {"type": "generally_available", "opt_in": True, "goal": {"kind": "event", "event_type": uid("x"), "count": 1}},
    )
    manual = await create_mission(
        live, {"type": "generally_available", "goal": {"kind": "manual", "proof": ["link", "image"]}}
    )
    await open_widget(page, live, uid(), attrs={"readonly": ""})
    await expect(card(page, opt_in)).to_be_visible()
    await expect(card(page, manual)).to_be_visible()
    await expect(page.locator(f"{WIDGET} .readonly-note")).to_be_visible()
    await expect(page.locator(f"{WIDGET} [role=tabpanel] button")).to_have_count(0)
    await expect(page.locator(f"{WIDGET} [role=tabpanel] form")).to_have_count(0)
    await tab(page, "challenges").click()
    await expect(page.locator(f"{WIDGET} [role=tabpanel] form")).to_have_count(0)
    # The same page without readonly offers them.
    await page.evaluate("document.querySelector('questline-missions').removeAttribute('readonly')")
    await tab(page, "overview").click()
    await expect(card(page, opt_in).locator("button.opt-in")).to_be_visible()
    await expect(card(page, manual).locator("form.proof-form")).to_be_visible()


async def test_the_host_themes_it_with_custom_properties_and_an_unknown_lang_falls_back_to_english(
    page: Page, live: Live
) -> None:
    await open_widget(page, live, uid(), attrs={"lang": "tlh", "style": "--questline-accent: rgb(200, 0, 100)"})
    await expect(tab(page, "overview").locator(".label")).to_have_text("Overview")
    colour = await tab(page, "overview").evaluate("(el) => getComputedStyle(el).borderBottomColor")
    assert colour == "rgb(200, 0, 100)"
    await page.evaluate("document.querySelector('questline-missions').setAttribute('lang', 'en-GB')")
    await expect(tab(page, "wallet").locator(".label")).to_have_text("Wallet")


async def test_a_countdown_reaching_zero_refreshes_the_view_without_polling(page: Page, live: Live) -> None:
    start = datetime.now(UTC) + timedelta(seconds=5)
    mission = await create_mission(
        live,
        {
            "type": "generally_available",
            "start_at": start.isoformat(),
            "goal": {"kind": "event", "event_type": uid("soon"), "count": 1},
        },
    )
    await open_widget(page, live, uid(), attrs={"poll": "0"})  # no polling: only the countdown can refresh it
    await tab(page, "locked").click()
    shown = card(page, mission)
    await expect(shown.locator(".timer")).to_have_text(re.compile(r"^Starts in \d s$".replace(" s", "s")))
    await expect(shown.locator("button.opt-in")).to_be_disabled()
    await expect(shown).to_have_count(0, timeout=12_000)  # at zero: reloaded, no longer locked
    await tab(page, "available").click()
    await expect(card(page, mission)).to_be_visible()
    await expect(card(page, mission).locator(".timer")).to_have_count(0)

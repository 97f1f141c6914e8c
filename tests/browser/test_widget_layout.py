"""The widget at 360 px (no horizontal scroll) and at desktop size (screenshots for the README), and
axe-core on every tab with every kind of card; the user's own challenges created and left."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from playwright.async_api import Page, expect

from tests.browser.conftest import Live, api, assert_accessible, create_mission, save_screenshot, uid
from tests.browser.widget_support import WIDGET, card, open_widget, panel, send_event, tab

TABS = ["overview", "available", "locked", "completed", "missed", "quests", "challenges", "wallet", "inbox"]


async def seed(live: Live, user: str) -> dict[str, Any]:
    """A user with one of each: featured (granted), in progress, opt-in with a countdown, a proof
    mission with a survey, a social check, a locked one, a completed one, a quest, a message."""
    deposit, spin, daily = uid("deposit"), uid("spin"), uid("steps")
    r = await api(live, "PUT", f"/v1/users/{user}", who="client", json={"social": {"x": f"u{uid()[2:12]}"}})
    assert r.status_code == 200, r.text
    # Seen by this user only (not by the other tests' users, nor the other seeds').
    segment = (await api(live, "POST", "/v1/segments", json={"name": uid("seg")})).json()["id"]
    r = await live.stack.http.post(
        f"/v1/segments/{segment}/members",
        content=f"user_id\n{user}\n",
        headers={"Authorization": f"Bearer {live.admin_key}", "content-type": "text/csv"},
    )
    assert r.status_code == 200, r.text
    ids: dict[str, Any] = {}
    ids["featured"] = await create_mission(
        live,
        {
            "name": "Welcome bonus: make your first deposit",
            "description": "A mission picked for you. Deposit once to collect.",
            "type": "featured",
            "segments": [segment],
            "goal": {"kind": "event", "event_type": deposit, "count": 1},
            "reward": {"points": 50},
            "action_button": {"label": "Deposit now", "url": "https://example.com/deposit"},
        },
    )
    r = await api(live, "POST", f"/v1/missions/{ids['featured']}/grants", json={"user_ids": [user]})
    assert r.status_code == 200, r.text
    ids["progress"] = await create_mission(
        live,
        {
            "name": "Spin the wheel 5 times " + "Supercalifragilisticexpialidocious" * 3,
            "description": "Every spin counts.",
            "type": "generally_available",
            "segments": [segment],
            "goal": {"kind": "event", "event_type": spin, "count": 5},
            "reward": {"points": 20},
        },
    )
    ids["opt_in"] = await create_mission(
        live,
        {
            "name": "Weekend sprint",
            "type": "generally_available",
            "segments": [segment],
            "opt_in": True,
            "time_to_complete": "P2D",
            "goal": {"kind": "event", "event_type": uid("bet"), "count": 10},
            "reward": {"points": 100},
        },
    )
    ids["proof"] = await create_mission(
        live,
        {
            "name": "Tell us about you",
            "type": "generally_available",
            "segments": [segment],
            "goal": {
                "kind": "manual",
                "proof": ["link", "text", "image", "survey"],
                "questions": [
                    {"id": "color", "text": "Favourite colour?", "choices": ["red", "blue"]},
                    {"id": "why", "text": "Why do you play?"},
                ],
            },
            "reward": {"points": 15},
        },
    )
    ids["social"] = await create_mission(
        live,
        {
            "name": "Follow us on X",
            "type": "generally_available",
            "segments": [segment],
            "goal": {"kind": "social", "platform": "x", "action": "follow", "target": "@QuestlineHQ"},
            "reward": {"points": 10},
        },
    )
    ids["locked"] = await create_mission(
        live,
        {
            "name": "Season two",
            "type": "generally_available",
            "segments": [segment],
            "start_at": "2099-01-01T00:00:00Z",
            "goal": {"kind": "event", "event_type": uid("later"), "count": 1},
        },
    )
    ids["done"] = await create_mission(
        live,
        {
            "name": "Daily steps",
            "type": "generally_available",
            "segments": [segment],
            "goal": {"kind": "event", "event_type": daily, "count": 1},
            "reward": {"points": 5},
        },
    )
    r = await api(
        live,
        "POST",
        "/v1/quests",
        json={"name": "Getting started", "reward": {"points": 25}, "mission_ids": [ids["progress"], ids["done"]]},
    )
    assert r.status_code == 201, r.text
    await send_event(live, user, spin)
    await send_event(live, user, spin)
    await send_event(live, user, daily)
    # A 202 waits at most a second for its journeys; on a busy box wait until they show the events.
    for _ in range(150):
        done = (await api(live, "GET", f"/v1/users/{user}/missions/{ids['done']}", who="client")).json()
        progress = (await api(live, "GET", f"/v1/users/{user}/missions/{ids['progress']}", who="client")).json()
        if done.get("tab") == "completed" and (progress.get("progress") or {}).get("current") == 2:
            break
        await asyncio.sleep(0.1)
    r = await api(
        live,
        "POST",
        "/v1/broadcasts",
        json={
            "title": "Double points weekend",
            "body": "Every mission pays twice until Sunday.",
            "segment_id": segment,
        },
    )
    assert r.status_code == 201, r.text
    ids["steps"] = daily
    return ids


async def enable_challenges(live: Live, event_type: str) -> None:
    config = (await api(live, "GET", "/v1/challenges/config")).json()
    types = sorted(set(config.get("event_types") or []) | {event_type})
    r = await api(live, "PUT", "/v1/challenges/config", json={**config, "event_types": types, "max_periods": 30})
    assert r.status_code == 200, r.text


async def test_the_widget_fits_a_360_px_phone_and_is_screenshotted(phone: Page, live: Live) -> None:
    user = uid()
    ids = await seed(live, user)
    await open_widget(phone, live, user)
    await expect(card(phone, ids["progress"]).locator("[role=progressbar]")).to_have_attribute("aria-valuenow", "2")
    await expect(card(phone, ids["featured"]).locator(".chip.badge")).to_have_text("Featured")
    for key in TABS:
        await tab(phone, key).click()
        await expect(panel(phone)).to_have_attribute("data-view", key)
        width = await phone.evaluate("document.scrollingElement.scrollWidth")
        assert width <= 360, f"the {key} tab scrolls sideways at 360 px ({width} px)"
    await tab(phone, "overview").click()
    await save_screenshot(phone, "widget-phone")


async def test_the_widget_at_desktop_size_is_screenshotted(page: Page, live: Live) -> None:
    user = uid()
    ids = await seed(live, user)
    await open_widget(page, live, user)
    # Overview: the featured mission first, then those in progress, then the others.
    order = await page.locator(f"{WIDGET} [role=tabpanel] article.card").evaluate_all(
        "(cards) => cards.map((c) => c.dataset.missionId)"
    )
    assert order.index(ids["featured"]) < order.index(ids["progress"]) < order.index(ids["opt_in"]), order
    assert ids["done"] not in order and ids["locked"] not in order
    await expect(card(page, ids["opt_in"]).locator("button.opt-in")).to_be_visible()
    await tab(page, "locked").click()
    await expect(card(page, ids["locked"]).locator("button.opt-in")).to_be_disabled()
    await expect(card(page, ids["locked"]).locator(".timer")).to_have_text(re.compile(r"^Starts in \d+d"))
    await tab(page, "overview").click()
    await save_screenshot(page, "widget")


async def test_axe_finds_nothing_serious_on_any_tab(page: Page, live: Live) -> None:
    user = uid()
    ids = await seed(live, user)
    await open_widget(page, live, user)
    await expect(card(page, ids["proof"]).locator("form.proof-form")).to_be_visible()
    for key in TABS:
        await tab(page, key).click()
        await expect(panel(page)).to_have_attribute("data-view", key)
        await page.wait_for_timeout(100)
        await assert_accessible(page, context=f"on the {key} tab")
    await page.evaluate("document.querySelector('questline-missions').setAttribute('readonly', '')")
    await tab(page, "overview").click()
    await assert_accessible(page, context="on the readonly overview")


async def test_a_user_creates_a_challenge_within_the_limits_sees_the_streak_and_leaves(page: Page, live: Live) -> None:
    event_type = uid("walk")
    await enable_challenges(live, event_type)
    user = uid()
    await open_widget(page, live, user)
    await tab(page, "challenges").click()
    form = panel(page).locator("form.challenge-form")
    await form.get_by_label("Name").fill("<b>Walk</b> every day")
    await form.get_by_label("Activity (event type)").select_option(event_type)
    # The limits are shown up front: the browser refuses a value over the maximum before sending it.
    await expect(form).to_contain_text("Between 1 and 30")
    await form.get_by_label("Number of periods in a row").fill("100")
    await form.locator("button[type=submit]").click()
    await expect(form.locator("input[name=periods]:invalid")).to_have_count(1)
    await expect(panel(page).locator("article.challenge")).to_have_count(0)

    await form.get_by_label("Number of periods in a row").fill("3")
    await form.locator("button[type=submit]").click()
    challenge = panel(page).locator("article.challenge")
    await expect(challenge).to_have_count(1)
    await expect(challenge.locator("h3")).to_have_text("<b>Walk</b> every day")
    await expect(challenge).to_contain_text("Streak 0 of 3 days, best 0")
    await send_event(live, user, event_type)
    await expect(challenge).to_contain_text("This day: 1 of 1", timeout=15_000)
    await expect(challenge).to_contain_text("Streak 1 of 3 days, best 1")
    await challenge.locator("button.leave").click()
    await expect(challenge).to_have_count(0)
    r = await api(live, "GET", f"/v1/users/{user}/challenges", who="client")
    assert r.json()["items"] == []

"""Streaks people trust in the UI (issue 17), on the real stack: the Jobs page's streak repair
form (a 422 beside its field, then a job whose progress reaches done), and the user page's
streaks with the freezes held, which the widget's streak card shows too."""

from __future__ import annotations

from playwright.async_api import Page, expect

from tests.api.helpers import eventually
from tests.browser.conftest import Live, api, assert_accessible, create_mission, uid
from tests.browser.test_console_missions import open_console
from tests.browser.test_console_ops_pages import ok, open_page


async def streak_mission(live: Live, event_type: str) -> str:
    goal = {
        "kind": "event",
        "event_type": event_type,
        "count": 1,
        "streak": {"period": "day", "periods": 5, "freezes": {"earn_every": 1, "max": 2}},
    }
    return await create_mission(live, {"name": uid("Daily visit"), "type": "generally_available", "goal": goal})


async def test_a_streak_repair_asked_for_in_the_jobs_page_reaches_done(live: Live, page: Page) -> None:
    visit = uid("visit")
    mission_id = await streak_mission(live, visit)
    users = [uid("u"), uid("u")]
    await open_page(page, live, "Jobs")
    form = page.get_by_role("form", name="Repair streaks after an outage")
    await form.get_by_label("Mission or challenge").fill(mission_id)
    await form.get_by_label("Users").fill(", ".join(users))
    await form.get_by_label("Reason").fill("ingest outage INC-7")
    await form.get_by_label("Requested by").fill("ops@example.com")
    await form.get_by_label("Segment").fill(uid("nosuch"))
    await form.get_by_role("button", name="Repair streaks").click()
    segment = form.get_by_label("Segment")
    await expect(segment).to_have_attribute("aria-invalid", "true")  # both a segment and users
    await segment.fill("")
    await form.get_by_role("button", name="Repair streaks").click()
    row = page.locator("#streak-repairs-list tr", has_text="ingest outage INC-7")
    await expect(row).to_be_visible(timeout=15_000)
    await expect(row).to_contain_text("2 / 2", timeout=30_000)
    await expect(row).to_contain_text("done")
    jobs = (await ok(live, "GET", "/v1/streak-repairs"))["items"]
    job = next(j for j in jobs if j["reason"] == "ingest outage INC-7")
    assert (job["mission_id"], job["requested_by"], job["counts"]["skipped"]) == (mission_id, "ops@example.com", 2)
    await assert_accessible(page, context="on the jobs page with a streak repair")


async def test_the_user_page_and_the_widget_card_show_the_freezes_held(live: Live, page: Page) -> None:
    visit = uid("visit")
    mission_id = await streak_mission(live, visit)
    user = uid("u")
    r = await api(live, "POST", "/v1/events", who="client", json={"id": uid("e"), "user_id": user, "type": visit})
    assert r.status_code == 202, r.text

    async def earned() -> bool:
        got = await api(live, "GET", f"/v1/users/{user}/missions/{mission_id}", who="client")
        return bool(got.status_code == 200 and got.json()["streak"]["freezes"] == 1)

    await eventually(earned)
    await open_console(page, live, f"users/{user}")
    streaks = page.locator("#user-streaks")
    row = streaks.locator("tr", has=page.get_by_role("link", name=await _name(live, mission_id)))
    await expect(row).to_be_visible(timeout=15_000)
    await expect(row.locator("[data-freezes]")).to_have_text("1")
    # The widget (read-only, as the user sees it) shows the freezes on the streak's card.
    widget = page.locator("#user-view questline-missions")
    await widget.get_by_role("tab", name="Available").click()
    card = widget.locator(f'article[data-mission-id="{mission_id}"]')
    await expect(card.locator(".streak-freezes")).to_contain_text("1 held", timeout=15_000)
    await assert_accessible(page, context="on the user page with streaks")


async def _name(live: Live, mission_id: str) -> str:
    return str((await ok(live, "GET", f"/v1/missions/{mission_id}"))["name"])

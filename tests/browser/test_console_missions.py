"""The console's missions pages in real Chromium on the real stack: the list (filters, search,
completions, budget), the mission form (only the fields that fit, 422 details beside their field),
and the detail page's actions (activate, archive, clone, schedule a launch, revisions).

The mission list is shared with every other test of the session: each test names its missions
with a fresh uuid and searches the list by that name.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from playwright.async_api import BrowserContext, Page, expect

from tests.browser.conftest import Live, api, assert_accessible, save_screenshot
from tests.browser.test_console_shell import sign_in


@pytest.fixture(autouse=True)
async def no_uncaught_errors(context: BrowserContext) -> Any:
    """Every test also fails on an uncaught exception in the page's scripts."""
    seen: list[str] = []
    context.on("weberror", lambda e: seen.append(str(e.error)))
    yield
    assert not seen, f"uncaught errors in the page: {seen}"


def unique(prefix: str) -> str:
    return f"{prefix} {uuid.uuid4().hex[:10]}"


async def create(live: Live, name: str, **fields: Any) -> dict[str, Any]:
    body = {
        "name": name,
        "type": "generally_available",
        "goal": {"kind": "event", "event_type": "deposit", "count": 1},
        **fields,
    }
    r = await api(live, "POST", "/v1/missions", json=body)
    assert r.status_code == 201, r.text
    mission: dict[str, Any] = r.json()
    return mission


async def listed(live: Live, q: str) -> list[dict[str, Any]]:
    r = await api(live, "GET", "/v1/missions", params={"q": q})
    assert r.status_code == 200, r.text
    items: list[dict[str, Any]] = r.json()["items"]
    return items


async def open_console(page: Page, live: Live, route: str = "missions") -> None:
    await sign_in(page, live)
    await expect(page.get_by_role("navigation", name="Console")).to_be_visible()
    if route != "missions":
        await page.evaluate("r => { location.hash = r; }", f"#/{route}")
    await expect(page.locator("main h1")).to_be_visible()


def rows(page: Page) -> Any:
    return page.locator("main table tbody tr")


async def search(page: Page, text: str) -> None:
    await page.get_by_label("Search by name").fill(text)


async def test_an_event_mission_made_in_the_form_is_listed_as_a_draft_then_active_and_counts_completions(
    live: Live, page: Page
) -> None:
    name = unique("Deposit twice")
    event_type = f"dep_{uuid.uuid4().hex[:8]}"
    await open_console(page, live)
    await page.get_by_role("link", name="New mission").click()
    await expect(page.get_by_role("heading", name="New mission")).to_be_visible()

    await page.get_by_label("Name", exact=True).fill(name)
    await page.get_by_label("Description").fill("Make two deposits this week.")
    await page.get_by_label("Event type").fill(event_type)
    await page.get_by_label("Number of events").fill("2")
    await page.get_by_label("Reward", exact=True).select_option("points")
    await page.get_by_label("Points", exact=True).fill("50")
    await page.get_by_label("Budget cap").select_option("points")
    await page.get_by_label("Points cap").fill("500")
    await page.get_by_label("Time to complete").fill("P7D")
    await assert_accessible(page, context="on the mission form")
    await page.evaluate("() => window.scrollTo(0, 0)")
    await save_screenshot(page, "console-mission-form")
    await page.get_by_role("button", name="Save draft").click()

    # The detail page of the new draft.
    await expect(page.get_by_role("heading", level=1)).to_contain_text(name)
    [mission] = await listed(live, name)
    assert mission["status"] == "draft"
    goal = {k: v for k, v in mission["goal"].items() if v is not None}
    assert goal == {"kind": "event", "event_type": event_type, "tags": [], "tag_match": "any", "count": 2}
    assert mission["reward"]["points"] == 50 and mission["budget_cap"]["points"] == 500
    assert mission["time_to_complete"] == "P7D" and mission["description"] == "Make two deposits this week."

    await page.get_by_role("link", name="Missions").first.click()
    await search(page, name)
    await expect(rows(page)).to_have_count(1)
    row = rows(page).first
    await expect(row).to_contain_text("draft")
    await expect(row).to_contain_text(f"2\N{MULTIPLICATION SIGN} {event_type}")
    await expect(row).to_contain_text("0 / 500 points")

    await row.get_by_role("link", name=name).click()
    await page.get_by_role("button", name="Activate").click()
    await expect(page.locator("main h1 .badge")).to_have_text("active")

    # Events from the operator's backend (client key) complete it for one user.
    user = f"u-{uuid.uuid4().hex[:8]}"
    for n in range(2):
        r = await api(
            live,
            "POST",
            "/v1/events",
            who="client",
            json={"id": f"e-{uuid.uuid4().hex}", "user_id": user, "type": event_type, "value": n + 1},
        )
        assert r.status_code == 202, r.text

    await page.get_by_role("link", name="Missions").first.click()
    await search(page, name)
    await expect(rows(page)).to_have_count(1)
    await expect(rows(page).first).to_contain_text("active")
    # Completions and the budget come from the API; poll the list until the journey has completed.
    for _ in range(60):
        text = await rows(page).first.inner_text()
        if "50 / 500 points" in text:
            break
        await page.wait_for_timeout(250)
        await page.get_by_label("Status").select_option("active")
        await page.get_by_label("Status").select_option("")
        await expect(rows(page)).to_have_count(1)
    cells = rows(page).first.locator("td")
    await expect(cells.nth(4)).to_have_text("1")
    await expect(cells.nth(5)).to_contain_text("50 / 500 points")
    await expect(rows(page).first.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "50")
    await rows(page).first.get_by_role("link", name=name).click()
    await expect(page.get_by_role("region", name="Budget")).to_contain_text("1 completion so far")
    await expect(page.get_by_role("region", name="Budget")).to_contain_text("50 of 500 points spent")
    await page.get_by_role("link", name="Missions").first.click()
    await search(page, name)
    await expect(rows(page)).to_have_count(1)
    await assert_accessible(page, context="on the missions list")
    await save_screenshot(page, "console-missions")


async def test_the_form_shows_only_the_fields_that_fit_the_type_and_goal(live: Live, page: Page) -> None:
    await open_console(page, live, "missions/new")
    form = page.locator("form.mission-form")
    recurrence = form.get_by_role("group", name="Recurrence")
    unlock = form.get_by_role("group", name="Unlock")

    # Generally available, event goal: count, no recurrence, unlock, proof or platform.
    await expect(page.get_by_label("Number of events")).to_be_visible()
    await expect(page.get_by_label("Streak period")).to_be_hidden()
    for hidden in ("Maximum completions", "Platform", "Approval", "Resets", "Minimum tier"):
        await expect(page.get_by_label(hidden, exact=True)).to_be_hidden()
    await expect(recurrence).to_be_hidden()
    await expect(unlock).to_be_hidden()
    await expect(page.get_by_label("Time to complete")).to_be_visible()

    # An amount range: min and max, no count, no streak.
    await page.get_by_label("Measure").select_option("range")
    await expect(page.get_by_label("Number of events")).to_be_hidden()
    await expect(page.get_by_label("Minimum amount")).to_be_visible()
    await expect(page.get_by_label("Maximum amount")).to_be_visible()
    await expect(page.get_by_label("A streak: meet this in consecutive periods")).to_be_hidden()
    await page.get_by_label("Measure").select_option("count")
    await page.get_by_label("A streak: meet this in consecutive periods").check()
    await expect(page.get_by_label("Streak period")).to_be_visible()
    await expect(page.get_by_label("Tag match")).to_be_hidden()
    await page.get_by_label("Tags").fill("yoga, morning")
    await expect(page.get_by_label("Tag match")).to_be_visible()

    # Manual goal: proof kinds and approval; the event fields go.
    await page.get_by_label("Goal kind").select_option("manual")
    await expect(page.get_by_label("Event type")).to_be_hidden()
    await expect(page.get_by_label("Number of events")).to_be_hidden()
    await expect(form.get_by_role("group", name="Proof the user may submit")).to_be_visible()
    await expect(page.get_by_label("Auto-approve from points")).to_be_hidden()
    await page.get_by_label("Approval").select_option("rule")
    await expect(page.get_by_label("Auto-approve from points")).to_be_visible()
    await expect(form.get_by_role("group", name="Survey questions")).to_be_hidden()
    await page.get_by_label("Survey", exact=True).check()
    await expect(form.get_by_role("group", name="Survey questions")).to_be_visible()
    await expect(page.get_by_label("Question 1", exact=True)).to_be_visible()

    # Social goal: platform, actions the platform can verify, a count only for posts.
    await page.get_by_label("Goal kind").select_option("social")
    await expect(form.get_by_role("group", name="Proof the user may submit")).to_be_hidden()
    await page.get_by_label("Platform").select_option("discord")
    await expect(page.get_by_label("Action", exact=True).locator("option")).to_have_text(["join"])
    await expect(page.get_by_label("Number of posts")).to_be_hidden()
    await page.get_by_label("Platform").select_option("x")
    await page.get_by_label("Action", exact=True).select_option("hashtag_post")
    await expect(page.get_by_label("Number of posts")).to_be_visible()
    await expect(page.get_by_label("Hashtag")).to_be_visible()

    # Types: recurring shows the recurrence, weekly its weekdays; on completion, max completions
    # and no time to complete; locked its unlock; featured its trigger.
    await page.get_by_label("Type", exact=True).select_option("recurring")
    await expect(recurrence).to_be_visible()
    await expect(recurrence.get_by_role("group", name="Weekdays")).to_be_hidden()
    await page.get_by_label("Resets").select_option("week")
    await expect(recurrence.get_by_role("group", name="Weekdays")).to_be_visible()
    await page.get_by_label("Resets").select_option("duration")
    await expect(page.get_by_label("Every", exact=True)).to_be_visible()
    await page.get_by_label("Type", exact=True).select_option("recurring_on_completion")
    await expect(recurrence).to_be_hidden()
    await expect(page.get_by_label("Maximum completions")).to_be_visible()
    await expect(page.get_by_label("Time to complete")).to_be_hidden()
    await page.get_by_label("Type", exact=True).select_option("locked")
    await expect(unlock).to_be_visible()
    await expect(page.get_by_label("Minimum tier")).to_be_visible()
    await expect(page.get_by_label("Grant to everyone entering")).to_be_hidden()
    await page.get_by_label("Type", exact=True).select_option("featured")
    await expect(unlock).to_be_hidden()
    await expect(page.get_by_label("Grant to everyone entering")).to_be_visible()

    # Rewards: each kind its own control.
    await page.get_by_label("Reward", exact=True).select_option("direct")
    await expect(page.get_by_label("Reward name")).to_be_visible()
    await expect(page.get_by_label("Points", exact=True)).to_be_hidden()
    await assert_accessible(page, context="on the mission form with every section open")


async def test_a_422_shows_beside_its_field_and_creates_nothing(live: Live, page: Page) -> None:
    name = unique("Refused")
    await open_console(page, live, "missions/new")
    await page.get_by_label("Name", exact=True).fill(name)
    await page.get_by_label("Event type").fill("deposit")
    await page.get_by_label("Number of events").fill("0")
    await page.get_by_label("Time to complete").fill("soon")
    await page.get_by_role("button", name="Save draft").click()

    count = page.get_by_label("Number of events")
    await expect(count).to_have_attribute("aria-invalid", "true")
    count_error = page.locator(f"#{await count.get_attribute('id')}-error")
    await expect(count_error).to_be_visible()
    await expect(count_error).to_contain_text("greater than or equal to 1")
    ttc = page.get_by_label("Time to complete")
    await expect(ttc).to_have_attribute("aria-invalid", "true")
    await expect(page.locator(f"#{await ttc.get_attribute('id')}-error")).to_be_visible()
    await expect(page.locator(".form-alert")).to_contain_text("Nothing was created")
    await expect(page.get_by_label("Name", exact=True)).not_to_have_attribute("aria-invalid", "true")
    assert await listed(live, name) == []
    await assert_accessible(page, context="on the form showing errors")

    # Fixed, it saves; the marks go.
    await count.fill("3")
    await ttc.fill("PT30S")
    await page.get_by_role("button", name="Save draft").click()
    await expect(page.get_by_role("heading", level=1)).to_contain_text(name)
    [mission] = await listed(live, name)
    assert mission["goal"]["count"] == 3 and mission["time_to_complete"] == "PT30S"


async def test_a_bad_recurrence_duration_shows_beside_the_every_field(live: Live, page: Page) -> None:
    name = unique("Every so often")
    await open_console(page, live, "missions/new")
    await page.get_by_label("Name", exact=True).fill(name)
    await page.get_by_label("Type", exact=True).select_option("recurring")
    await page.get_by_label("Resets").select_option("duration")
    await page.get_by_label("Every", exact=True).fill("P3M")
    await page.get_by_label("Event type").fill("deposit")
    await page.get_by_role("button", name="Save draft").click()
    every = page.get_by_label("Every", exact=True)
    await expect(every).to_have_attribute("aria-invalid", "true")
    await expect(page.locator(f"#{await every.get_attribute('id')}-error")).to_contain_text("ISO 8601")
    assert await listed(live, name) == []


async def test_search_and_filters_narrow_the_list(live: Live, page: Page) -> None:
    tag = uuid.uuid4().hex[:10]
    category = await api(live, "POST", "/v1/categories", json={"name": f"Cat {tag}"})
    assert category.status_code == 201, category.text
    cat_id = category.json()["id"]
    draft = await create(live, f"Alpha {tag} draft", category_id=cat_id)
    active = await create(live, f"Beta {tag} active")
    assert (await api(live, "POST", f"/v1/missions/{active['id']}/activate")).status_code == 200
    await create(
        live,
        f"Gamma {tag} manual",
        type="featured",
        goal={"kind": "manual", "proof": ["image", "link"], "approval": {"mode": "manual"}},
    )
    await create(
        live,
        f"Delta {tag} social",
        goal={"kind": "social", "platform": "x", "action": "follow", "target": "@brand"},
    )

    await open_console(page, live)
    await search(page, tag)
    await expect(rows(page)).to_have_count(4)
    await expect(page.locator("main table")).to_contain_text("manual: image, link · manual approval")
    await expect(page.locator("main table")).to_contain_text("social: x follow @brand")
    await search(page, f"ALPHA {tag}")
    await expect(rows(page)).to_have_count(1)
    await expect(rows(page).first).to_contain_text(draft["name"])

    await search(page, tag)
    await expect(rows(page)).to_have_count(4)
    await page.get_by_label("Status").select_option("active")
    await expect(rows(page)).to_have_count(1)
    await expect(rows(page).first).to_contain_text(active["name"])
    await page.get_by_label("Status").select_option("draft")
    await expect(rows(page)).to_have_count(3)
    await page.get_by_label("Type", exact=True).select_option("featured")
    await expect(rows(page)).to_have_count(1)
    await expect(rows(page).first).to_contain_text("Gamma")
    await page.get_by_label("Type", exact=True).select_option("")
    await page.get_by_label("Category").select_option(cat_id)
    await expect(rows(page)).to_have_count(1)
    await expect(rows(page).first).to_contain_text("Alpha")
    assert "category_id=" in page.url and "status=draft" in page.url

    # The filters live in the address: a reload keeps them.
    await page.reload()
    await expect(rows(page)).to_have_count(1)
    await expect(page.get_by_label("Search by name")).to_have_value(tag)
    await page.get_by_label("Category").select_option("")
    await page.get_by_label("Status").select_option("")
    await search(page, f"nothing {tag}")
    await expect(page.locator("main .empty")).to_have_text("No mission matches these filters.")


async def test_load_more_pages_on_with_the_next_cursor(live: Live, page: Page) -> None:
    tag = uuid.uuid4().hex[:10]
    for n in range(52):
        await create(live, f"Many {tag} {n:02d}")
    await open_console(page, live)
    await search(page, f"Many {tag}")
    await expect(page.locator("#missions-count")).to_have_text("50+ missions match")
    await expect(rows(page)).to_have_count(50)
    await expect(rows(page).first).to_contain_text(f"Many {tag} 00")
    await page.get_by_role("button", name="Load more").click()
    await expect(rows(page)).to_have_count(52)
    await expect(rows(page).last).to_contain_text(f"Many {tag} 51")
    await expect(page.locator("#missions-count")).to_have_text("52 missions match")
    await expect(page.get_by_role("button", name="Load more")).to_have_count(0)


async def test_clone_opens_the_new_draft_and_archive_asks_first(live: Live, page: Page) -> None:
    name = unique("Original")
    original = await create(live, name, reward={"points": 10})
    await open_console(page, live, f"missions/{original['id']}")
    await expect(page.get_by_role("heading", level=1)).to_contain_text(name)
    await assert_accessible(page, context="on the mission detail page")

    await page.get_by_role("button", name="Clone").click()
    await expect(page).not_to_have_url(re.compile(re.escape(original["id"])))
    await expect(page.get_by_role("heading", level=1)).to_contain_text(name)
    clones = [m for m in await listed(live, name) if m["id"] != original["id"]]
    assert len(clones) == 1 and clones[0]["status"] == "draft" and clones[0]["reward"]["points"] == 10
    assert page.url.endswith(f"#/missions/{clones[0]['id']}")

    # Archive: cancelling the confirmation changes nothing; confirming archives.
    await page.get_by_role("button", name="Archive").click()
    dialog = page.get_by_role("dialog")
    await expect(dialog).to_contain_text("cannot be activated afterwards")
    await dialog.get_by_role("button", name="Cancel").click()
    await expect(dialog).to_have_count(0)
    assert (await api(live, "GET", f"/v1/missions/{clones[0]['id']}")).json()["status"] == "draft"
    await page.get_by_role("button", name="Archive").click()
    await page.get_by_role("dialog").get_by_role("button", name="Archive").click()
    await expect(page.locator("main h1 .badge")).to_have_text("archived")
    assert (await api(live, "GET", f"/v1/missions/{clones[0]['id']}")).json()["status"] == "archived"
    await expect(page.get_by_role("button", name="Archive")).to_have_count(0)
    await expect(page.get_by_role("button", name="Activate")).to_have_count(0)


async def test_a_launch_is_scheduled_and_cancelled(live: Live, page: Page) -> None:
    name = unique("Launch later")
    mission = await create(live, name)
    await open_console(page, live, f"missions/{mission['id']}")
    await page.get_by_role("button", name="Schedule launch").click()
    dialog = page.get_by_role("dialog")
    at = datetime.now(UTC).astimezone() + timedelta(days=2)
    await dialog.get_by_label("Launch at").fill(at.strftime("%Y-%m-%dT%H:%M"))
    await assert_accessible(page, context="on the launch dialog")
    await dialog.get_by_role("button", name="Schedule").click()
    await expect(page.locator(".launch-note")).to_contain_text("Scheduled for")

    # Scheduled for real: a second launch is refused while it waits.
    again = await api(live, "POST", f"/v1/missions/{mission['id']}/launch", json={"at": at.isoformat()})
    assert again.status_code == 409 and again.json()["error"]["code"] == "launch_scheduled", again.text
    # Read from the API (GET .../launch), not from this tab: another admin's browser sees it too.
    other = await page.context.browser.new_context()  # type: ignore[union-attr]
    try:
        elsewhere = await other.new_page()
        await open_console(elsewhere, live, f"missions/{mission['id']}")
        await expect(elsewhere.locator(".launch-note")).to_contain_text("Scheduled for")
    finally:
        await other.close()

    await page.get_by_role("button", name="Cancel launch").click()
    await expect(page.locator(".launch-note")).to_have_count(0)
    cancelled = await api(live, "DELETE", f"/v1/missions/{mission['id']}/launch")
    assert cancelled.status_code == 404, cancelled.text
    await page.get_by_role("button", name="Cancel launch").click()
    await expect(page.locator(".action-status")).to_contain_text("No launch of this mission is scheduled.")
    assert (await api(live, "GET", f"/v1/missions/{mission['id']}")).json()["status"] == "draft"


async def test_editing_an_active_mission_makes_revision_2_shown_in_revisions(live: Live, page: Page) -> None:
    name = unique("Revised")
    mission = await create(live, name, goal={"kind": "event", "event_type": "deposit", "count": 3})
    assert (await api(live, "POST", f"/v1/missions/{mission['id']}/activate")).status_code == 200
    await open_console(page, live, f"missions/{mission['id']}")
    await page.get_by_role("link", name="Edit (new revision)").click()
    await expect(page.get_by_role("heading", level=1)).to_contain_text("Edit")
    await expect(page.get_by_label("Type", exact=True)).to_be_disabled()
    await expect(page.get_by_label("Goal kind")).to_be_disabled()
    await expect(page.get_by_label("Number of events")).to_have_value("3")
    await page.get_by_label("Number of events").fill("5")
    await page.get_by_label("Reward", exact=True).select_option("points")
    await page.get_by_label("Points", exact=True).fill("25")
    await page.get_by_role("button", name="Save as new revision").click()

    revisions = page.get_by_role("region", name="Revisions")
    await expect(revisions.locator("[data-revision='2']")).to_contain_text("Revision 2")
    await expect(revisions.locator("[data-revision='2']")).to_contain_text("Changed: goal, reward")
    await expect(revisions.locator("[data-revision='1']")).to_be_visible()
    await revisions.locator("[data-revision='2'] summary").click()
    await expect(revisions.locator("[data-revision='2'] table")).to_contain_text('"count":5')
    got = (await api(live, "GET", f"/v1/missions/{mission['id']}")).json()
    assert got["revision"] == 2 and got["goal"]["count"] == 5 and got["reward"]["points"] == 25
    await assert_accessible(page, context="on the detail page with revisions")
    await save_screenshot(page, "console-mission-detail", full_page=True)


async def test_an_active_recurring_missions_schedule_change_shows_its_409(live: Live, page: Page) -> None:
    name = unique("Daily")
    mission = await create(live, name, type="recurring", recurrence={"every": "day"})
    assert (await api(live, "POST", f"/v1/missions/{mission['id']}/activate")).status_code == 200
    await open_console(page, live, f"missions/{mission['id']}/edit")
    await page.get_by_label("Resets").select_option("week")
    await page.get_by_label("Mon", exact=True).check()
    await page.get_by_role("button", name="Save as new revision").click()
    await expect(page.locator(".form-alert")).to_contain_text("schedule_locked")
    await expect(page.get_by_label("Resets")).to_have_attribute("aria-invalid", "true")
    assert (await api(live, "GET", f"/v1/missions/{mission['id']}")).json()["revision"] == 1


async def test_every_field_of_a_rich_spec_survives_an_edit_saved_unchanged(live: Live, page: Page) -> None:
    tag = uuid.uuid4().hex[:10]
    segment = await api(live, "POST", "/v1/segments", json={"name": f"Seg {tag}"})
    assert segment.status_code == 201, segment.text
    seg_id = segment.json()["id"]
    prerequisite = await create(live, f"Prerequisite {tag}")
    start = (datetime.now(UTC) + timedelta(days=3)).replace(microsecond=0, second=17)
    mission = await create(
        live,
        f"Rich {tag}",
        description="Line one\nline two",
        type="locked",
        opt_in=True,
        start_at=start.isoformat(),
        end_at=(start + timedelta(days=30)).isoformat(),
        time_to_complete="PT36H",
        timezone="Europe/Paris",
        unlock={"after_missions": [prerequisite["id"]], "hidden_until_unlocked": True},
        goal={
            "kind": "manual",
            "proof": ["link", "survey"],
            "approval": {"mode": "rule", "min_points": 100, "segment": seg_id},
            "questions": [{"id": "q1", "text": "Why?", "choices": ["fun", "points"]}, {"id": "q2", "text": "More?"}],
        },
        reward={"direct": "Gift card"},
        budget_cap={"completions": 40},
        segments=[seg_id],
        callback_url="https://example.com/hooks/questline",
        action_button={"label": "Go", "url": "https://example.com/go"},
        images={"card": "https://example.com/card.png"},
    )
    await open_console(page, live, f"missions/{mission['id']}/edit")
    await expect(page.get_by_label("Question 2", exact=True)).to_have_value("More?")
    await expect(page.get_by_label("Auto-approve from points")).to_have_value("100")
    await expect(page.get_by_label("Hidden until unlocked")).to_be_checked()
    await page.get_by_role("button", name="Save draft").click()
    await expect(page.get_by_role("region", name="Definition")).to_contain_text("Gift card")
    after = (await api(live, "GET", f"/v1/missions/{mission['id']}")).json()
    ignore = {"updated_at"}
    assert {k: v for k, v in after.items() if k not in ignore} == {k: v for k, v in mission.items() if k not in ignore}

    # A social goal round-trips too, with its post count.
    social = await create(
        live,
        f"Social {tag}",
        type="recurring",
        recurrence={"every": "week", "weekdays": ["mon", "thu"]},
        goal={"kind": "social", "platform": "x", "action": "hashtag_post", "target": "#launch", "count": 3},
        reward={"points": 5},
        budget_cap={"points": 500},
    )
    await page.evaluate("id => { location.hash = `#/missions/${id}/edit`; }", social["id"])
    await expect(page.get_by_label("Number of posts")).to_have_value("3")
    await page.get_by_role("button", name="Save draft").click()
    await expect(page.get_by_role("region", name="Definition")).to_contain_text("hashtag post")
    after = (await api(live, "GET", f"/v1/missions/{social['id']}")).json()
    assert {k: v for k, v in after.items() if k not in ignore} == {k: v for k, v in social.items() if k not in ignore}


async def test_list_and_form_fit_a_phone(live: Live, phone: Page) -> None:
    name = unique("Phone")
    await create(live, name, budget_cap={"points": 100}, reward={"points": 10})
    await open_console(phone, live)
    await search(phone, name)
    await expect(rows(phone)).to_have_count(1)
    assert await phone.evaluate("() => document.documentElement.scrollWidth") <= 360
    await assert_accessible(phone, context="on the missions list at 360 px")
    await phone.get_by_role("link", name="New mission").click()
    await expect(phone.get_by_label("Name", exact=True)).to_be_visible()
    assert await phone.evaluate("() => document.documentElement.scrollWidth") <= 360

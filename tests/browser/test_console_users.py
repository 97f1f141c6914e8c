"""The console's user page on the real stack: profile, wallet, ledger, segments, journeys with their
Temporal UI links, what the user sees (the read-only widget), and granting / unlocking a mission."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from playwright.async_api import Page, expect

from tests.api.helpers import eventually
from tests.browser.conftest import TEMPORAL_UI_URL, Live, api, assert_accessible, create_mission, save_screenshot, uid
from tests.browser.test_console_review import open_console


async def mission(live: Live, name: str, type_: str, event_type: str, points: int, **extra: Any) -> str:
    body = {
        "name": name,
        "type": type_,
        "goal": {"kind": "event", "event_type": event_type, "count": 1},
        "reward": {"points": points},
        **extra,
    }
    return await create_mission(live, body)


async def send(live: Live, user: str, type_: str) -> None:
    r = await api(live, "POST", "/v1/events", who="client", json={"id": uid("e"), "user_id": user, "type": type_})
    assert r.status_code == 202, r.text


async def sees(live: Live, user: str, mission_id: str) -> dict[str, Any] | None:
    r = await api(live, "GET", f"/v1/users/{user}/missions/{mission_id}", who="client")
    return r.json() if r.status_code == 200 else None


async def test_a_user_page_shows_what_they_have_and_see_and_grants_a_featured_mission(live: Live, page: Page) -> None:
    user, country = uid("person"), uid("land")
    segment_name = uid("seg")
    r = await api(
        live,
        "POST",
        "/v1/segments",
        json={"name": segment_name, "rule": {"attribute": {"name": "country", "op": "eq", "value": country}}},
    )
    assert r.status_code == 201, r.text
    segment_id = r.json()["id"]
    r = await api(
        live,
        "PUT",
        f"/v1/users/{user}",
        who="client",
        json={"attributes": {"country": country, "note": "<b>not bold</b>"}},
    )
    assert r.status_code == 200, r.text
    assert segment_id in r.json()["segments"]

    earned_name, featured_name, locked_name = uid("Earned"), uid("Featured"), uid("Locked")
    earned_type = uid("ev")
    earned = await mission(live, earned_name, "generally_available", earned_type, 40)
    featured = await mission(live, featured_name, "featured", uid("ev"), 5)
    locked = await mission(live, locked_name, "locked", uid("ev"), 5, unlock={"after_missions": [featured]})
    await send(live, user, earned_type)

    async def paid() -> bool:
        wallet = (await api(live, "GET", f"/v1/users/{user}/wallet", who="client")).json()
        return wallet["points"] == 40

    await eventually(paid, within=20)
    assert await sees(live, user, featured) is None

    await open_console(page, live, "#/users")
    await page.get_by_label("User id").fill(user)
    await page.get_by_role("button", name="Look up").click()
    await expect(page.get_by_role("heading", name=f"User {user}", level=1)).to_be_visible()

    # Profile: points, effective tier, segments, attributes as text.
    await expect(page.locator("#user-points .value")).to_have_text("40")
    await expect(page.locator("#user-segments")).to_contain_text(segment_name)
    # Other tests' rule segments (points at least N...) may hold this user too: find ours by name.
    ours = page.locator("#user-segments a", has_text=segment_name)
    await expect(ours).to_have_attribute("href", f"#/segments/{segment_id}")
    await expect(page.locator(".users-attrs dd", has_text="<b>not bold</b>")).to_be_visible()
    # Wallet and ledger.
    await expect(page.locator("#wallet-points")).to_have_text("40")
    ledger = page.get_by_role("table", name="Ledger")
    await expect(ledger.get_by_role("row").filter(has_text=earned)).to_contain_text("+40")

    # Journeys, each linked to its workflow in the Temporal UI.
    journeys = page.get_by_role("table", name="Journeys")
    row = journeys.get_by_role("row").filter(has_text=earned_name)
    await expect(row).to_contain_text("completed")
    workflow_id = f"enrolment:{earned}:{user}"
    link = row.get_by_role("link", name=workflow_id)
    href = await link.get_attribute("href")
    assert href == f"{TEMPORAL_UI_URL}/namespaces/default/workflows/{quote(workflow_id, safe='')}"
    assert href.startswith(TEMPORAL_UI_URL)
    await expect(link).to_have_attribute("rel", "noopener noreferrer")

    # What the user sees: the widget itself, read-only, with their completed mission.
    widget = page.locator("#user-view questline-missions")
    await expect(widget).to_have_attribute("readonly", "")
    await widget.get_by_role("tab", name="Completed").click()
    await expect(widget.get_by_text(earned_name)).to_be_visible()
    await expect(widget.get_by_text(featured_name)).to_have_count(0)

    await assert_accessible(page, context="on the user page")
    await page.evaluate("() => window.scrollTo(0, 0)")
    await save_screenshot(page, "console-user")
    await widget.get_by_role("tab", name="Overview").click()

    # Grant the featured mission from the page: the user sees it (API), and so does the widget.
    grant = page.get_by_role("form", name="Grant a featured mission")
    await grant.get_by_label("Mission").select_option(label=featured_name)
    await grant.get_by_role("button", name="Grant").click()
    await expect(page.locator("#grant-result")).to_contain_text("Done")
    assert await sees(live, user, featured) is not None
    await expect(widget.get_by_text(featured_name)).to_be_visible(timeout=10_000)
    await expect(journeys.get_by_role("row").filter(has_text=featured_name)).to_be_visible()

    # Unlock the locked mission: the user sees it available.
    assert (await sees(live, user, locked) or {}).get("status") in (None, "locked")
    unlock = page.get_by_role("form", name="Unlock a locked mission")
    await unlock.get_by_label("Mission").select_option(label=locked_name)
    await unlock.get_by_role("button", name="Unlock").click()
    await expect(page.locator("#unlock-result")).to_contain_text("Done")

    async def unlocked() -> bool:
        view = await sees(live, user, locked)
        return bool(view) and view["status"] == "available"

    await eventually(unlocked, within=15)


async def test_the_lookup_page_and_a_user_without_anything(live: Live, page: Page) -> None:
    await open_console(page, live, "#/users")
    await expect(page.get_by_role("heading", name="Users", level=1)).to_be_visible()
    await expect(page.get_by_label("User id")).to_be_focused()
    await assert_accessible(page, context="on the user lookup page")
    nobody = uid("nobody")
    await page.get_by_label("User id").fill(nobody)
    await page.keyboard.press("Enter")
    await expect(page.get_by_role("heading", name=f"User {nobody}", level=1)).to_be_visible()
    assert page.url.endswith(f"#/users/{nobody}")
    await expect(page.locator("#user-points .value")).to_have_text("0")
    await expect(page.get_by_text("No journey yet")).to_be_visible()
    await expect(page.get_by_text("No ledger entry yet.")).to_be_visible()
    await expect(page.locator("#user-segments")).to_have_text("In no segment.")


async def test_without_the_widget_the_projection_is_a_read_only_table(live: Live, page: Page) -> None:
    user, name, event_type = uid("plain"), uid("Seen"), uid("ev")
    await mission(live, name, "generally_available", event_type, 3)
    await page.route("**/widget/questline.js", lambda route: route.fulfill(status=404, body="gone"))
    await open_console(page, live, f"#/users/{user}")
    projection = page.get_by_role("table", name="Missions the user sees")
    row = projection.get_by_role("row").filter(has_text=name)
    await expect(row).to_contain_text("available")
    await expect(page.get_by_text("The widget could not be loaded")).to_be_visible()
    await expect(page.locator("questline-missions")).to_have_count(0)

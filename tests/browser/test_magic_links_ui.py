"""Magic links in the browser (issue 17): a page loaded with `?questline_link=` opens the mission in
the widget (the user's own card, its tab selected; a newcomer's read-only card with "sign up in the
app to start"; or why not), and the console's mission page shows the link with a copy button and
sets its audience."""

from __future__ import annotations

import uuid
from typing import Any

from playwright.async_api import Page, Route, expect

from tests.browser.conftest import Live, api, assert_accessible, create_mission, save_screenshot, uid
from tests.browser.widget_support import WIDGET, host_html, open_widget

GOAL = {"kind": "event", "event_type": "deposit", "count": 3}


async def _link(live: Live, mission: str) -> dict[str, Any]:
    r = await api(live, "GET", f"/v1/missions/{mission}/link")
    assert r.status_code == 200, r.text
    out: dict[str, Any] = r.json()
    return out


async def _host(page: Page, live: Live, token: str, link: str) -> None:
    """The operator's page with the user's token, loaded from a magic link."""
    html = host_html(token, attrs={"poll": "0"})
    path = f"/host-{uuid.uuid4().hex[:8]}.html"

    async def serve(route: Route) -> None:
        await route.fulfill(status=200, content_type="text/html", body=html)

    await page.route(f"{live.url}{path}*", serve)
    await page.goto(f"{live.url}{path}?questline_link={link}")


async def test_a_newcomer_sees_the_linked_mission_read_only_and_is_asked_to_sign_up(page: Page, live: Live) -> None:
    name = uid("Deposit thrice")
    mission = await create_mission(
        live, {"name": name, "type": "generally_available", "goal": GOAL, "audience": "anyone"}
    )
    link = await _link(live, mission)
    await page.goto(f"{live.url}/widget/link.html?questline_link={link['token']}")
    box = page.locator(f"{WIDGET} .linked")
    await expect(box).to_have_attribute("data-link-state", "signup")
    await expect(box.locator(f'article.card[data-mission-id="{mission}"] h3')).to_have_text(name)
    await expect(box).to_contain_text("Sign up in the app to start this mission.")
    # Read-only, and nothing else of anyone's is asked for or shown.
    await expect(box.locator("button")).to_have_count(0)
    await expect(page.locator(f"{WIDGET} [role=tablist]")).to_be_hidden()
    await assert_accessible(page, context="a newcomer's linked mission")


async def test_a_registered_link_refuses_a_visitor_without_a_token(page: Page, live: Live) -> None:
    mission = await create_mission(live, {"type": "generally_available", "goal": GOAL})
    link = await _link(live, mission)
    await page.goto(f"{live.url}/widget/link.html?questline_link={link['token']}")
    box = page.locator(f"{WIDGET} .linked")
    await expect(box).to_have_attribute("data-link-state", "not_registered")
    await expect(box).to_contain_text("Sign in or sign up in the app to open this mission.")
    await page.goto(f"{live.url}/widget/link.html?questline_link=nope")
    await expect(page.locator(f"{WIDGET} .linked")).to_have_attribute("data-link-state", "unknown_link")


async def test_a_users_link_opens_their_own_card_and_its_tab(page: Page, live: Live) -> None:
    name = uid("Opt in then deposit")
    goal = {**GOAL, "event_type": uid("deposit")}
    mission = await create_mission(live, {"name": name, "type": "generally_available", "opt_in": True, "goal": goal})
    user = uid()
    r = await api(live, "PUT", f"/v1/users/{user}", who="client", json={"attributes": {}})
    assert r.status_code == 200, r.text
    link = await _link(live, mission)
    await _host(page, live, await live.user_token(user), link["token"])
    box = page.locator(f"{WIDGET} .linked")
    await expect(box).to_have_attribute("data-link-state", "open")
    shown = box.locator(f'article.card[data-mission-id="{mission}"]')
    await expect(shown.locator("h3")).to_have_text(name)
    await expect(page.locator(f"{WIDGET} [role=tab][data-tab=available]")).to_have_attribute("aria-selected", "true")
    # The linked card acts like any other: opting in from it joins the mission.
    await shown.get_by_role("button", name="Opt in").click()
    await expect(box.locator(f'article.card[data-mission-id="{mission}"] .chip')).to_contain_text(["Opted in"])
    r = await api(live, "GET", f"/v1/users/{user}/missions/{mission}", who="client")
    assert r.json()["status"] == "opted_in"
    await assert_accessible(page, context="a user's linked mission")


async def test_the_console_mission_page_shows_the_link_with_copy_and_sets_its_audience(page: Page, live: Live) -> None:
    mission = await create_mission(live, {"type": "generally_available", "goal": GOAL})
    link = await _link(live, mission)
    await page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    await page.goto(f"{live.url}/console#/missions/{mission}")
    await page.get_by_label("Admin key").fill(live.admin_key)
    await page.get_by_role("button", name="Sign in").click()
    card = page.locator("section.link-card")
    url = card.get_by_label("Magic link URL")
    await expect(url).to_have_value(f"{live.url}/widget/link.html?questline_link={link['token']}")
    await card.get_by_role("button", name="Copy the magic link").click()
    assert await page.evaluate("() => navigator.clipboard.readText()") == await url.input_value()
    await expect(card.locator(".link-audience")).to_contain_text("registered (the default)")
    # The segment picker shows only for a segment audience.
    await expect(card.get_by_label("Segment", exact=True)).to_be_hidden()
    await card.get_by_label("Who may open it").select_option("segment")
    await expect(card.get_by_label("Segment", exact=True)).to_be_visible()

    await card.get_by_label("Who may open it").select_option("anyone")
    await expect(card.get_by_label("Segment", exact=True)).to_be_hidden()
    await card.get_by_role("button", name="Save audience").click()
    await expect(card.locator(".link-audience")).to_contain_text("anyone (set on the link)")
    r = await api(live, "GET", f"/v1/missions/{mission}/link")
    assert r.json()["audience"] == "anyone"
    await assert_accessible(page, context="the mission page with its link")

    # A new link retires the old one.
    await card.get_by_role("button", name="Make a new link (the old one stops working)").click()
    await page.get_by_role("dialog").get_by_role("button", name="Make a new link").click()
    await expect(url).not_to_have_value(f"{live.url}/widget/link.html?questline_link={link['token']}")
    rotated = (await api(live, "GET", f"/v1/missions/{mission}/link")).json()
    await expect(url).to_have_value(f"{live.url}/widget/link.html?questline_link={rotated['token']}")
    assert (await api(live, "GET", f"/v1/links/{link['token']}")).status_code == 404


async def test_the_mission_form_keeps_and_sets_the_spec_s_link_audience(page: Page, live: Live) -> None:
    mission = await create_mission(
        live, {"type": "generally_available", "goal": GOAL, "audience": "anyone"}, activate=False
    )
    await page.goto(f"{live.url}/console#/missions/{mission}/edit")
    await page.get_by_label("Admin key").fill(live.admin_key)
    await page.get_by_role("button", name="Sign in").click()
    audience = page.get_by_label("Magic link opens for")
    await expect(audience).to_have_value("anyone")
    # Saved unchanged, the audience stays; chosen again, it changes.
    await page.get_by_role("button", name="Save draft").click()
    await expect(page.locator("section.link-card .link-audience")).to_contain_text("anyone (from the mission's spec)")
    assert (await api(live, "GET", f"/v1/missions/{mission}")).json()["audience"] == "anyone"
    await page.goto(f"{live.url}/console#/missions/{mission}/edit")
    await page.get_by_label("Magic link opens for").select_option("")
    await page.get_by_role("button", name="Save draft").click()
    await expect(page.locator("section.link-card .link-audience")).to_contain_text("registered (the default)")
    assert (await api(live, "GET", f"/v1/missions/{mission}")).json().get("audience") is None


async def test_a_linked_mission_fits_a_phone(phone: Page, live: Live) -> None:
    long_name = "A mission with a rather long name that must wrap on a small phone " + uid()
    mission = await create_mission(
        live,
        {
            "name": long_name,
            "type": "generally_available",
            "goal": GOAL,
            "audience": "anyone",
            "description": "x" * 300,
            "reward": {"points": 10},
        },
    )
    link = await _link(live, mission)
    await phone.goto(f"{live.url}/widget/link.html?questline_link={link['token']}")
    await expect(phone.locator(f"{WIDGET} .linked")).to_have_attribute("data-link-state", "signup")
    assert await phone.evaluate("() => document.documentElement.scrollWidth") <= 360
    await save_screenshot(phone, "widget-link-phone")


async def test_a_host_page_opens_a_link_by_setting_the_link_attribute(page: Page, live: Live) -> None:
    mission = await create_mission(live, {"type": "generally_available", "goal": GOAL})
    user = uid()
    r = await api(live, "PUT", f"/v1/users/{user}", who="client", json={"attributes": {}})
    assert r.status_code == 200, r.text
    await open_widget(page, live, user)
    await expect(page.locator(f"{WIDGET} .link-box")).to_be_hidden()
    token = (await _link(live, mission))["token"]
    opened = page.evaluate(
        "() => new Promise((resolve) => document.addEventListener('questline:link-opened',"
        " (e) => resolve(e.detail), { once: true }))"
    )
    await page.evaluate("t => document.querySelector('questline-missions').setAttribute('link', t)", token)
    assert await opened == {"mission_id": mission, "state": "open"}
    await expect(page.locator(f'{WIDGET} .linked article.card[data-mission-id="{mission}"]')).to_be_visible()
    await page.evaluate("() => document.querySelector('questline-missions').removeAttribute('link')")
    await expect(page.locator(f"{WIDGET} .link-box")).to_be_hidden()


async def test_the_linked_card_follows_the_users_progress(page: Page, live: Live) -> None:
    event_type = uid("deposit")
    mission = await create_mission(
        live, {"type": "generally_available", "goal": {"kind": "event", "event_type": event_type, "count": 3}}
    )
    user = uid()
    r = await api(live, "PUT", f"/v1/users/{user}", who="client", json={"attributes": {}})
    assert r.status_code == 200, r.text
    link = await _link(live, mission)
    html = host_html(await live.user_token(user), attrs={"poll": "1"})
    path = f"/host-{uuid.uuid4().hex[:8]}.html"

    async def serve(route: Route) -> None:
        await route.fulfill(status=200, content_type="text/html", body=html)

    await page.route(f"{live.url}{path}*", serve)
    await page.goto(f"{live.url}{path}?questline_link={link['token']}")
    linked = page.locator(f'{WIDGET} .linked article.card[data-mission-id="{mission}"]')
    await expect(linked.locator("[role=progressbar]").first).to_have_attribute("aria-valuenow", "0")
    r = await api(live, "POST", "/v1/events", who="client", json={"id": uid("e"), "user_id": user, "type": event_type})
    assert r.status_code == 202, r.text
    await expect(linked.locator("[role=progressbar]").first).to_have_attribute("aria-valuenow", "1")

"""Stored strings are text and URLs are http(s) only; an expired token is renewed by the host page
through the widget's `questline:token-expired` event (and its `token-callback`) and the widget goes on."""

from __future__ import annotations

import json

from playwright.async_api import Page, Route, expect

from tests.browser.conftest import Live, api, create_mission, uid
from tests.browser.widget_support import WIDGET, card, open_widget, send_event

HOSTILE_NAME = '<img src=x onerror="window.__xss=1">'
HOSTILE_TEXT = "<script>window.__xss=2</script><b>bold</b>"


async def test_names_descriptions_and_labels_render_as_text_and_no_javascript_url_becomes_a_link(
    page: Page, live: Live
) -> None:
    # The API refuses a javascript: action (the widget's own guard is checked below on a tampered answer).
    r = await api(
        live,
        "POST",
        "/v1/missions",
        json={
            "name": uid("m"),
            "type": "generally_available",
            "goal": {"kind": "event", "event_type": uid("t"), "count": 1},
            "action_button": {"label": "Go", "url": "javascript:window.__xss=3"},
        },
    )
    assert r.status_code == 422, r.text
    name = f"{HOSTILE_NAME} {uid('n')}"
    mission = await create_mission(
        live,
        {
            "name": name,
            "description": HOSTILE_TEXT,
            "type": "generally_available",
            "goal": {"kind": "event", "event_type": uid("t"), "count": 1},
            "action_button": {"label": "<i>Play</i>", "url": "https://example.com/play"},
        },
    )
    hostile = {"on": False}

    async def tamper(route: Route) -> None:
        if not hostile["on"]:
            await route.fulfill(response=await route.fetch())
            return
        # A whole answer (not a 304 to the widget's ETag), then tampered with.
        headers = {k: v for k, v in route.request.headers.items() if k.lower() != "if-none-match"}
        response = await route.fetch(headers=headers)
        if response.status != 200:
            await route.fulfill(response=response)
            return
        body = await response.json()
        for item in body["items"]:
            if item["mission_id"] == mission:
                item["action_button"] = {"label": "<i>Play</i>", "url": "javascript:window.__xss=3"}
                item["images"] = {"card": "javascript:window.__xss=4"}
        await route.fulfill(status=200, body=json.dumps(body), headers={"content-type": "application/json"})

    await page.route(f"{live.url}/v1/me/missions", tamper)
    await open_widget(page, live, uid())
    shown = card(page, mission)
    await expect(shown.locator("h3.name")).to_have_text(name)
    await expect(shown.locator(".desc")).to_have_text(HOSTILE_TEXT)
    await expect(shown.locator("img, script, b, i")).to_have_count(0)
    link = shown.locator("a.action")
    await expect(link).to_have_text("<i>Play</i>")
    await expect(link).to_have_attribute("href", "https://example.com/play")

    hostile["on"] = True
    await expect(shown.locator("a.action")).to_have_count(0, timeout=10_000)
    await expect(shown.locator("span.action")).to_have_text("<i>Play</i>")
    await shown.locator("span.action").click()
    hrefs = await page.evaluate(
        "() => [...document.querySelector('questline-missions').shadowRoot.querySelectorAll('[href],[src]')]"
        ".map((e) => e.getAttribute('href') || e.getAttribute('src'))"
    )
    assert not [h for h in hrefs if h.lower().startswith("javascript")], hrefs
    await expect(shown.locator("img")).to_have_count(0)
    assert await page.evaluate("window.__xss") is None


HOST_SCRIPT = """
window.__expired = 0; window.__callback = 0;
document.addEventListener('questline:token-expired', (event) => {
  window.__expired += 1;
  window.__provide = event.detail.provide;
  event.detail.token.then((token) => { window.__provided = token; });
});
window.onQuestlineToken = (detail) => { window.__callback += 1; window.__sameDetail = typeof detail.provide; };
"""


async def test_an_expired_token_is_renewed_through_the_event_and_the_widget_goes_on(page: Page, live: Live) -> None:
    event_type = uid("t")
    mission = await create_mission(
        live, {"type": "generally_available", "goal": {"kind": "event", "event_type": event_type, "count": 2}}
    )
    user = uid()
    short = await live.user_token(user, ttl=2)
    await open_widget(page, live, user, token=short, attrs={"token-callback": "onQuestlineToken"}, script=HOST_SCRIPT)
    bar = card(page, mission).locator("[role=progressbar]")
    await expect(bar).to_have_attribute("aria-valuenow", "0")

    # The token runs out: the next poll is refused, the widget asks the host, once for all its calls.
    await page.wait_for_function("window.__expired >= 1", timeout=15_000)
    assert await page.evaluate("window.__callback") == 1
    assert await page.evaluate("window.__sameDetail") == "function"
    await expect(page.locator(f"{WIDGET} .root > .status")).to_have_text("Signing you in again…")
    await send_event(live, user, event_type)
    await page.wait_for_timeout(1500)
    await expect(bar).to_have_attribute("aria-valuenow", "0")  # paused, not showing stale errors

    fresh = await live.user_token(user)
    await page.evaluate("(token) => window.__provide(token)", fresh)
    await expect(bar).to_have_attribute("aria-valuenow", "1", timeout=10_000)
    assert await page.evaluate("window.__provided") == fresh
    assert await page.evaluate("window.__expired") == 1
    await expect(page.locator(f"{WIDGET} .root > .status")).to_have_text("")
    await send_event(live, user, event_type)
    await expect(card(page, mission)).to_have_count(0, timeout=15_000)  # completed: left the overview

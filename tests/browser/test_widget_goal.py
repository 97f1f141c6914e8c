"""The widget reads what a mission asks of the user from the view's `goal`: a survey answered in the
card (the submission holds the answers), what a social check looks for and its verify label (and the
link-your-account note), a deep-link action button, and a challenge form within the operator's
limits (`GET /v1/me/challenges/config`)."""

from __future__ import annotations

import json

from playwright.async_api import Page, Route, expect

from tests.browser.conftest import Live, api, assert_accessible, create_mission, uid
from tests.browser.test_widget_actions import pending_submission
from tests.browser.widget_support import card, open_widget, panel, tab


async def test_a_survey_is_answered_in_the_card_and_the_submission_holds_the_answers(page: Page, live: Live) -> None:
    mission = await create_mission(
        live,
        {
            "type": "generally_available",
            "goal": {
                "kind": "manual",
                "proof": ["survey"],
                "questions": [
                    {"id": "colour", "text": "Favourite colour?", "choices": ["red", "blue"]},
                    {"id": "why", "text": "Why did you join?"},
                ],
                "approval": {"mode": "manual"},
            },
        },
    )
    user = uid()
    await open_widget(page, live, user)
    shown = card(page, mission)
    await expect(shown.locator(".proof-kinds")).to_have_text("Accepted proof: Survey")
    form = shown.locator("form.proof-form")
    await expect(form.locator("input[type=radio]")).to_have_count(0)
    await expect(form.locator("label.question")).to_have_count(2)
    await assert_accessible(page, context="with a survey form")

    # An unanswered question is caught before anything is sent.
    await form.get_by_label("Favourite colour?").select_option("blue")
    await form.locator("button[type=submit]").click()
    await expect(form.locator(".status")).to_contain_text("Please answer every question.")
    answer = 'To <b>win</b> & "learn"'
    await form.get_by_label("Why did you join?").fill(answer)
    await form.locator("button[type=submit]").click()
    await expect(shown.locator(".submission")).to_have_text("Your submission: waiting for review")

    submission = await pending_submission(live, mission, user)
    assert submission["proof"] == {"kind": "survey", "value": {"colour": "blue", "why": answer}}


async def test_a_social_card_says_what_is_checked_with_the_missions_verify_label_and_the_link_note(
    page: Page, live: Live
) -> None:
    brand = f"b{uid('x')[2:12]}"
    mission = await create_mission(
        live,
        {
            "type": "generally_available",
            "goal": {
                "kind": "social",
                "platform": "x",
                "action": "follow",
                "target": f"@{brand}",
                "verify_label": "Done! Check my profile!",
            },
        },
    )
    plain = await create_mission(
        live,
        {
            "type": "generally_available",
            "goal": {"kind": "social", "platform": "x", "action": "like", "target": "https://x.com/a/status/1"},
        },
    )
    unlinked = {"on": False}

    async def profile(route: Route) -> None:
        # The moment between an account unlinked and the next list (which no longer has the mission).
        headers = {k: v for k, v in route.request.headers.items() if k.lower() != "if-none-match"}
        response = await route.fetch(headers=headers)
        if not unlinked["on"] or response.status != 200:
            await route.fulfill(response=response)
            return
        body = await response.json()
        body["social"] = {}
        await route.fulfill(status=200, body=json.dumps(body), headers={"content-type": "application/json"})

    await page.route(f"{live.url}/v1/me", profile)

    # Without a linked X account the mission is not shown at all (mission-semantics §5).
    await open_widget(page, live, uid())
    await expect(panel(page).locator("article.card").first).to_be_visible()
    await expect(card(page, mission)).to_have_count(0)

    user = uid()
    r = await api(live, "PUT", f"/v1/users/{user}", who="client", json={"social": {"x": f"u{uid('h')[2:12]}"}})
    assert r.status_code == 200, r.text
    await open_widget(page, live, user)
    shown = card(page, mission)
    await expect(shown.locator(".checked")).to_have_text(f"We check: follow @{brand} on X")
    await expect(shown.locator("button.verify")).to_have_text("Done! Check my profile!")
    await expect(shown.locator(".linked")).to_have_count(0)
    other = card(page, plain)
    await expect(other.locator("button.verify")).to_have_text("Done! Check it")
    await expect(other.locator(".checked")).to_have_text("We check: like https://x.com/a/status/1 on X")
    await assert_accessible(page, context="with social cards")

    unlinked["on"] = True
    await expect(shown.locator(".linked")).to_have_text("Link your X account in the app to take part.", timeout=10_000)
    await assert_accessible(page, context="with the link-your-account note")
    unlinked["on"] = False
    await expect(shown.locator(".linked")).to_have_count(0, timeout=10_000)


async def test_a_deep_link_action_button_is_a_link_to_the_app(page: Page, live: Live) -> None:
    mission = await create_mission(
        live,
        {
            "type": "generally_available",
            "goal": {"kind": "event", "event_type": uid("t"), "count": 1},
            "action_button": {"label": "Open my wallet", "url": "myapp://open/wallet"},
        },
    )
    await open_widget(page, live, uid())
    link = card(page, mission).locator("a.action")
    await expect(link).to_have_text("Open my wallet")
    await expect(link).to_have_attribute("href", "myapp://open/wallet")
    assert await link.get_attribute("target") is None
    await assert_accessible(page, context="with a deep-link action button")


async def test_the_challenge_form_offers_only_the_allowed_event_types_within_the_limits(page: Page, live: Live) -> None:
    before = (await api(live, "GET", "/v1/challenges/config")).json()
    walk, swim = uid("walk"), uid("swim")
    config = {
        **before,
        "event_types": [walk, swim],
        "min_periods": 2,
        "max_periods": 30,
        "min_count": 2,
        "max_count": 9,
    }
    r = await api(live, "PUT", "/v1/challenges/config", json=config)
    assert r.status_code == 200, r.text
    try:
        user = uid()
        await open_widget(page, live, user)
        await tab(page, "challenges").click()
        form = panel(page).locator("form.challenge-form")
        event_type = form.locator("select[name=event_type]")
        await expect(event_type.locator("option")).to_have_text([walk, swim])
        await expect(form.locator("input[name=event_type]")).to_have_count(0)
        count = form.locator("input[name=count]")
        await expect(count).to_have_attribute("min", "2")
        await expect(count).to_have_attribute("max", "9")
        await expect(count).to_have_value("2")
        periods = form.locator("input[name=periods]")
        await expect(periods).to_have_attribute("min", "2")
        await expect(periods).to_have_attribute("max", "30")
        await expect(form).to_contain_text("Between 2 and 30")
        await assert_accessible(page, context="on the challenge form")

        await form.get_by_label("Name").fill("Swim")
        await event_type.select_option(swim)
        await periods.fill("3")
        await form.locator("button[type=submit]").click()
        try:
            await expect(panel(page).locator("article.challenge")).to_have_count(1)
        except AssertionError as missing:
            # Say what the form said (a refusal's field and reason), not only that no card came.
            said = await panel(page).locator("form.challenge-form [role=status]").all_inner_texts()
            listed = (await api(live, "GET", f"/v1/users/{user}/challenges", who="client")).text
            raise AssertionError(f"no challenge card; the form said {said!r}; the API lists {listed}") from missing
        r = await api(live, "GET", f"/v1/users/{user}/challenges", who="client")
        (created,) = r.json()["items"]
        assert (created["event_type"], created["periods"], created["target"]["count"]) == (swim, 3, 2)
    finally:
        r = await api(live, "PUT", "/v1/challenges/config", json=before)
        assert r.status_code == 200, r.text

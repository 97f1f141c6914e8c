"""The console's operations pages on the real stack: broadcasts (compose to a segment, delivered
count), shop (create, owed, restock), callbacks (a failed delivery with the receiver's answer,
retried until delivered), jobs (a segment grant's progress bar reaching done), challenges (the
configuration saved, a 422 beside its field, users' challenges listed)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from playwright.async_api import Page, expect

from services.callbacks import dispatch, enqueue_completion
from services.gateway import JourneyGateway, LazyClient
from tests.api.helpers import eventually
from tests.api.receiver import running_receiver
from tests.browser.conftest import Live, admin_headers, api, assert_accessible, create_mission, save_screenshot, uid
from tests.browser.test_console_shell import sign_in
from tests.conftest import CALLBACK_SECRET


async def open_page(page: Page, live: Live, label: str, heading: str | None = None) -> None:
    await sign_in(page, live)
    await page.get_by_role("navigation", name="Console").get_by_role("link", name=label, exact=True).click()
    await expect(page.get_by_role("heading", name=heading or label, level=1)).to_be_visible()


async def ok(live: Live, method: str, path: str, *, who: str = "admin", status: int = 200, **kw: Any) -> Any:
    r = await api(live, method, path, who=who, **kw)
    assert r.status_code == status, r.text
    return r.json() if r.content else None


async def mission(live: Live, body: dict[str, Any]) -> str:
    return await create_mission(live, {"name": uid("Ops"), **body})


def row_of(page: Page, code_title: str) -> Any:
    """The table row showing an id (shown shortened, the full id as its tooltip)."""
    return page.locator(f'tr:has(code[title="{code_title}"])')


async def test_a_broadcast_composed_to_a_segment_shows_its_delivered_count(live: Live, page: Page) -> None:
    flag = uid("news")
    users = [uid("u"), uid("u")]
    for user in users:
        await ok(live, "PUT", f"/v1/users/{user}", who="client", json={"attributes": {"newsletter": flag}})
    segment = await ok(
        live,
        "POST",
        "/v1/segments",
        json={"name": uid("Readers"), "rule": {"attribute": {"name": "newsletter", "op": "eq", "value": flag}}},
        status=201,
    )
    assert segment["members"] == 2
    title = uid("Spring update")

    await open_page(page, live, "Broadcasts")
    await page.get_by_role("button", name="Compose").click()
    form = page.get_by_role("form", name="Compose a broadcast")
    await form.get_by_role("button", name="Send").click()
    # The API's 422 names each missing field: shown beside it.
    await expect(form.get_by_label("Title")).to_have_attribute("aria-invalid", "true")
    await expect(form.get_by_label("Message")).to_have_attribute("aria-invalid", "true")
    await form.get_by_label("Title").fill(title)
    await form.get_by_label("Message").fill("<b>New</b> missions are live.")
    await form.get_by_label("Audience").select_option(segment["id"])
    await form.get_by_label("Also send it to everyone who enters the segment later (on entry)").check()
    await assert_accessible(page, context="on the compose form")
    await form.get_by_role("button", name="Send").click()

    row = page.get_by_role("row").filter(has_text=title)
    await expect(row).to_contain_text(segment["name"])
    await expect(row).to_contain_text("and everyone who enters it later")
    await expect(row.locator("[data-delivered]")).to_have_text("2", timeout=20_000)
    await expect(row).to_contain_text("Sent")
    await expect(row.locator("b")).to_have_count(0)  # the body is text, never markup
    inbox = await ok(live, "GET", f"/v1/users/{users[0]}/inbox", who="client")
    assert [i["title"] for i in inbox["items"]][:1] == [title]

    # Scheduled for tomorrow: listed as scheduled, at that time, nothing delivered yet.
    later = uid("Tomorrow")
    await page.get_by_role("button", name="Compose").click()
    await form.get_by_label("Title").fill(later)
    await form.get_by_label("Message").fill("Coming soon")
    await form.get_by_label("Audience").select_option(segment["id"])
    await form.get_by_label("Schedule for").check()
    tomorrow = datetime.now() + timedelta(days=1)
    await form.get_by_label("Send at (your time zone)").fill(tomorrow.strftime("%Y-%m-%dT%H:%M"))
    await form.get_by_role("button", name="Send").click()
    scheduled = page.get_by_role("row").filter(has_text=later)
    await expect(scheduled).to_contain_text("scheduled")
    await expect(scheduled).to_contain_text(re.compile(r"in 2[34] h"))
    await expect(scheduled.locator("[data-delivered]")).to_have_text("0")
    listed = (await ok(live, "GET", "/v1/broadcasts", params={"status": "scheduled"}))["items"]
    assert any(b["title"] == later and b["send_at"] for b in listed)
    await assert_accessible(page, context="on the broadcasts page")
    await save_screenshot(page, "console-broadcasts")


async def test_a_shop_item_made_in_the_page_shows_what_is_owed_and_a_restock_hands_it_out(
    live: Live, page: Page
) -> None:
    item_id = uid("mug").replace("-", "_")
    await open_page(page, live, "Shop")
    # From the keyboard alone: Enter on "New item" focuses the name; Tab walks the fields; Enter submits.
    await page.get_by_role("button", name="New item").focus()
    await page.keyboard.press("Enter")
    form = page.get_by_role("form", name="New item")
    await expect(form.get_by_label("Name")).to_be_focused()
    await page.keyboard.type("Questline mug")
    await page.keyboard.press("Tab")
    await expect(form.get_by_label("Id (optional)")).to_be_focused()
    await page.keyboard.type(item_id)
    await page.keyboard.press("Tab")
    await expect(form.get_by_label("Stock")).to_be_focused()
    await page.keyboard.type("0")
    await page.keyboard.press("Enter")
    row = row_of(page, item_id)
    await expect(row).to_contain_text("out of stock")
    assert (await ok(live, "GET", f"/v1/items/{item_id}"))["stock"] == 0

    et = uid("buy")
    m = await mission(
        live,
        {
            "type": "generally_available",
            "goal": {"kind": "event", "event_type": et, "count": 1},
            "reward": {"item": item_id},
        },
    )
    user = uid("u")
    await ok(live, "POST", "/v1/events", who="client", json={"id": uid("e"), "user_id": user, "type": et}, status=202)

    async def owed() -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = (await ok(live, "GET", f"/v1/items/{item_id}/owed"))["items"]
        return items

    assert (await eventually(owed, within=20))[0]["mission_id"] == m
    await page.reload()
    await expect(row.locator("[data-owed]")).to_have_text("1 owed")
    await row.get_by_role("button", name="1 owed").click()
    await expect(page.get_by_role("table", name="Users owed Questline mug")).to_contain_text(user)

    await row.get_by_label("New stock of Questline mug").fill("3")
    await row.get_by_role("button", name="Set stock").click()
    await expect(page.get_by_role("status").filter(has_text="1 owed reward handed out")).to_be_visible()
    await expect(row.locator("[data-owed]")).to_have_text("0")
    await expect(row.locator("[data-stock]")).to_have_text("2")
    assert await owed() == []
    await assert_accessible(page, context="on the shop page")
    await save_screenshot(page, "console-shop")


async def test_a_failed_callback_shows_the_receiver_s_answer_and_a_retry_delivers_it(live: Live, page: Page) -> None:
    stack = live.stack
    with running_receiver(CALLBACK_SECRET, down=True) as receiver:
        m = await mission(
            live,
            {
                "type": "generally_available",
                "goal": {"kind": "event", "event_type": uid("ev"), "count": 1},
                "callback_url": receiver.url,
            },
        )
        async with stack.engine.begin() as conn:
            cb = await enqueue_completion(
                conn, mission_id=m, url=receiver.url, user_id=uid("u"), completion=1, reward=None, at=datetime.now(UTC)
            )
        assert cb is not None
        # The stack's callbacks retry for a day before giving up; this one gives up after 3 s.
        quick = stack.settings.model_copy(
            update={"callback_retry_for": timedelta(seconds=3), "callback_max_interval": timedelta(seconds=0.5)}
        )
        await dispatch(JourneyGateway(LazyClient(stack.settings), stack.settings.task_queue), quick, [cb])

        async def failed() -> bool:
            return bool((await ok(live, "GET", f"/v1/callbacks/{cb}"))["status"] == "failed")

        await eventually(failed, within=30)
        attempts = len(receiver.of(cb))

        await open_page(page, live, "Callbacks")
        row = row_of(page, cb)
        await expect(row).to_contain_text("HTTP 500")
        await expect(row).to_contain_text(receiver.url)
        await expect(row.locator("[data-attempts]")).to_have_text(str(attempts))
        await expect(row.locator("[data-status]")).to_have_text("failed")
        await assert_accessible(page, context="on the callbacks page")
        await save_screenshot(page, "console-callbacks")

        receiver.down = False
        await row.get_by_role("button", name="Retry").click()
        await expect(row.locator("[data-result]")).to_contain_text(
            "Delivered: the receiver answered HTTP 200", timeout=20_000
        )
        await expect(row.locator("[data-status]")).to_have_text("delivered")
        assert [p.answered for p in receiver.of(cb)][-1] == 200
        assert (await ok(live, "GET", f"/v1/callbacks/{cb}"))["status"] == "delivered"
        await assert_accessible(page, context="after a retry")


async def test_a_segment_grant_shows_in_the_jobs_page_with_a_progress_bar_reaching_done(live: Live, page: Page) -> None:
    segment = (await ok(live, "POST", "/v1/segments", json={"name": uid("Everyone")}, status=201))["id"]
    members = 250  # two pages of the grant job
    r = await live.stack.http.post(
        f"/v1/segments/{segment}/members",
        content="user_id\n" + "\n".join(uid("u") for _ in range(members)) + "\n",
        headers={**admin_headers(), "content-type": "text/csv"},
    )
    assert r.status_code == 200, r.text
    m = await mission(live, {"type": "featured", "goal": {"kind": "event", "event_type": uid("ev"), "count": 1}})

    await open_page(page, live, "Jobs")
    job = (await ok(live, "POST", f"/v1/missions/{m}/grants/segment", json={"segment_id": segment}, status=202))[
        "job_id"
    ]
    row = row_of(page, job)
    await expect(row).to_be_visible(timeout=15_000)  # polled in: no reload
    bar = row.get_by_role("progressbar")
    await expect(bar).to_have_attribute("aria-valuemax", str(members))
    await expect(bar).to_have_attribute("aria-valuenow", str(members), timeout=60_000)
    await expect(row).to_contain_text(f"{members} / {members}")
    await expect(row).to_contain_text("done")
    assert (await ok(live, "GET", f"/v1/grant-jobs/{job}"))["status"] == "completed"
    await assert_accessible(page, context="on the jobs page")
    await save_screenshot(page, "console-jobs")


async def test_the_challenge_configuration_saves_and_a_422_shows_beside_its_field(live: Live, page: Page) -> None:
    before = await ok(live, "GET", "/v1/challenges/config")
    et = uid("steps")
    try:
        await open_page(page, live, "Challenges")
        form = page.get_by_role("form", name="Challenge configuration")
        await form.get_by_label("Event types users may challenge").fill(f"{et}, {et}-b")
        await form.get_by_label("Reward per completed challenge").select_option("points")
        await form.get_by_label("Reward value").fill("15")
        await form.get_by_label("Periods in a row (at least)").fill("9")
        await form.get_by_label("Periods in a row (at most)").fill("4")
        await form.get_by_role("button", name="Save configuration").click()
        at_least = form.get_by_label("Periods in a row (at least)")
        await expect(at_least).to_have_attribute("aria-invalid", "true")
        await expect(form.locator("#cfg-min_periods-error")).to_contain_text("must not exceed max_periods")
        assert (await ok(live, "GET", "/v1/challenges/config")) == before
        await assert_accessible(page, context="with a 422 on the challenge form")

        await form.get_by_label("Periods in a row (at most)").fill("30")
        await form.get_by_role("button", name="Save configuration").click()
        await expect(page.get_by_role("status").filter(has_text="Challenge configuration saved.")).to_be_visible()
        saved = await ok(live, "GET", "/v1/challenges/config")
        assert (saved["event_types"], saved["reward"]["points"], saved["min_periods"], saved["max_periods"]) == (
            [et, f"{et}-b"],
            15,
            9,
            30,
        )
        await expect(form.get_by_label("Periods in a row (at least)")).not_to_have_attribute("aria-invalid", "true")

        user = uid("u")
        name = uid("My steps")
        body = {"name": name, "event_type": et, "target": {"count": 2}, "period": "day", "periods": 10}
        await ok(live, "POST", f"/v1/users/{user}/challenges", who="client", json=body, status=201)
        await page.reload()
        row = page.get_by_role("row").filter(has_text=name)
        await expect(row).to_contain_text(user)
        await expect(row).to_contain_text("15 points")
        await expect(row).to_contain_text("0 of 10")
        await assert_accessible(page, context="on the challenges page")
        await save_screenshot(page, "console-challenges")
    finally:
        restore = {k: v for k, v in before.items()}
        r = await api(live, "PUT", "/v1/challenges/config", json=restore)
        assert r.status_code == 200, r.text

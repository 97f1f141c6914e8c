"""The demo `make run` seeds, seen in a real browser on a database of its own: the widget demo page
(`/widget/demo`, dev only) shows the seeded missions and renews its token through the expiry
event, and every face is screenshotted with tidy data — the README's pictures.

The other browser tests share one database full of their own missions; this module opens a stack
on a fresh database (same PostgreSQL server, same Temporal dev server, a task queue of its own),
with `QUESTLINE_ENV=dev` as `make run` has it, and seeds it with `devstack.demo.seed` over HTTP,
as `make run` does. `QUESTLINE_SCREENSHOTS=docs/screenshots` refreshes the README's copies.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from playwright.async_api import Browser, Page, expect
from temporalio.testing import WorkflowEnvironment

from devstack.demo import PREFIX, seed
from devstack.social_emulator import Emulator
from tests.browser.conftest import DESKTOP, PHONE, Live, assert_accessible, save_screenshot, serve_stack
from tests.browser.test_console_review import upload_png
from tests.browser.test_console_shell import sign_in
from tests.browser.widget_support import WIDGET
from tests.db.conftest import scratch_database

DEMO_USER = "demo-user"


@pytest.fixture(scope="module")
async def showcase(
    database_url: str,
    dev_env: WorkflowEnvironment,
    tmp_path_factory: pytest.TempPathFactory,
    emulator_server: tuple[Emulator, str],
) -> AsyncIterator[tuple[Live, dict[str, str]]]:
    """A dev stack on a fresh database, seeded as `make run` seeds it, plus a little activity."""
    with scratch_database(database_url, f"showcase_{uuid.uuid4().hex[:8]}", at="head") as url:
        uploads = tmp_path_factory.mktemp("showcase-uploads")
        async with serve_stack(url, dev_env, emulator_server, uploads, env="dev") as live:
            # The seeding client is synchronous (as make run calls it): off the loop that serves the API.
            created = await asyncio.to_thread(seed, live.url, live.admin_key, live.client_key)
            assert len(created) >= 5, created
            missions = await _missions(live)
            await _activity(live, missions)
            yield live, missions


async def _missions(live: Live) -> dict[str, str]:
    r = await live.stack.http.get("/v1/missions", headers={"Authorization": f"Bearer {live.admin_key}"})
    assert r.status_code == 200, r.text
    return {m["name"].removeprefix(PREFIX): m["id"] for m in r.json()["items"]}


async def _activity(live: Live, missions: dict[str, str]) -> None:
    """Other users' progress, so the statistics and the review queue have something to show."""
    client = {"Authorization": f"Bearer {live.client_key}"}
    for n, user in enumerate(["maya", "omar", "lena", "yuki"]):
        for k in range(3 if n < 3 else 1):
            event = {"id": f"showcase-{user}-{k}", "user_id": user, "type": "deposit", "value": 20 + 5 * k}
            r = await live.stack.http.post("/v1/events", json=event, headers=client)
            assert r.status_code == 202, r.text
    await upload_png(live, "maya", missions["Show us your setup"])
    await upload_png(live, "omar", missions["Show us your setup"])


async def _demo_page(page: Page, live: Live) -> None:
    await page.goto(f"{live.url}/widget/demo")
    await page.locator(f"{WIDGET} [role=tabpanel]").wait_for()
    await expect(page.locator(f"{WIDGET} article.card").first).to_be_visible(timeout=15_000)


async def test_the_demo_page_shows_the_seeded_missions_and_renews_its_token(
    showcase: tuple[Live, dict[str, str]], browser: Browser
) -> None:
    live, missions = showcase
    ctx = await browser.new_context(viewport=DESKTOP)
    try:
        page = await ctx.new_page()
        await _demo_page(page, live)
        cards = page.locator(f"{WIDGET} article.card")
        names = await page.locator(f"{WIDGET} article.card h3").all_inner_texts()
        assert any(name.startswith(PREFIX) for name in names), names
        featured = page.locator(f'{WIDGET} article.card[data-mission-id="{missions["Welcome bonus"]}"]')
        await expect(featured).to_be_visible()
        assert await cards.count() >= 4
        await assert_accessible(page, context="on the widget demo page")

        # The host page's side of the expiry contract: it fetches a new token from /widget/demo/token.
        async with page.expect_response(lambda r: r.url.endswith("/widget/demo/token") and r.status == 200):
            await page.evaluate(
                "() => { const w = document.querySelector('questline-missions');"
                " w.setAttribute('token', 'expired.token.value'); }"
            )
        await expect(featured).to_be_visible()
        await page.locator(f'{WIDGET} [role=tab][data-tab="wallet"]').click()
        await expect(page.locator(f"{WIDGET} [role=tabpanel] [data-points]")).to_be_visible()
    finally:
        await ctx.close()


async def test_the_readme_screenshots(showcase: tuple[Live, dict[str, str]], browser: Browser) -> None:
    live, missions = showcase
    ctx = await browser.new_context(viewport=DESKTOP)
    try:
        page = await ctx.new_page()
        await _demo_page(page, live)
        await save_screenshot(page, "widget")
        phone = await ctx.new_page()
        await phone.set_viewport_size(PHONE)
        await _demo_page(phone, live)
        width = await phone.evaluate("() => document.scrollingElement.scrollWidth")
        assert width <= PHONE["width"], f"the demo page scrolls sideways on a phone: {width}px"
        await save_screenshot(phone, "widget-phone")

        console = await ctx.new_page()
        await sign_in(console, live)
        await expect(console.locator("main table tbody tr").first).to_be_visible()
        await save_screenshot(console, "console-missions")
        await _go(console, "#/missions/new")
        await console.get_by_label("Name", exact=True).fill("Order 3 taxis this week")
        await save_screenshot(console, "console-mission-form")
        await _go(console, f"#/review?mission_id={missions['Show us your setup']}")
        await console.wait_for_function(
            "() => { const i = document.querySelector('.proof img'); return !!i && i.complete && i.naturalWidth > 0; }"
        )
        await save_screenshot(console, "console-review")
        await _go(console, f"#/users/{DEMO_USER}")
        await expect(console.locator(f"{WIDGET} article.card").first).to_be_visible(timeout=15_000)
        await save_screenshot(console, "console-user")
        await _go(console, f"#/stats?mission_id={missions['Make 3 deposits']}")
        await expect(console.get_by_role("heading", name="Completions per day")).to_be_visible()
        await console.wait_for_timeout(300)
        await save_screenshot(console, "console-stats")
    finally:
        await ctx.close()


async def _go(page: Page, route: str) -> Any:
    await page.evaluate("r => { location.hash = r; }", route)
    await expect(page.locator("main h1")).to_be_visible()
    await page.wait_for_load_state("networkidle")

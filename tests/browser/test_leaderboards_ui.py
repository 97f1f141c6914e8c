"""Leaderboards in the browser on the real stack: the console page defines one (a bad time zone is
shown beside its field) and shows its standings; the widget's Leaderboards tab shows the top users
by display name and the user's own rank."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from playwright.async_api import Page, expect

from tests.browser.conftest import Live, api, assert_accessible, save_screenshot, uid
from tests.browser.test_console_shell import sign_in
from tests.browser.widget_support import WIDGET, open_widget, panel, tab


async def _grant(live: Live, rows: list[tuple[str, int]]) -> None:
    """Ledger rows written now (as a grant writes them: the leaderboards' trigger counts them)."""
    now = datetime.now(UTC)
    async with live.stack.engine.begin() as conn:
        await conn.execute(
            sa.text(
                "INSERT INTO ledger (user_id, kind, points, idempotency_key, created_at)"
                " VALUES (:u, 'points', :p, :k, :at)"
            ),
            [
                {"u": u, "p": p, "k": uid("k"), "at": now - timedelta(seconds=len(rows) - i)}
                for i, (u, p) in enumerate(rows)
            ],
        )


async def test_the_console_defines_a_leaderboard_and_shows_its_standings(live: Live, page: Page) -> None:
    leader, runner = uid("u"), uid("u")
    r = await api(live, "PUT", f"/v1/users/{leader}", who="client", json={"attributes": {"display_name": "Ada"}})
    assert r.status_code == 200, r.text
    name = uid("Weekly points")
    await sign_in(page, live)
    await page.get_by_role("navigation", name="Console").get_by_role("link", name="Leaderboards").click()
    await expect(page.get_by_role("heading", name="Leaderboards", level=1)).to_be_visible()
    await page.get_by_role("button", name="New leaderboard").click()
    form = page.get_by_role("form", name="New leaderboard")
    await form.get_by_label("Name").fill(name)
    await form.get_by_label("Resets every").select_option("week")
    await form.get_by_label("Time zone").fill("Mars/Olympus")
    await form.get_by_role("button", name="Create leaderboard").click()
    await expect(form.get_by_label("Time zone")).to_have_attribute("aria-invalid", "true")
    await expect(form).to_contain_text("IANA")
    await assert_accessible(page, context="on the new leaderboard form with an error")
    await form.get_by_label("Time zone").fill("Europe/Berlin")
    await form.get_by_role("button", name="Create leaderboard").click()
    row = page.get_by_role("row").filter(has_text=name)
    await expect(row).to_contain_text("Points earned, per week (from monday), Europe/Berlin")

    await _grant(live, [(leader, 9_000_000_000), (runner, 8_000_000_000)])
    standings = page.get_by_role("region", name=f"Standings: {name}")
    await standings.get_by_role("button", name="Show", exact=True).click()
    table = standings.get_by_role("table")
    await expect(table.get_by_role("row").nth(1)).to_contain_text("Ada")
    await expect(table.get_by_role("row").nth(1)).to_contain_text("9000000000")
    await expect(table.get_by_role("row").nth(2)).to_contain_text(runner)
    await standings.get_by_label("Around user").fill(runner)
    await standings.get_by_role("button", name="Show", exact=True).click()
    await expect(table.get_by_role("row").filter(has_text=runner).get_by_role("cell").first).to_have_text("2")
    await assert_accessible(page, context="on the leaderboards page")
    await save_screenshot(page, "console-leaderboards")

    page.on("dialog", lambda d: d.accept())
    await row.get_by_role("button", name=f"Archive {name}").click()
    await expect(row.get_by_text("archived")).to_be_visible()
    await row.get_by_role("button", name=f"Delete {name}").click()
    await expect(page.get_by_role("row").filter(has_text=name)).to_have_count(0)


async def test_the_widget_tab_shows_the_top_and_the_users_own_rank(live: Live, page: Page) -> None:
    top, me = uid("u"), uid("u")
    r = await api(
        live, "PUT", f"/v1/users/{top}", who="client", json={"attributes": {"display_name": "Grace", "email": "g@x.io"}}
    )
    assert r.status_code == 200, r.text
    r = await api(live, "POST", "/v1/leaderboards", json={"name": uid("All-time points"), "period": "all"})
    assert r.status_code == 201, r.text
    board = r.json()["id"]
    # Above anything other tests grant, so this test's users lead the all-time standings.
    await _grant(live, [(top, 9 * 10**14), (me, 8 * 10**14)])
    await open_widget(page, live, me)
    await tab(page, "leaderboards").click()
    section = page.locator(f'{WIDGET} section[data-leaderboard-id="{board}"]')
    await expect(section.locator(".my-rank")).to_contain_text("Your rank: 2 of")
    await expect(section.locator('ul.top li[data-rank="1"]')).to_contain_text("Grace")
    await expect(section.locator(f'ul.top li[data-user-id="{me}"]')).to_contain_text("You")
    await expect(panel(page)).not_to_contain_text("g@x.io")
    await assert_accessible(page, context="on the widget's leaderboards tab")
    await save_screenshot(page, "widget-leaderboards")
    r = await api(live, "DELETE", f"/v1/leaderboards/{board}", params={"confirm": board})
    assert r.status_code == 204

"""The console's shell: sign-in with the admin key (this tab only), navigation, sign-out."""

from __future__ import annotations

from playwright.async_api import Page, expect

from tests.browser.conftest import Live, assert_accessible


async def sign_in(page: Page, live: Live, key: str | None = None) -> None:
    """Opens the console and signs in (with the admin key unless `key` says otherwise)."""
    await page.goto(f"{live.url}/console")
    await page.get_by_label("Admin key").fill(key or live.admin_key)
    await page.get_by_role("button", name="Sign in").click()


async def test_sign_in_refuses_a_wrong_key_and_the_client_key(live: Live, page: Page) -> None:
    await page.goto(f"{live.url}/console")
    await assert_accessible(page, context="on the sign-in page")
    await sign_in(page, live, "not-a-key")
    await expect(page.get_by_role("alert")).to_have_text("That key is not valid here.")
    await page.get_by_label("Admin key").fill(live.client_key)
    await page.get_by_role("button", name="Sign in").click()
    await expect(page.get_by_role("alert")).to_have_text("That key is valid but it is not the admin key.")
    await expect(page.get_by_role("navigation", name="Console")).to_have_count(0)


async def test_sign_in_keeps_the_key_for_the_tab_only_and_sign_out_forgets_it(live: Live, page: Page) -> None:
    await sign_in(page, live)
    nav = page.get_by_role("navigation", name="Console")
    await expect(nav.get_by_role("link", name="Missions")).to_have_attribute("aria-current", "page")
    assert await page.evaluate("() => sessionStorage.getItem('questline.console.adminKey')") == live.admin_key
    assert await page.evaluate("() => localStorage.length") == 0
    await page.reload()
    await expect(nav.get_by_role("link", name="Missions")).to_be_visible()
    await page.get_by_role("button", name="Sign out").click()
    await expect(page.get_by_label("Admin key")).to_be_visible()
    assert await page.evaluate("() => sessionStorage.getItem('questline.console.adminKey')") is None

"""The API docs render their operations in a real browser with every outside host blocked."""

from __future__ import annotations

from playwright.async_api import Page, expect

from tests.browser.conftest import Live, assert_accessible

OUTSIDE = ("cdn.jsdelivr.net", "fonts.googleapis.com", "unpkg.com", "validator.swagger.io")


async def test_swagger_ui_renders_operations_offline(live: Live, page: Page) -> None:
    outside: list[str] = []
    page.on("request", lambda request: outside.append(request.url) if live.host not in request.url else None)
    await page.goto(f"{live.url}/docs")
    # Every tag of the document, folded; unfolding them shows their operations, rendered by Swagger
    # UI from the vendored bundle.
    tags = page.locator(".opblock-tag")
    await expect(tags.filter(has_text="notifications")).to_be_visible(timeout=15000)
    assert await tags.count() >= 19
    for tag in ("events", "missions", "me", "users", "links"):
        await page.locator(f"#operations-tag-{tag}").click()
    await expect(page.locator(".opblock-summary-path", has_text="/v1/events/batch").first).to_be_visible(timeout=15000)
    links = page.locator(".opblock-summary-path", has_text="/v1/users/{user_id}/links/{token}")
    await expect(links.first).to_be_visible()
    assert await page.locator(".opblock").count() > 40
    assert not [url for url in outside if any(host in url for host in OUTSIDE)], outside


async def test_redoc_renders_operations_offline(live: Live, page: Page) -> None:
    await page.goto(f"{live.url}/redoc")
    await expect(page.get_by_text("/v1/events/batch").first).to_be_attached(timeout=20000)


async def test_front_door_links_and_is_accessible(live: Live, page: Page) -> None:
    await page.goto(f"{live.url}/")
    await expect(page.get_by_role("link", name="API reference").first).to_be_visible()
    await assert_accessible(page, context="on /")

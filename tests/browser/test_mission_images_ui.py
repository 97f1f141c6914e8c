"""Card and page images in the browser (issue 17): the console's mission page uploads one, shows it,
and "Use" points the spec's `images` at it; the widget's card then shows the uploaded image."""

from __future__ import annotations

from playwright.async_api import FilePayload, Page, expect

from tests.browser.conftest import Live, api, assert_accessible, create_mission, uid
from tests.browser.widget_support import card, open_widget, png

GOAL = {"kind": "event", "event_type": "deposit", "count": 2}


async def test_an_image_uploaded_in_the_console_becomes_the_widgets_card_image(page: Page, live: Live) -> None:
    mission = await create_mission(live, {"type": "generally_available", "goal": GOAL})
    await page.goto(f"{live.url}/console#/missions/{mission}")
    await page.get_by_label("Admin key").fill(live.admin_key)
    await page.get_by_role("button", name="Sign in").click()
    images = page.locator("section.images-card")
    await images.get_by_label("Image (png, jpeg, webp or gif)").set_input_files(
        files=[FilePayload(name="cover.png", mimeType="image/png", buffer=png(24, 12))]
    )
    await images.get_by_label("For").select_option("card")
    await images.get_by_role("button", name="Upload").click()
    preview = images.get_by_role("img", name="Uploaded card image")
    await expect(preview).to_be_visible()
    await page.wait_for_function(
        "() => { const i = document.querySelector('.images-card img');"
        " return i && i.complete && i.naturalWidth === 24; }"
    )
    await assert_accessible(page, context="the mission page with an uploaded image")

    await images.get_by_role("button", name="Use as the card image").click()

    async def spec_image() -> str | None:
        r = await api(live, "GET", f"/v1/missions/{mission}")
        return (r.json().get("images") or {}).get("card")

    url = None
    for _ in range(50):
        url = await spec_image()
        if url:
            break
        await page.wait_for_timeout(100)
    assert url and "/v1/mission-images/img_" in url
    # The mission page, refreshed, lists the upload as in use.
    image_id = url.rsplit("/", 1)[1]
    await expect(page.locator(f'.images-card .image-row[data-image-id="{image_id}"]')).to_contain_text("in use")
    await assert_accessible(page, context="the mission page listing its images")

    # An image nobody shows can be deleted from the list.
    r = await api(
        live,
        "POST",
        f"/v1/missions/{mission}/images",
        params={"slot": "page"},
        files={"file": ("spare.png", png(8, 8), "image/png")},
    )
    assert r.status_code == 201, r.text
    spare = r.json()["id"]
    await page.reload()
    row = page.locator(f'.images-card .image-row[data-image-id="{spare}"]')
    await row.get_by_role("button", name="Delete the page image spare.png").click()
    await expect(row).to_have_count(0)
    assert (await api(live, "GET", f"/v1/mission-images/{spare}")).status_code == 404

    user = uid()
    await open_widget(page, live, user)
    cover = card(page, mission).locator("img.cover")
    await expect(cover).to_have_attribute("src", url)


async def test_a_file_that_is_not_an_image_is_refused_in_the_console(page: Page, live: Live) -> None:
    mission = await create_mission(live, {"type": "generally_available", "goal": GOAL}, activate=False)
    await page.goto(f"{live.url}/console#/missions/{mission}")
    await page.get_by_label("Admin key").fill(live.admin_key)
    await page.get_by_role("button", name="Sign in").click()
    images = page.locator("section.images-card")
    await images.get_by_label("Image (png, jpeg, webp or gif)").set_input_files(
        files=[FilePayload(name="cover.png", mimeType="image/png", buffer=b"<html>not an image</html>")]
    )
    await images.get_by_role("button", name="Upload").click()
    await expect(images.locator(".card-status")).to_contain_text("not a png, jpeg, webp or gif image")
    r = await api(live, "GET", f"/v1/missions/{mission}/images")
    assert r.json()["items"] == []

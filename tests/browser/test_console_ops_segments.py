"""The console's segments & tiers page on the real stack: a rule segment made in the page counts
the users its rule matches, a CSV upload lists its refused rows by line, tier thresholds save."""

from __future__ import annotations

from playwright.async_api import Page, expect

from tests.api.helpers import eventually
from tests.browser.conftest import Live, api, assert_accessible, save_screenshot, uid
from tests.browser.test_console_shell import sign_in


async def open_segments(page: Page, live: Live) -> None:
    await sign_in(page, live)
    await page.get_by_role("navigation", name="Console").get_by_role("link", name="Segments & tiers").click()
    await expect(page.get_by_role("heading", name="Segments & tiers", level=1)).to_be_visible()


async def test_a_rule_segment_made_in_the_page_counts_the_users_its_rule_matches(live: Live, page: Page) -> None:
    plan = uid("plan")
    name = uid("Plan members")
    await open_segments(page, live)
    await page.get_by_role("button", name="New segment").click()
    form = page.get_by_role("form", name="New segment")
    await form.get_by_label("Name").fill(name)
    await form.get_by_label("Attribute").fill("plan")
    await form.get_by_label("Test").select_option("eq")
    await form.get_by_label("Value", exact=True).fill(plan)
    await expect(form.get_by_text(f"Members: users whose plan = “{plan}”.")).to_be_visible()
    await assert_accessible(page, context="on the new segment form")
    await form.get_by_role("button", name="Create segment").click()

    row = page.get_by_role("row").filter(has_text=name)
    await expect(row).to_contain_text(f"plan = “{plan}”")
    await expect(row.get_by_role("cell").nth(3)).to_have_text("0")
    segment = next(s for s in (await api(live, "GET", "/v1/segments")).json() if s["name"] == name)
    assert segment["rule"] == {"attribute": {"name": "plan", "op": "eq", "value": plan}}

    for user in (uid("u"), uid("u")):
        r = await api(live, "PUT", f"/v1/users/{user}", who="client", json={"attributes": {"plan": plan}})
        assert r.status_code == 200, r.text
    await page.reload()
    await expect(page.get_by_role("row").filter(has_text=name).get_by_role("cell").nth(3)).to_have_text("2")
    await assert_accessible(page, context="on the segments page")
    await save_screenshot(page, "console-segments")

    # Edit the rule: evaluated at once, the count follows.
    other_plan = uid("plan")
    r = await api(live, "PUT", f"/v1/users/{uid('u')}", who="client", json={"attributes": {"plan": other_plan}})
    assert r.status_code == 200, r.text
    await page.get_by_role("button", name=f"Edit {name}").click()
    edit = page.get_by_role("form", name=f"Edit “{name}”")
    await expect(edit.get_by_label("Value", exact=True)).to_have_value(plan)
    await edit.get_by_label("Value", exact=True).fill(other_plan)
    await edit.get_by_role("button", name="Save segment").click()
    row = page.get_by_role("row").filter(has_text=name)
    await expect(row).to_contain_text(f"plan = “{other_plan}”")
    await expect(row.get_by_role("cell").nth(3)).to_have_text("1")
    saved = (await api(live, "GET", f"/v1/segments/{segment['id']}")).json()
    assert (saved["rule"]["attribute"]["value"], saved["members"]) == (other_plan, 1)


async def test_a_csv_upload_lists_the_refused_rows_by_line_and_adds_the_rest(live: Live, page: Page) -> None:
    name = uid("Uploaded")
    r = await api(live, "POST", "/v1/segments", json={"name": name})
    assert r.status_code == 201, r.text
    segment = r.json()["id"]
    good, other = uid("u"), uid("u")
    csv = f"user_id,email\n{good},a@example.com\nbad user,b@example.com\n{other},c@example.com\n{good},d@example.com\n"

    await open_segments(page, live)
    await page.get_by_role("button", name=f"Upload CSV to {name}").click()
    upload = page.get_by_role("form", name=f"Upload members to “{name}”")
    await upload.get_by_label("CSV file").set_input_files(
        {"name": "members.csv", "mimeType": "text/csv", "buffer": csv.encode()}
    )
    await upload.get_by_role("button", name="Upload").click()
    await expect(upload.get_by_text("Added 2")).to_be_visible()
    refused = upload.get_by_role("table", name="Refused rows by line")
    await expect(refused.get_by_role("row")).to_have_count(3)
    await expect(refused.get_by_role("row").nth(1)).to_contain_text("3")
    await expect(refused.get_by_role("row").nth(1)).to_contain_text("whitespace")
    await expect(refused.get_by_role("row").nth(2)).to_contain_text("duplicate of line 2")
    await expect(page.get_by_role("row").filter(has_text=name).get_by_role("cell").nth(3)).to_have_text("2")
    r = await api(live, "GET", f"/v1/segments/{segment}/members")
    assert sorted(r.json()["items"]) == sorted([good, other])
    await assert_accessible(page, context="after a CSV upload")


async def test_tier_thresholds_edited_in_the_page_are_saved(live: Live, page: Page) -> None:
    before = (await api(live, "GET", "/v1/tiers")).json()["tiers"]
    tier = uid("summit")
    try:
        await open_segments(page, live)
        tiers = page.get_by_role("form", name="Tier thresholds")
        await tiers.get_by_role("button", name="Add tier").click()
        n = len(before) + 1
        await tiers.get_by_label(f"Tier {n} name").fill(tier)
        await tiers.get_by_label(f"Tier {n} points threshold").fill("-5")
        await tiers.get_by_role("button", name="Save tiers").click()
        # The API's 422 names the field: shown beside it.
        points = tiers.get_by_label(f"Tier {n} points threshold")
        await expect(points).to_have_attribute("aria-invalid", "true")
        await expect(tiers.locator(f"#tier-{n - 1}-points-error")).to_be_visible()
        await points.fill("987654321")
        await tiers.get_by_role("button", name="Save tiers").click()

        async def saved() -> list[dict[str, object]] | None:
            found = (await api(live, "GET", "/v1/tiers")).json()["tiers"]
            return found if any(t["name"] == tier for t in found) else None

        found = await eventually(saved)
        assert {"name": tier, "min_points": 987654321} in found
        await expect(tiers.locator(f'input.tier-name[value="{tier}"]')).to_have_count(1)
        await assert_accessible(page, context="on the tiers form")
    finally:
        r = await api(live, "PUT", "/v1/tiers", json={"tiers": before})
        assert r.status_code == 200, r.text

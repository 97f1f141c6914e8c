"""Card and page images uploaded for a mission (issue 17) on the real stack: stored like proofs,
their type told by their bytes, within the size limit, served back at a URL the spec points at.

The app runs with a 4 KiB image limit and an upload folder of its own."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from temporalio.testing import WorkflowEnvironment

from tests.api.helpers import create_mission, uid
from tests.conftest import Stack, open_stack

MAX = 4096
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x01" * 300
WEBP = b"RIFF\x00\x01\x00\x00WEBPVP8 " + b"\x02" * 300
GIF = b"GIF89a" + b"\x03" * 300
HTML = b"<!doctype html><script>alert(1)</script>"
GOAL = {"kind": "event", "event_type": "deposit", "count": 1}


@pytest.fixture(scope="module")
def upload_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("images")


@pytest.fixture(scope="module")
async def app(database_url: str, dev_env: WorkflowEnvironment, upload_dir: Path) -> AsyncIterator[Stack]:
    async with open_stack(database_url, dev_env, upload_dir=upload_dir, mission_image_max_bytes=MAX) as opened:
        yield opened


async def _upload(
    stack: Stack,
    mission: str,
    content: bytes = PNG,
    content_type: str = "image/png",
    *,
    slot: str | None = "card",
    role: str = "admin",
    parts: dict[str, Any] | None = None,
) -> Any:
    files = parts if parts is not None else {"file": ("card.png", content, content_type)}
    params = {"slot": slot} if slot is not None else {}
    return await stack.http.post(
        f"/v1/missions/{mission}/images", params=params, files=files, headers=stack.headers(role)
    )


def _error(r: Any) -> tuple[int, str, str | None]:
    err = r.json()["error"]
    details = err.get("details") or [{}]
    field = details[0].get("field") if isinstance(details, list) else None
    return r.status_code, err["code"], field


async def test_an_uploaded_image_is_served_back_and_the_spec_can_point_at_it(app: Stack, upload_dir: Path) -> None:
    mission = await create_mission(app, {"type": "generally_available", "goal": GOAL}, activate=False)
    r = await _upload(app, mission)
    assert r.status_code == 201, r.text
    image = r.json()
    assert image["mission_id"] == mission and image["slot"] == "card"
    assert (image["content_type"], image["size"], image["filename"]) == ("image/png", len(PNG), "card.png")
    assert image["url"].startswith("http") and image["url"].endswith(f"/v1/mission-images/{image['id']}")
    assert (upload_dir / "mission-images" / image["id"]).exists()

    # Public and immutable: no credentials needed (cards show it to anyone).
    served = await app.http.get(image["url"])
    assert served.status_code == 200
    assert served.content == PNG
    assert served.headers["content-type"] == "image/png"
    assert served.headers["x-content-type-options"] == "nosniff"
    assert "immutable" in served.headers["cache-control"]

    # The spec's image field takes the URL, and users see it on the card.
    page = (await _upload(app, mission, JPEG, "image/jpeg", slot="page")).json()
    r = await app.http.patch(
        f"/v1/missions/{mission}",
        json={"images": {"card": image["url"], "page": page["url"]}},
        headers=app.headers("admin"),
    )
    assert r.status_code == 200, r.text
    r = await app.http.post(f"/v1/missions/{mission}/activate", headers=app.headers("admin"))
    assert r.status_code == 200, r.text
    r = await app.http.get(f"/v1/users/{uid()}/missions/{mission}", headers=app.headers("client"))
    assert r.json()["images"] == {"card": image["url"], "page": page["url"]}

    listed = await app.http.get(f"/v1/missions/{mission}/images", headers=app.headers("admin"))
    assert [(i["id"], i["slot"]) for i in listed.json()["items"]] == [(page["id"], "page"), (image["id"], "card")]
    latest = await app.http.get(f"/v1/missions/{mission}/images?limit=1", headers=app.headers("admin"))
    assert [i["id"] for i in latest.json()["items"]] == [page["id"]]


async def test_the_type_is_told_by_the_bytes_not_the_declared_content_type(app: Stack) -> None:
    mission = await create_mission(app, {"type": "generally_available", "goal": GOAL}, activate=False)
    for content, expected in ((JPEG, "image/jpeg"), (WEBP, "image/webp"), (GIF, "image/gif")):
        # Declared as something else: the bytes decide, and the image is served as what it is.
        r = await _upload(app, mission, content, "application/octet-stream")
        assert r.status_code == 201, r.text
        assert r.json()["content_type"] == expected
        served = await app.http.get(r.json()["url"])
        assert served.headers["content-type"] == expected
    # HTML declared as a PNG is refused: 415 naming the file.
    r = await _upload(app, mission, HTML, "image/png")
    assert _error(r) == (415, "unsupported_media_type", "file")
    assert r.json()["error"]["details"][0]["allowed"] == ["image/png", "image/jpeg", "image/gif", "image/webp"]


async def test_limits_and_malformed_uploads_have_clear_errors(app: Stack) -> None:
    mission = await create_mission(app, {"type": "generally_available", "goal": GOAL}, activate=False)
    big = PNG + b"\x00" * MAX
    r = await _upload(app, mission, big)
    assert _error(r) == (413, "upload_too_large", "file")
    assert r.json()["error"]["details"][0]["max_bytes"] == MAX
    # A slot is card or page.
    assert _error(await _upload(app, mission, slot="banner"))[0:1] == (422,)
    assert _error(await _upload(app, mission, slot="banner"))[2] == "slot"
    assert _error(await _upload(app, mission, slot=None))[0] == 422
    # The file part is needed, and not empty; no other parts.
    assert _error(await _upload(app, mission, parts={"other": (None, "x")})) == (422, "invalid_upload", "other")
    assert _error(await _upload(app, mission, parts={"file": ("a.png", b"", "image/png")})) == (
        422,
        "invalid_upload",
        "file",
    )
    # Not multipart at all: 415.
    r = await app.http.post(
        f"/v1/missions/{mission}/images?slot=card",
        content=PNG,
        headers={**app.headers("admin"), "Content-Type": "image/png"},
    )
    assert _error(r)[0:2] == (415, "unsupported_media_type")
    # Admins only; an unknown mission or image is 404.
    assert (await _upload(app, mission, role="client")).status_code == 403
    assert _error(await _upload(app, "nope"))[0:2] == (404, "mission_not_found")
    r = await app.http.get("/v1/mission-images/img_nope")
    assert r.status_code == 404 and r.json()["error"]["code"] == "image_not_found"


async def test_an_image_is_deleted_unless_the_spec_shows_it(app: Stack, upload_dir: Path) -> None:
    mission = await create_mission(app, {"type": "generally_available", "goal": GOAL}, activate=False)
    used = (await _upload(app, mission)).json()
    spare = (await _upload(app, mission, GIF, "image/gif", slot="page")).json()
    r = await app.http.patch(
        f"/v1/missions/{mission}", json={"images": {"card": used["url"]}}, headers=app.headers("admin")
    )
    assert r.status_code == 200, r.text

    r = await app.http.delete(f"/v1/missions/{mission}/images/{used['id']}", headers=app.headers("admin"))
    assert r.status_code == 409 and r.json()["error"]["code"] == "image_in_use"
    assert r.json()["error"]["details"] == {"slots": ["card"]}
    r = await app.http.delete(f"/v1/missions/{mission}/images/{spare['id']}", headers=app.headers("admin"))
    assert r.status_code == 204, r.text
    assert (await app.http.get(spare["url"])).status_code == 404
    assert not (upload_dir / "mission-images" / spare["id"]).exists()
    assert (await app.http.get(used["url"])).status_code == 200
    # Unknown, another mission's, or not an admin.
    other = await create_mission(app, {"type": "generally_available", "goal": GOAL}, activate=False)
    r = await app.http.delete(f"/v1/missions/{other}/images/{used['id']}", headers=app.headers("admin"))
    assert r.status_code == 404 and r.json()["error"]["code"] == "image_not_found"
    r = await app.http.delete(f"/v1/missions/{mission}/images/{spare['id']}", headers=app.headers("admin"))
    assert r.status_code == 404
    r = await app.http.delete(f"/v1/missions/{mission}/images/{used['id']}", headers=app.headers("client"))
    assert r.status_code == 403

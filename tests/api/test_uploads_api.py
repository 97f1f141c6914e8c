"""Proof uploads: multipart submissions within size and type limits, stored, and served to admins.

The app runs with a small upload limit and an upload folder of its own (and, at the end, on a
real S3-compatible server), so every limit is reached with a few kilobytes.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from temporalio.testing import WorkflowEnvironment

from api.errors import ApiError
from api.proofs import read_capped
from storage import LocalStore, ObjectMissing, S3Store
from storage.sigv4 import EMPTY_SHA256, sign
from tests.api.helpers import create_mission, uid
from tests.conftest import Stack, open_stack
from tests.s3server import S3Server, s3_server

MAX = 4096
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x01" * 500
MP4 = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2" + b"\x00" * 500
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 500


@pytest.fixture(scope="module")
def upload_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("uploads")


@pytest.fixture(scope="module")
async def app(database_url: str, dev_env: WorkflowEnvironment, upload_dir: Path) -> AsyncIterator[Stack]:
    """The API and a worker with a 4 KiB upload limit and the module's upload folder."""
    async with open_stack(database_url, dev_env, upload_dir=upload_dir, upload_max_bytes=MAX) as opened:
        yield opened


def stored(upload_dir: Path) -> set[str]:
    """The objects in the local store (not their content-type sidecars)."""
    return {p.name for p in (upload_dir / "proofs").glob("sub_*") if not p.name.endswith("~meta.json")}


async def manual_mission(stack: Stack, proof: list[str] | None = None) -> str:
    goal = {"kind": "manual", "proof": proof or ["image", "video", "link"], "approval": {"mode": "manual"}}
    return await create_mission(stack, {"type": "generally_available", "goal": goal})


async def upload(
    stack: Stack,
    user: str,
    mission: str,
    content: bytes = PNG,
    content_type: str | None = "image/png",
    *,
    kind: str | None = "image",
    filename: str = "proof.png",
    headers: dict[str, str] | None = None,
    prefix: str | None = None,
) -> Any:
    parts: dict[str, Any] = {}  # always multipart, even with one part left out
    if kind is not None:
        parts["kind"] = (None, kind)
    if content_type is not None:
        parts["file"] = (filename, content, content_type)
    path = f"{prefix or f'/v1/users/{user}'}/missions/{mission}/submissions"
    return await stack.http.post(path, files=parts, headers=headers or stack.headers("client"))


async def token(stack: Stack, user: str) -> dict[str, str]:
    r = await stack.http.post(f"/v1/users/{user}/token", headers=stack.headers("client"))
    assert r.status_code == 201, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def field_of(r: Any) -> str:
    field: str = r.json()["error"]["details"][0]["field"]
    return field


# --- accepted, stored, served back -----------------------------------------------------------------------


async def test_an_uploaded_image_is_submitted_and_served_back_byte_identical(app: Stack, upload_dir: Path) -> None:
    user, mission = uid(), await manual_mission(app)
    r = await upload(app, user, mission, filename="my proof ü.png")
    assert r.status_code == 201, r.text
    sub = r.json()
    assert sub["status"] == "pending"
    assert sub["proof"] == {
        "kind": "image",
        "value": f"/v1/submissions/{sub['id']}/proof",
        "upload": {
            "key": f"proofs/{sub['id']}",
            "content_type": "image/png",
            "size": len(PNG),
            "filename": "my proof ü.png",
        },
    }
    assert sub["id"] in stored(upload_dir)
    # The admin queue and the user's view show the same proof.
    queue = await app.http.get(f"/v1/submissions?mission_id={mission}", headers=app.headers("admin"))
    assert [s["proof"] for s in queue.json()["items"]] == [sub["proof"]]
    view = await app.http.get(f"/v1/users/{user}/missions/{mission}", headers=app.headers("client"))
    assert view.json()["submission"]["proof"] == sub["proof"]

    served = await app.http.get(sub["proof"]["value"], headers=app.headers("admin"))
    assert served.status_code == 200
    assert served.content == PNG
    assert served.headers["content-type"] == "image/png"
    assert served.headers["x-content-type-options"] == "nosniff"
    assert "filename*=UTF-8''my%20proof%20%C3%BC.png" in served.headers["content-disposition"]


async def test_a_video_and_an_upload_of_exactly_the_limit_are_accepted(app: Stack) -> None:
    mission = await manual_mission(app)
    r = await upload(app, uid(), mission, MP4, "video/mp4", kind="video", filename="clip.mp4")
    assert r.status_code == 201, r.text
    exact = PNG[:16] + b"\x00" * (MAX - 16)
    r = await upload(app, uid(), mission, exact)
    assert r.status_code == 201, r.text
    assert r.json()["proof"]["upload"]["size"] == MAX


async def test_the_proof_file_is_for_admins_only(app: Stack) -> None:
    user, mission = uid(), await manual_mission(app)
    sub = (await upload(app, user, mission)).json()
    path = sub["proof"]["value"]
    assert (await app.http.get(path)).status_code == 401
    assert (await app.http.get(path, headers=app.headers("client"))).status_code == 403
    r = await app.http.get(path, headers=await token(app, user))
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "forbidden"


async def test_the_proof_route_is_404_without_an_uploaded_file(app: Stack, upload_dir: Path) -> None:
    r = await app.http.get("/v1/submissions/sub_nope/proof", headers=app.headers("admin"))
    assert r.status_code == 404
    user, mission = uid(), await manual_mission(app)
    link = await app.http.post(
        f"/v1/users/{user}/missions/{mission}/submissions",
        json={"proof": {"kind": "link", "value": "https://example.com/p.png"}},
        headers=app.headers("client"),
    )
    assert link.status_code == 201, link.text
    r = await app.http.get(f"/v1/submissions/{link.json()['id']}/proof", headers=app.headers("admin"))
    assert (r.status_code, r.json()["error"]["code"]) == (404, "no_upload")
    # A file that has gone from the store is a 404 too, not a 500.
    sub = (await upload(app, uid(), mission)).json()
    await LocalStore(upload_dir).delete(sub["proof"]["upload"]["key"])
    r = await app.http.get(sub["proof"]["value"], headers=app.headers("admin"))
    assert (r.status_code, r.json()["error"]["code"]) == (404, "upload_missing")


async def test_me_routes_take_uploads_too(app: Stack) -> None:
    user, mission = uid(), await manual_mission(app)
    r = await upload(app, user, mission, JPEG, "image/jpeg", headers=await token(app, user), prefix="/v1/me")
    assert r.status_code == 201, r.text
    served = await app.http.get(r.json()["proof"]["value"], headers=app.headers("admin"))
    assert (served.content, served.headers["content-type"]) == (JPEG, "image/jpeg")
    view = await app.http.get(f"/v1/users/{user}/missions/{mission}", headers=app.headers("client"))
    assert view.json()["submission"]["id"] == r.json()["id"]


# --- limits ----------------------------------------------------------------------------------------------


async def test_a_file_over_the_limit_is_413_naming_the_field_and_the_limit(app: Stack, upload_dir: Path) -> None:
    before = stored(upload_dir)
    r = await upload(app, uid(), await manual_mission(app), PNG[:16] + b"\x00" * (MAX - 15))
    assert r.status_code == 413, r.text
    error = r.json()["error"]
    assert error["code"] == "upload_too_large"
    assert error["details"] == [{"field": "file", "reason": f"larger than {MAX} bytes", "max_bytes": MAX}]
    assert stored(upload_dir) == before


async def test_an_endless_upload_is_cut_off_at_the_limit(app: Stack) -> None:
    """The body is read as it streams: the API stops pulling it soon after the limit."""
    mission = await manual_mission(app)
    sent = 0
    chunk = b"\x00" * 1024

    async def body() -> AsyncIterator[bytes]:
        nonlocal sent
        head = (
            b'--b\r\nContent-Disposition: form-data; name="kind"\r\n\r\nimage\r\n'
            b'--b\r\nContent-Disposition: form-data; name="file"; filename="x.png"\r\n'
            b"Content-Type: image/png\r\n\r\n" + PNG[:16]
        )
        yield head
        for _ in range(10_000):  # 10 MB if nobody stops reading
            sent += len(chunk)
            yield chunk

    r = await app.http.post(
        f"/v1/users/{uid()}/missions/{mission}/submissions",
        content=body(),
        headers={**app.headers("client"), "Content-Type": "multipart/form-data; boundary=b"},
    )
    assert r.status_code == 413, r.text
    assert field_of(r) == "file"
    assert sent <= MAX + 2 * len(chunk)


async def test_a_declared_length_over_the_limit_is_refused_before_reading(app: Stack) -> None:
    r = await app.http.post(
        f"/v1/users/{uid()}/missions/{await manual_mission(app)}/submissions",
        content=b"--b--\r\n",
        headers={
            **app.headers("client"),
            "Content-Type": "multipart/form-data; boundary=b",
            "Content-Length": str(10 * 1024 * 1024),
        },
    )
    assert (r.status_code, r.json()["error"]["code"]) == (413, "upload_too_large")


async def test_read_capped_never_reads_past_the_limit() -> None:
    pulled = 0

    async def endless() -> AsyncIterator[bytes]:
        nonlocal pulled
        while True:
            pulled += 1
            yield b"x" * 100

    with pytest.raises(ApiError) as raised:
        await read_capped(endless(), 1000, "file")
    assert raised.value.status == 413
    assert pulled == 11
    assert await read_capped(_chunks(b"x" * 1000), 1000, "file") == b"x" * 1000


async def _chunks(data: bytes) -> AsyncIterator[bytes]:
    for i in range(0, len(data), 300):
        yield data[i : i + 300]


@pytest.mark.parametrize(
    ("kind", "content", "content_type"),
    [
        ("image", b"BM" + b"\x00" * 100, "image/bmp"),  # not an accepted type
        ("image", MP4, "video/mp4"),  # a video type for an image
        ("video", PNG, "image/png"),  # an image type for a video
        ("image", PNG, "application/octet-stream"),
        ("image", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml"),
    ],
)
async def test_a_type_not_accepted_for_the_kind_is_415(
    app: Stack, upload_dir: Path, kind: str, content: bytes, content_type: str
) -> None:
    before = stored(upload_dir)
    r = await upload(app, uid(), await manual_mission(app), content, content_type, kind=kind)
    assert r.status_code == 415, r.text
    assert r.json()["error"]["code"] == "unsupported_media_type"
    assert field_of(r) == "file"
    assert stored(upload_dir) == before


@pytest.mark.parametrize(
    ("content", "content_type"),
    [(EXE, "image/png"), (JPEG, "image/png"), (PNG, "image/jpeg"), (b"GIF90a" + b"\x00" * 10, "image/gif")],
)
async def test_bytes_that_lie_about_their_type_are_415(
    app: Stack, upload_dir: Path, content: bytes, content_type: str
) -> None:
    before = stored(upload_dir)
    r = await upload(app, uid(), await manual_mission(app), content, content_type)
    assert r.status_code == 415, r.text
    assert r.json()["error"]["details"] == [
        {"field": "file", "reason": f"the file's bytes are not a {content_type} file"}
    ]
    assert stored(upload_dir) == before


async def test_a_kind_the_mission_does_not_take_is_422_as_for_json(app: Stack, upload_dir: Path) -> None:
    before = stored(upload_dir)
    mission = await manual_mission(app, ["image", "text"])
    r = await upload(app, uid(), mission, MP4, "video/mp4", kind="video")
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    as_json = await app.http.post(
        f"/v1/users/{uid()}/missions/{mission}/submissions",
        json={"proof": {"kind": "video", "value": "https://example.com/v.mp4"}},
        headers=app.headers("client"),
    )
    assert as_json.status_code == 422
    assert error == as_json.json()["error"]
    assert error["details"][0]["field"] == "proof.kind"
    assert stored(upload_dir) == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": None}, "kind"),
        ({"content_type": None}, "file"),
        ({"kind": "text"}, "kind"),
        ({"content": b""}, "file"),
    ],
)
async def test_missing_or_wrong_parts_are_422_naming_the_field(app: Stack, change: dict[str, Any], field: str) -> None:
    r = await upload(app, uid(), await manual_mission(app), **change)
    assert r.status_code == 422, r.text
    assert field_of(r) == field


async def test_an_unknown_form_field_or_a_bad_body_is_refused(app: Stack) -> None:
    mission = await manual_mission(app)
    path = f"/v1/users/{uid()}/missions/{mission}/submissions"
    r = await app.http.post(
        path,
        data={"kind": "image", "note": "hi"},
        files={"file": ("x.png", PNG, "image/png")},
        headers=app.headers("client"),
    )
    assert (r.status_code, field_of(r)) == (422, "note")
    r = await app.http.post(
        path, content=b"--b\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nimage",
        headers={**app.headers("client"), "Content-Type": "multipart/form-data; boundary=b"},
    )  # fmt: skip
    assert (r.status_code, r.json()["error"]["code"]) == (400, "invalid_multipart")
    r = await app.http.post(
        path, content=b"x", headers={**app.headers("client"), "Content-Type": "multipart/form-data"}
    )
    assert (r.status_code, r.json()["error"]["code"]) == (400, "invalid_multipart")


async def test_a_second_upload_while_one_is_pending_is_409_and_its_file_is_not_kept(
    app: Stack, upload_dir: Path
) -> None:
    user, mission = uid(), await manual_mission(app)
    first = await upload(app, user, mission)
    assert first.status_code == 201, first.text
    before = stored(upload_dir)
    second = await upload(app, user, mission, JPEG, "image/jpeg")
    assert second.status_code == 409, second.text
    assert second.json()["error"]["code"] == "submission_pending"
    assert stored(upload_dir) == before
    served = await app.http.get(first.json()["proof"]["value"], headers=app.headers("admin"))
    assert served.content == PNG


# --- JSON submissions through the same route -------------------------------------------------------------


async def test_json_submissions_still_work_and_fail_as_before(app: Stack) -> None:
    mission = await manual_mission(app)
    path = f"/v1/users/{uid()}/missions/{mission}/submissions"
    headers = app.headers("client")
    r = await app.http.post(path, content=b"{not json", headers={**headers, "Content-Type": "application/json"})
    assert (r.status_code, r.json()["error"]["code"]) == (400, "invalid_json")
    r = await app.http.post(path, json={"proof": {"kind": "selfie", "value": "x"}}, headers=headers)
    assert (r.status_code, field_of(r)) == (422, "proof.kind")
    r = await app.http.post(path, json={"proof": {"kind": "link", "value": "x"}, "extra": 1}, headers=headers)
    assert (r.status_code, field_of(r)) == (422, "extra")
    r = await app.http.post(path, headers=headers)
    assert (r.status_code, field_of(r)) == (422, "body")
    r = await app.http.post(path, content=b"hello", headers={**headers, "Content-Type": "text/plain"})
    assert (r.status_code, r.json()["error"]["code"]) == (415, "unsupported_media_type")
    r = await app.http.post(path, json={"proof": {"kind": "link", "value": "https://example.com/x"}}, headers=headers)
    assert r.status_code == 201, r.text
    assert r.json()["proof"] == {"kind": "link", "value": "https://example.com/x"}


async def test_uploads_to_a_mission_that_takes_no_submissions_are_409(app: Stack, upload_dir: Path) -> None:
    before = stored(upload_dir)
    mission = await create_mission(
        app, {"type": "generally_available", "goal": {"kind": "event", "event_type": "x", "count": 1}}
    )
    r = await upload(app, uid(), mission)
    assert (r.status_code, r.json()["error"]["code"]) == (409, "not_a_manual_mission")
    assert stored(upload_dir) == before


# --- the S3 store ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def s3() -> Iterator[S3Server]:
    with s3_server() as server:
        yield server


@pytest.fixture(scope="module")
async def s3_app(database_url: str, dev_env: WorkflowEnvironment, s3: S3Server) -> AsyncIterator[Stack]:
    """The API and a worker keeping uploads in the S3 server's bucket."""
    async with open_stack(
        database_url,
        dev_env,
        upload_store="s3",
        upload_max_bytes=MAX,
        s3_endpoint=s3.endpoint,
        s3_bucket=s3.bucket,
        s3_region=s3.region,
        s3_access_key=s3.access_key,
        s3_secret_key=s3.secret_key,
    ) as opened:
        yield opened


async def bucket_keys(http: httpx.AsyncClient, s3: S3Server) -> set[str]:
    """The keys under `proofs/` (ListObjectsV2, signed like the store signs)."""
    # The query as sent must be the canonical one: moto, like botocore, signs the raw query.
    url = httpx.URL(f"{s3.endpoint}/{s3.bucket}?list-type=2&prefix=proofs%2F")
    headers = sign("GET", url, {}, EMPTY_SHA256, access_key=s3.access_key, secret_key=s3.secret_key, region=s3.region)
    r = await http.get(url, headers=headers)
    assert r.status_code == 200, r.text
    return set(re.findall(r"<Key>([^<]+)</Key>", r.text))


async def test_uploads_on_the_s3_store(s3_app: Stack, s3: S3Server) -> None:
    user, mission = uid(), await manual_mission(s3_app)
    r = await upload(s3_app, user, mission)
    assert r.status_code == 201, r.text
    sub = r.json()
    served = await s3_app.http.get(sub["proof"]["value"], headers=s3_app.headers("admin"))
    assert (served.status_code, served.content, served.headers["content-type"]) == (200, PNG, "image/png")
    async with httpx.AsyncClient() as http:
        bucket = S3Store(
            endpoint=s3.endpoint,
            bucket=s3.bucket,
            region=s3.region,
            access_key=s3.access_key,
            secret_key=s3.secret_key,
            http=http,
        )
        assert await bucket.get(f"proofs/{sub['id']}") == (PNG, "image/png")
        before = await bucket_keys(http, s3)
        assert f"proofs/{sub['id']}" in before
        # A refused second upload leaves nothing in the bucket.
        second = await upload(s3_app, user, mission, JPEG, "image/jpeg")
        assert second.status_code == 409, second.text
        assert await bucket_keys(http, s3) == before
        with pytest.raises(ObjectMissing):
            await bucket.get("proofs/does-not-exist")

"""Object stores: safe keys, the local folder (atomic, no escape), SigV4, and S3 on a real server."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from settings import Settings, SettingsError
from storage import LocalStore, ObjectMissing, S3Store, StoreError, check_key, store_from_settings
from storage.sigv4 import EMPTY_SHA256, sign
from tests.s3server import S3Server, s3_server

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def listing(folder: Path) -> list[str]:
    """The names in a folder, sorted."""
    return sorted(p.name for p in folder.iterdir())


# --- keys ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["proofs/sub_1", "a", "a/b/c.png", "A-Z_0.9", "x" * 200])
def test_safe_keys_are_accepted(key: str) -> None:
    assert check_key(key) == key


@pytest.mark.parametrize(
    "key",
    [
        "",
        "../etc/passwd",
        "a/../../b",
        "/abs",
        "a//b",
        "a/",
        ".hidden",
        "a/./b",
        "a\\b",
        "a b",
        "a~meta.json",
        "ключ",
        "a%2Fb",
        "x" * 201,
        "/".join(["abc"] * 200),
    ],
)
def test_unsafe_keys_are_refused(key: str) -> None:
    with pytest.raises(StoreError):
        check_key(key)


# --- local store -----------------------------------------------------------------------------------------


async def test_local_round_trip_keeps_bytes_and_content_type(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "uploads")
    await store.put("proofs/sub_1", PNG, "image/png")
    assert await store.get("proofs/sub_1") == (PNG, "image/png")
    await store.put("proofs/sub_1", b"GIF89a...", "image/gif")
    assert await store.get("proofs/sub_1") == (b"GIF89a...", "image/gif")
    # The object is the raw file (an operator can open it); its type sits beside it; no temp files.
    folder = tmp_path / "uploads" / "proofs"
    assert listing(folder) == ["sub_1", "sub_1~meta.json"]
    assert (folder / "sub_1").read_bytes() == b"GIF89a..."


async def test_local_delete_is_idempotent_and_get_of_a_missing_key_says_so(tmp_path: Path) -> None:
    store = LocalStore(tmp_path)
    await store.put("a/b", b"x", "image/png")
    await store.delete("a/b")
    await store.delete("a/b")
    with pytest.raises(ObjectMissing):
        await store.get("a/b")
    with pytest.raises(ObjectMissing):
        await store.get("a")  # a folder is not an object
    assert listing(tmp_path / "a") == []


async def test_local_store_refuses_traversal_and_symlinks_out(tmp_path: Path) -> None:
    root = tmp_path / "root"
    outside = tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    store = LocalStore(root)
    with pytest.raises(StoreError):
        await store.put("../outside/x", b"x", "image/png")
    (root / "link").symlink_to(outside, target_is_directory=True)
    with pytest.raises(StoreError, match="outside the store"):
        await store.put("link/x", b"x", "image/png")
    assert listing(outside) == []


async def test_a_failed_write_leaves_the_old_object_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = LocalStore(tmp_path)
    await store.put("k", b"old", "image/png")

    def crash(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(StoreError, match="No space left"):
        await store.put("k", b"new", "image/gif")
    monkeypatch.undo()
    assert await store.get("k") == (b"old", "image/png")
    assert listing(tmp_path) == ["k", "k~meta.json"]


async def test_bytes_without_their_sidecar_are_served_as_octet_stream(tmp_path: Path) -> None:
    store = LocalStore(tmp_path)
    await store.put("k", b"x", "image/png")
    (tmp_path / "k~meta.json").unlink()
    assert await store.get("k") == (b"x", "application/octet-stream")


# --- settings --------------------------------------------------------------------------------------------


def test_the_s3_store_needs_endpoint_bucket_and_keys() -> None:
    with pytest.raises(ValueError) as raised:
        Settings(env="dev", upload_store="s3", s3_bucket="b")
    message = str(raised.value)
    for var in ("QUESTLINE_S3_ENDPOINT", "QUESTLINE_S3_ACCESS_KEY", "QUESTLINE_S3_SECRET_KEY"):
        assert f"{var} is required when QUESTLINE_UPLOAD_STORE=s3" in message
    assert "QUESTLINE_S3_BUCKET" not in message
    assert any(isinstance(e.get("ctx", {}).get("error"), SettingsError) for e in raised.value.errors())  # type: ignore[attr-defined]


def test_upload_types_must_have_a_known_signature(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUESTLINE_UPLOAD_IMAGE_TYPES", "image/PNG, image/webp")
    assert Settings(env="dev").upload_image_types == ["image/png", "image/webp"]
    monkeypatch.setenv("QUESTLINE_UPLOAD_VIDEO_TYPES", "video/mp4,video/x-msvideo")
    with pytest.raises(ValueError, match="QUESTLINE_UPLOAD_VIDEO_TYPES has types whose bytes cannot be checked"):
        Settings(env="dev")


async def test_the_store_follows_the_settings(tmp_path: Path) -> None:
    async with httpx.AsyncClient() as http:
        local = store_from_settings(Settings(env="dev", data_dir=tmp_path), http)
        assert isinstance(local, LocalStore)
        assert local.root == (tmp_path / "uploads").resolve()
        s3 = store_from_settings(
            Settings(
                env="dev",
                upload_store="s3",
                s3_endpoint="http://127.0.0.1:9",
                s3_bucket="b",
                s3_access_key="a",
                s3_secret_key="s",
            ),
            http,
        )
        assert isinstance(s3, S3Store)


# --- AWS Signature V4: the worked examples of AWS's S3 documentation ------------------------------------

AWS_KEY = "AKIAIOSFODNN7EXAMPLE"
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
MAY_24 = datetime(2013, 5, 24, tzinfo=UTC)


def _aws_example(method: str, url: str, headers: dict[str, str], payload_sha256: str) -> dict[str, str]:
    return sign(
        method,
        httpx.URL(url),
        headers,
        payload_sha256,
        access_key=AWS_KEY,
        secret_key=AWS_SECRET,
        region="us-east-1",
        now=MAY_24,
    )


@pytest.mark.parametrize(
    ("method", "url", "headers", "payload", "signed_headers", "signature"),
    [
        (
            "GET",
            "https://examplebucket.s3.amazonaws.com/test.txt",
            {"Range": "bytes=0-9"},
            b"",
            "host;range;x-amz-content-sha256;x-amz-date",
            "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
        ),
        (
            "PUT",
            "https://examplebucket.s3.amazonaws.com/test%24file.text",
            {"Date": "Fri, 24 May 2013 00:00:00 GMT", "x-amz-storage-class": "REDUCED_REDUNDANCY"},
            b"Welcome to Amazon S3.",
            "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
            "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd",
        ),
        (
            "GET",
            "https://examplebucket.s3.amazonaws.com/?lifecycle",
            {},
            b"",
            "host;x-amz-content-sha256;x-amz-date",
            "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543",
        ),
        (
            "GET",
            "https://examplebucket.s3.amazonaws.com/?prefix=J&max-keys=2",
            {},
            b"",
            "host;x-amz-content-sha256;x-amz-date",
            "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7",
        ),
    ],
    ids=["get-object", "put-object", "get-lifecycle", "list-objects"],
)
def test_signatures_match_the_aws_documentation(
    method: str, url: str, headers: dict[str, str], payload: bytes, signed_headers: str, signature: str
) -> None:
    import hashlib

    digest = hashlib.sha256(payload).hexdigest() if payload else EMPTY_SHA256
    out = _aws_example(method, url, headers, digest)
    assert out["Authorization"] == (
        f"AWS4-HMAC-SHA256 Credential={AWS_KEY}/20130524/us-east-1/s3/aws4_request, "
        f"SignedHeaders={signed_headers}, Signature={signature}"
    )
    assert out["x-amz-date"] == "20130524T000000Z"
    assert out["x-amz-content-sha256"] == digest
    assert out["Host"] == "examplebucket.s3.amazonaws.com"


# --- S3 on a real S3-compatible server (moto, 127.0.0.1, signatures checked) ----------------------------


@pytest.fixture(scope="module")
def s3() -> Iterator[S3Server]:
    """One server for this module's tests."""
    with s3_server() as server:
        yield server


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=10) as client:
        yield client


def _store(s3: S3Server, http: httpx.AsyncClient, **changes: str) -> S3Store:
    fields = {
        "endpoint": s3.endpoint,
        "bucket": s3.bucket,
        "region": s3.region,
        "access_key": s3.access_key,
        "secret_key": s3.secret_key,
        **changes,
    }
    return S3Store(http=http, **fields)


async def test_s3_put_get_delete_round_trip(s3: S3Server, http: httpx.AsyncClient) -> None:
    store = _store(s3, http)
    key = f"proofs/sub_{uuid.uuid4().hex}"
    await store.put(key, PNG, "image/png")
    assert await store.get(key) == (PNG, "image/png")
    await store.put(key, b"GIF89a", "image/gif")
    assert await store.get(key) == (b"GIF89a", "image/gif")
    await store.delete(key)
    with pytest.raises(ObjectMissing):
        await store.get(key)
    await store.delete(key)  # deleting again is not an error


async def test_s3_endpoint_with_a_trailing_slash(s3: S3Server, http: httpx.AsyncClient) -> None:
    store = _store(s3, http, endpoint=s3.endpoint + "/")
    await store.put("a/b.c-d_e", b"x", "video/mp4")
    assert await store.get("a/b.c-d_e") == (b"x", "video/mp4")


async def test_s3_refuses_a_wrong_secret_and_a_missing_bucket(s3: S3Server, http: httpx.AsyncClient) -> None:
    with pytest.raises(StoreError, match=r"403.*SignatureDoesNotMatch"):
        await _store(s3, http, secret_key="not-the-secret").put("k", b"x", "image/png")
    with pytest.raises(StoreError, match=r"404.*NoSuchBucket") as raised:
        await _store(s3, http, bucket="no-such-bucket").get("k")
    assert not isinstance(raised.value, ObjectMissing)


async def test_s3_unreachable_is_a_store_error(http: httpx.AsyncClient) -> None:
    store = S3Store(endpoint="http://127.0.0.1:9", bucket="b", region="r", access_key="a", secret_key="s", http=http)
    with pytest.raises(StoreError):
        await store.put("k", b"x", "image/png")

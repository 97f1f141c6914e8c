"""`S3Store`: objects in a bucket of any S3-compatible service (AWS S3, MinIO, Ceph, R2, ...).

Three calls of the S3 REST API (PutObject, GetObject, DeleteObject) on path-style URLs
(`<endpoint>/<bucket>/<key>`, which every compatible service serves), signed with AWS
Signature V4 over httpx: no SDK needed.
"""

from __future__ import annotations

import hashlib
import re

import httpx

from storage.base import ObjectMissing, StoreError, check_key
from storage.sigv4 import EMPTY_SHA256, sign, uri_encode

_DEFAULT_TYPE = "application/octet-stream"
_ERROR_CODE = re.compile(rb"<Code>([^<]{1,100})</Code>")


class S3Store:
    """One bucket at `endpoint` (e.g. `https://s3.eu-west-1.amazonaws.com`, `http://minio:9000`)."""

    def __init__(
        self,
        *,
        endpoint: str,
        bucket: str,
        region: str,
        access_key: str,
        secret_key: str,
        http: httpx.AsyncClient,
    ) -> None:
        self._base = endpoint.rstrip("/")
        self._bucket = bucket
        self._region = region
        self._access_key = access_key
        self._secret_key = secret_key
        self._http = http

    def _url(self, key: str) -> httpx.URL:
        path = "/".join(uri_encode(part) for part in (self._bucket, *check_key(key).split("/")))
        return httpx.URL(f"{self._base}/{path}")

    async def _send(
        self, method: str, key: str, data: bytes = b"", headers: dict[str, str] | None = None
    ) -> httpx.Response:
        url = self._url(key)
        digest = hashlib.sha256(data).hexdigest() if data else EMPTY_SHA256
        signed = sign(
            method,
            url,
            headers or {},
            digest,
            access_key=self._access_key,
            secret_key=self._secret_key,
            region=self._region,
        )
        try:
            return await self._http.request(method, url, content=data or None, headers=signed)
        except httpx.HTTPError as exc:
            raise StoreError(f"S3 {method} {key}: {exc!r}") from exc

    @staticmethod
    def _failure(method: str, key: str, response: httpx.Response) -> StoreError:
        found = _ERROR_CODE.search(response.content)
        code = found.group(1).decode(errors="replace") if found else "no error code"
        return StoreError(f"S3 {method} {key}: HTTP {response.status_code} ({code})")

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        """PutObject: the object with its `Content-Type`."""
        response = await self._send("PUT", key, data, {"Content-Type": content_type})
        if response.status_code != 200:
            raise self._failure("PUT", key, response)

    async def get(self, key: str) -> tuple[bytes, str]:
        """GetObject: the bytes and the stored `Content-Type`."""
        response = await self._send("GET", key)
        if response.status_code == 404 and b"NoSuchBucket" not in response.content:
            raise ObjectMissing(f"no object {key!r} in bucket {self._bucket!r}")
        if response.status_code != 200:
            raise self._failure("GET", key, response)
        return response.content, response.headers.get("content-type", _DEFAULT_TYPE)

    async def delete(self, key: str) -> None:
        """DeleteObject (S3 answers 204 whether or not the object existed)."""
        response = await self._send("DELETE", key)
        if response.status_code not in (200, 204, 404):
            raise self._failure("DELETE", key, response)

"""Where uploaded proofs are kept: a local folder or any S3-compatible bucket.

ObjectStore (protocol) ─ LocalStore  files under a root folder, written atomically
                       └ S3Store     the S3 REST API, signed with AWS Signature V4

StoreError ─ ObjectMissing   no object under that key
"""

from __future__ import annotations

import httpx

from settings import Settings
from storage.base import MAX_KEY_LENGTH, ObjectMissing, ObjectStore, StoreError, check_key
from storage.local import LocalStore
from storage.s3 import S3Store

__all__ = [
    "MAX_KEY_LENGTH",
    "LocalStore",
    "ObjectMissing",
    "ObjectStore",
    "S3Store",
    "StoreError",
    "check_key",
    "store_from_settings",
]


def store_from_settings(settings: Settings, http: httpx.AsyncClient) -> ObjectStore:
    """The store `QUESTLINE_UPLOAD_STORE` names; `http` is the process's client (S3 uses it)."""
    if settings.upload_store == "s3":
        return S3Store(
            endpoint=settings.s3_endpoint,
            bucket=settings.s3_bucket,
            region=settings.s3_region,
            access_key=settings.s3_access_key,
            secret_key=settings.s3_secret_key,
            http=http,
        )
    return LocalStore(settings.upload_path)

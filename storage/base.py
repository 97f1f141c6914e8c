"""The store protocol, its errors and the rule for keys, shared by every store."""

from __future__ import annotations

import re
from typing import Protocol


class StoreError(Exception):
    """The store could not do what was asked (a full disk, a refused request, a bad key)."""


class ObjectMissing(StoreError, LookupError):
    """No object is stored under the key."""


class ObjectStore(Protocol):
    """Bytes with their content type, by key."""

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        """Stores `data` under `key`, replacing what was there."""

    async def get(self, key: str) -> tuple[bytes, str]:
        """The object's bytes and content type; `ObjectMissing` when there is none."""

    async def delete(self, key: str) -> None:
        """Removes the object; a missing one is not an error."""


# Segments of letters, digits, `-`, `_` and `.`, not starting with a dot: no `..`, no hidden or
# temporary file names, nothing that needs escaping in a path or a URL.
_SEGMENT = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}")
#: Longest key accepted (S3 allows 1,024 bytes; a local path must stay well under PATH_MAX).
MAX_KEY_LENGTH = 512


def check_key(key: str) -> str:
    """The key when it is safe as a file path and an S3 key, else `StoreError`."""
    parts = key.split("/")
    if not key or len(key) > MAX_KEY_LENGTH or not all(_SEGMENT.fullmatch(p) for p in parts):
        raise StoreError(f"invalid object key {key!r}: use `/`-separated names of letters, digits, `-`, `_`, `.`")
    return key

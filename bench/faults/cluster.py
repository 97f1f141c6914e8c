"""The fault suite's stack, as separate OS processes, and the chaos that kills them.

PostgreSQL (embedded, Unix socket only) runs for the whole suite. The Temporal dev server (on a
persistent SQLite file), the worker (`python worker.py`) and the API (uvicorn) each lead their own
process group, so a SIGKILL of the group takes everything the process started, and each restarts
on the same port and files. Nothing is left behind: `close()` stops every group and PostgreSQL,
and a watchdog child does the same if this process dies without running its cleanup.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from devstack.stack import stop_postgres
from devstack.temporal import DevServer, DevServerError, free_port, spawn, stop

ROOT: Final = Path(__file__).resolve().parents[2]
#: The processes the chaos kills, in the order they start.
TARGETS: Final = ("temporal", "worker", "api")
#: The share of kills that take a second service down at the same time (e.g. the API while
#: Temporal is down, so accepted events are left to the worker's outbox relay).
DOUBLE_KILLS: Final = 0.25
#: A process that keeps dying on its own this often is broken, not unlucky.
MAX_UNPLANNED_EXITS: Final = 30


class SuiteError(RuntimeError):
    """The suite cannot go on (the stack does not start, a request is refused...)."""


def tail(path: Path, lines: int = 20) -> str:
    """The last lines of a log file."""
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) or "(empty)"
    except OSError:
        return "(no log)"


def alive(pid: int) -> bool:
    """True while `pid` runs (a zombie counts as gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


# If this process is SIGKILLed, its children keep running (they lead their own sessions, so a
# terminal's Ctrl-C does not reach them either). The watchdog notices its parent is gone, kills
# every process group recorded in the pgids file and stops PostgreSQL.
_WATCHDOG = r"""
import os, pathlib, signal, sys, time
pgids, pgdata, parent = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3])
signal.signal(signal.SIGINT, signal.SIG_IGN)
while os.getppid() == parent:
    time.sleep(0.5)
try:
    groups = {int(x) for x in pgids.read_text().split()}
except OSError:
    groups = set()
for group in groups:
    try:
        os.killpg(group, signal.SIGKILL)
    except OSError:
        pass
try:
    pid = int((pgdata / "postmaster.pid").read_text().split()[0])
    os.kill(pid, signal.SIGINT)
    for _ in range(200):
        os.kill(pid, 0)
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
except (OSError, ValueError, IndexError):
    pass
"""


@dataclass
class Service:
    """One restartable process and what happened to it."""

    name: str
    proc: subprocess.Popen[bytes] | None = None
    starts: int = 0
    kills: int = 0
    #: Exits nobody asked for (e.g. a worker that started while Temporal was down), restarted.
    unplanned: int = 0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    @property
    def running(self) -> bool:
        """Started and not exited."""
        return self.proc is not None and self.proc.poll() is None


class Cluster:
    """The stack in a temporary directory; `start()` brings it up, `close()` takes it all down."""

    def __init__(self, *, parent: Path | None, keep: bool, say: Callable[[str], None]) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="qlfaults-", dir=parent))
        self.keep = keep
        self.say = say
        self.pgdata = self.tmp / "pg"
        self.temporal_port = free_port()
        self.api_port = free_port()
        self.admin_key = secrets.token_urlsafe(24)
        self.client_key = secrets.token_urlsafe(24)
        self.task_queue = f"faults-{secrets.token_hex(3)}"
        self.database_url = ""
        self.services = {name: Service(name) for name in TARGETS}
        #: Every pid this suite started (and PostgreSQL's), for the "nothing left behind" check.
        self.pids: list[int] = []
        self.env: dict[str, str] = {}
        self._cleanup = contextlib.ExitStack()
        self._watchdog: subprocess.Popen[bytes] | None = None
        self._t0 = time.monotonic()

    @property
    def temporal_address(self) -> str:
        """host:port of the dev server's frontend (the same across restarts)."""
        return f"127.0.0.1:{self.temporal_port}"

    @property
    def api_url(self) -> str:
        """The API's base URL (the same across restarts)."""
        return f"http://127.0.0.1:{self.api_port}"

    def clock(self) -> str:
        """Seconds since the cluster was created, for log lines."""
        return f"{time.monotonic() - self._t0:7.1f}s"

    # -- start -----------------------------------------------------------------------------------

    def _record(self, proc: subprocess.Popen[bytes]) -> None:
        self.pids.append(proc.pid)
        with (self.tmp / "pgids").open("a") as out:
            out.write(f"{proc.pid}\n")

    async def start(self) -> None:
        """PostgreSQL, migrations, Temporal, worker, API; returns once `/readyz` answers 200."""
        from devstack.postgres import embedded_postgres

        self._watchdog = spawn(
            [sys.executable, "-c", _WATCHDOG, str(self.tmp / "pgids"), str(self.pgdata), str(os.getpid())]
        )
        self.pids.append(self._watchdog.pid)
        self._cleanup.callback(stop_postgres, self.pgdata)
        with warnings.catch_warnings():
            # platformdirs warns when XDG_RUNTIME_DIR is unset (root, CI); pgserver copes.
            warnings.filterwarnings("ignore", module="platformdirs")
            url = await asyncio.to_thread(self._cleanup.enter_context, embedded_postgres(self.pgdata))
        self.database_url = url
        with contextlib.suppress(OSError, ValueError, IndexError):
            self.pids.append(int((self.pgdata / "postmaster.pid").read_text().split()[0]))
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("QUESTLINE_")}
        self.env.update(
            QUESTLINE_ENV="dev",
            QUESTLINE_DATA_DIR=str(self.tmp),
            QUESTLINE_ADMIN_KEY=self.admin_key,
            QUESTLINE_CLIENT_KEY=self.client_key,
            QUESTLINE_TOKEN_SECRET=secrets.token_urlsafe(24),
            QUESTLINE_CALLBACK_SECRET=secrets.token_urlsafe(24),
            QUESTLINE_DATABASE_URL=url,
            QUESTLINE_TEMPORAL_ADDRESS=self.temporal_address,
            QUESTLINE_TASK_QUEUE=self.task_queue,
            QUESTLINE_LOG_LEVEL="WARNING",
            PYTHONUNBUFFERED="1",
        )
        migrate = self._spawn("migrate", [sys.executable, "-m", "db.migrate"])
        code = await asyncio.to_thread(migrate.wait)
        if code != 0:
            raise SuiteError(f"migrations failed (exit code {code}):\n{tail(self.tmp / 'migrate.log')}")
        for name in TARGETS:
            await self.launch(name)
        await self.wait_ready(120)
        self.say(
            f"stack ready in {time.monotonic() - self._t0:.1f} s in {self.tmp}: Temporal {self.temporal_address}, "
            f"API {self.api_url}, task queue {self.task_queue}"
        )

    def _spawn(self, name: str, cmd: list[str]) -> subprocess.Popen[bytes]:
        with (self.tmp / f"{name}.log").open("ab") as log:
            proc = spawn(cmd, env=self.env, cwd=ROOT, stdout=log)
        self._record(proc)
        return proc

    async def launch(self, name: str) -> None:
        """Starts (or restarts) one service on its ports and files."""
        svc = self.services[name]
        svc.starts += 1
        if name == "temporal":
            svc.proc = await self._start_temporal(svc.starts)
        elif name == "worker":
            svc.proc = self._spawn("worker", [sys.executable, str(ROOT / "worker.py")])
        else:
            api = [sys.executable, "-m", "uvicorn", "--factory", "api.app:create_app", "--host", "127.0.0.1"]
            api += ["--port", str(self.api_port), "--log-level", "warning", "--timeout-graceful-shutdown", "3"]
            svc.proc = self._spawn("api", api)

    async def _start_temporal(self, attempt: int) -> subprocess.Popen[bytes]:
        """The dev server on its db file and port; it is ready (namespace served) on return."""
        problem: Exception | None = None
        for _ in range(5):
            try:
                # In a thread: the readiness probe blocks. The server leads its own process group.
                server = await asyncio.to_thread(
                    DevServer.start,
                    db_file=self.tmp / "temporal.db",
                    port=self.temporal_port,
                    headless=True,
                    log_file=self.tmp / f"temporal-{attempt}.log",
                )
            except DevServerError as exc:
                problem = exc
                await asyncio.sleep(1)
                continue
            self._record(server.process)
            return server.process
        raise SuiteError(f"the Temporal dev server does not start again: {problem}")

    async def wait_ready(self, within: float, *, strict: bool = True) -> None:
        """Until the API's `/readyz` answers 200 (PostgreSQL and Temporal reachable).

        `strict`: a service that exits meanwhile is an error (at start-up, before any supervisor).
        """
        deadline = time.monotonic() + within
        status: object = None
        while time.monotonic() < deadline:
            status = await asyncio.to_thread(self._readyz)
            if status == 200:
                return
            for svc in self.services.values():
                if strict and svc.proc is not None and svc.proc.poll() is not None:
                    raise SuiteError(f"{svc.name} exited with code {svc.proc.returncode}:\n{tail(self.log_of(svc))}")
            await asyncio.sleep(0.3)
        log = tail(self.tmp / "api.log")
        raise SuiteError(f"the API was not ready after {within:.0f} s (/readyz: {status}):\n{log}")

    def log_of(self, svc: Service) -> Path:
        """The service's current log file."""
        return self.tmp / (f"temporal-{svc.starts}.log" if svc.name == "temporal" else f"{svc.name}.log")

    def _readyz(self) -> int | str:
        try:
            with urllib.request.urlopen(f"{self.api_url}/readyz", timeout=3) as response:
                status: int = response.status
                return status
        except urllib.error.HTTPError as exc:
            return exc.code
        except (urllib.error.URLError, OSError) as exc:
            return type(exc).__name__

    # -- faults ----------------------------------------------------------------------------------

    def _sigkill(self, svc: Service) -> None:
        assert svc.proc is not None
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(svc.proc.pid, signal.SIGKILL)
        svc.proc.wait()

    async def crash(self, names: Sequence[str], pause: float) -> None:
        """SIGKILLs each service's whole process group, waits `pause` seconds, starts them again."""
        victims = [self.services[n] for n in TARGETS if n in names]  # fixed order: no lock cycles
        async with contextlib.AsyncExitStack() as held:
            for svc in victims:
                await held.enter_async_context(svc.lock)
            for svc in victims:
                if svc.proc is None:
                    continue
                pid = svc.proc.pid
                self._sigkill(svc)
                svc.kills += 1
                self.say(f"  [chaos {self.clock()}] SIGKILL {svc.name} (pid {pid}, kill #{svc.kills})")
            await asyncio.sleep(pause)
            for svc in victims:
                await self.launch(svc.name)
            self.say(f"  [chaos {self.clock()}] restarted {', '.join(s.name for s in victims)} after {pause:.1f} s")

    async def supervise(self) -> None:
        """Restarts a service that exited on its own (as a process supervisor would); runs until cancelled."""
        while True:
            await asyncio.sleep(0.5)
            for svc in self.services.values():
                if svc.proc is None or svc.running or svc.lock.locked():
                    continue
                async with svc.lock:
                    if svc.running:
                        continue
                    svc.unplanned += 1
                    code = svc.proc.returncode if svc.proc is not None else None
                    log = self.log_of(svc)
                    self.say(
                        f"  [supervisor {self.clock()}] {svc.name} exited by itself (code {code}); restarting. "
                        f"Log tail:\n    " + tail(log, 3).replace("\n", "\n    ")
                    )
                    if svc.unplanned > MAX_UNPLANNED_EXITS:
                        raise SuiteError(f"{svc.name} exited {svc.unplanned} times on its own:\n{tail(log)}")
                    await asyncio.sleep(1)
                    await self.launch(svc.name)

    async def chaos(
        self,
        rng: random.Random,
        *,
        kills: int,
        pause: tuple[float, float],
        progress: Callable[[], float],
    ) -> None:
        """SIGKILLs each service `kills` times at random moments of the event stream; returns when done.

        The moments are random fractions of the stream (`progress()`: the share of events accepted
        so far), so a slow box sees as many kills as a fast one; the victims are a shuffled list
        holding each service `kills` times, and a quarter of the kills take a second service down
        with the first. A kill waits until the previous victims serve again, so each one hits a
        running system.
        """
        victims = [name for name in TARGETS for _ in range(kills)]
        rng.shuffle(victims)
        moments = sorted(rng.uniform(0.02, 0.95) for _ in victims)
        for moment, victim in zip(moments, victims, strict=True):
            # Polled: the senders move it in many places, and a tenth of a second is precise enough.
            while True:
                if progress() >= moment:
                    break
                await asyncio.sleep(0.1)
            await asyncio.sleep(rng.uniform(0, 1))
            down = [victim]
            if rng.random() < DOUBLE_KILLS:
                down.append(rng.choice([n for n in TARGETS if n != victim]))
            await self.crash(down, rng.uniform(*pause))
            for name in down:
                await self.until_serving(name)

    async def until_serving(self, name: str, within: float = 60.0) -> None:
        """Until a restarted service serves again: the API answers HTTP, the worker has had time to
        connect (it has no probe of its own); the dev server is ready when `launch` returns."""
        deadline = time.monotonic() + within
        if name == "worker":
            await asyncio.sleep(2)
        while name == "api" and time.monotonic() < deadline:
            if isinstance(await asyncio.to_thread(self._readyz), int):
                return
            await asyncio.sleep(0.2)

    # -- stop ------------------------------------------------------------------------------------

    def close(self, *, failed: bool) -> None:
        """Stops every process and PostgreSQL; removes the temp dir unless kept (or the run failed)."""
        for name in reversed(TARGETS):
            proc = self.services[name].proc
            if proc is not None:
                stop(proc, grace=3.0)
        self._cleanup.close()
        if self._watchdog is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self._watchdog.pid, signal.SIGKILL)
            self._watchdog.wait()
        if self.keep or failed:
            self.say(f"logs and data kept in {self.tmp}")
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)

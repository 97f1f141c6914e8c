"""The fault suite's stack, as separate OS processes, and the chaos that kills them.

PostgreSQL (embedded, Unix socket only) runs for the whole suite. The Temporal dev server (on a
persistent SQLite file), the worker (`python worker.py`) and the API (uvicorn) each lead their own
process group, so a SIGKILL of the group takes everything the process started, and each restarts
on the same port and files. All of them are started by one `devstack.launcher.Launcher`. Nothing is
left behind: `close()` stops every group and PostgreSQL, and the launcher's watchdog does the same
if this process dies without running its cleanup.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from devstack.launcher import Launcher
from devstack.processes import free_port, http_status, tail
from devstack.temporal import DevServerError

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
        self.launcher: Launcher | None = None
        self._t0 = time.monotonic()

    @property
    def pids(self) -> list[int]:
        """Every pid this suite started (and PostgreSQL's), for the "nothing left behind" check."""
        return self.launcher.pids if self.launcher is not None else []

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

    async def start(self) -> None:
        """PostgreSQL, migrations, Temporal, worker, API; returns once `/readyz` answers 200."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("QUESTLINE_")}
        env.update(
            QUESTLINE_ENV="dev",
            QUESTLINE_DATA_DIR=str(self.tmp),
            QUESTLINE_ADMIN_KEY=self.admin_key,
            QUESTLINE_CLIENT_KEY=self.client_key,
            QUESTLINE_TOKEN_SECRET=secrets.token_urlsafe(24),
            QUESTLINE_CALLBACK_SECRET=secrets.token_urlsafe(24),
            QUESTLINE_TEMPORAL_ADDRESS=self.temporal_address,
            QUESTLINE_TASK_QUEUE=self.task_queue,
            QUESTLINE_LOG_LEVEL="WARNING",
            PYTHONUNBUFFERED="1",
        )
        self.launcher = launcher = Launcher(self.tmp, env=env, grace=3.0)
        self.database_url = await asyncio.to_thread(launcher.postgres, self.pgdata)
        launcher.env["QUESTLINE_DATABASE_URL"] = self.database_url
        migrate = [sys.executable, "-m", "db.migrate"]
        code = await asyncio.to_thread(launcher.run, "migrate", migrate, log=self.tmp / "migrate.log")
        if code != 0:
            raise SuiteError(f"migrations failed (exit code {code}):\n{tail(self.tmp / 'migrate.log', 20)}")
        for name in TARGETS:
            await self.launch(name)
        await self.wait_ready(120)
        self.say(
            f"stack ready in {time.monotonic() - self._t0:.1f} s in {self.tmp}: Temporal {self.temporal_address}, "
            f"API {self.api_url}, task queue {self.task_queue}"
        )

    async def launch(self, name: str) -> None:
        """Starts (or restarts) one service on its ports and files (worker and API logs are appended to)."""
        assert self.launcher is not None
        svc = self.services[name]
        svc.starts += 1
        if name == "temporal":
            svc.proc = await self._start_temporal(svc.starts)
        elif name == "worker":
            cmd = [sys.executable, str(ROOT / "worker.py")]
            svc.proc = self.launcher.start("worker", cmd, log=self.tmp / "worker.log", append=True)
        else:
            api = [sys.executable, "-m", "uvicorn", "--factory", "api.app:create_app", "--host", "127.0.0.1"]
            api += ["--port", str(self.api_port), "--log-level", "warning", "--timeout-graceful-shutdown", "3"]
            svc.proc = self.launcher.start("api", api, log=self.tmp / "api.log", append=True)

    async def _start_temporal(self, attempt: int) -> subprocess.Popen[bytes]:
        """The dev server on its db file and port; it is ready (namespace served) on return."""
        assert self.launcher is not None
        problem: Exception | None = None
        for _ in range(5):
            try:
                # In a thread: the readiness probe blocks. The server leads its own process group.
                server = await asyncio.to_thread(
                    self.launcher.temporal,
                    "temporal",
                    db_file=self.tmp / "temporal.db",
                    port=self.temporal_port,
                    headless=True,
                    log_file=self.tmp / f"temporal-{attempt}.log",
                )
            except DevServerError as exc:
                problem = exc
                await asyncio.sleep(1)
                continue
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
                    raise SuiteError(
                        f"{svc.name} exited with code {svc.proc.returncode}:\n{tail(self.log_of(svc), 20)}"
                    )
            await asyncio.sleep(0.3)
        log = tail(self.tmp / "api.log", 20)
        raise SuiteError(f"the API was not ready after {within:.0f} s (/readyz: {status}):\n{log}")

    def log_of(self, svc: Service) -> Path:
        """The service's current log file."""
        return self.tmp / (f"temporal-{svc.starts}.log" if svc.name == "temporal" else f"{svc.name}.log")

    def _readyz(self) -> int | str:
        return http_status(f"{self.api_url}/readyz")

    # -- faults ----------------------------------------------------------------------------------

    def _sigkill(self, svc: Service) -> None:
        assert self.launcher is not None
        self.launcher.kill(svc.name)

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
        if self.launcher is not None:
            self.launcher.close()  # the services (API, worker, Temporal), PostgreSQL, the watchdog
        if self.keep or failed:
            self.say(f"logs and data kept in {self.tmp}")
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)

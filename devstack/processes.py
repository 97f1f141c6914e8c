"""Process and port primitives of the dev tools: spawn a process group, stop it, probe ports and URLs.

`devstack.launcher.Launcher` builds on these; the Temporal dev server (`devstack.temporal`), the
embedded PostgreSQL (`devstack.postgres`) and the watchdog (`devstack.watchdog`) use them too.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import IO


def say(message: str) -> None:
    """Prints one launcher log line."""
    print(f"[devstack] {message}", flush=True)


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


def alive(pid: int) -> bool:
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


def tail(path: Path, lines: int = 25) -> str:
    """The last lines of a log file."""
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:]) or "(empty log)"


def http_status(url: str, timeout: float = 3.0) -> int | str:
    """The HTTP status `url` answers GET with, or why there was no answer (refused, reset, timeout)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            status: int = response.status
            return status
    except urllib.error.HTTPError as exc:
        return exc.code
    except urllib.error.URLError as exc:  # refused while the server starts
        return str(getattr(exc.reason, "strerror", None) or exc.reason)
    except OSError as exc:  # reset or timed out
        return type(exc).__name__


def spawn(
    cmd: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    stdout: IO[bytes] | int | None = None,
) -> subprocess.Popen[bytes]:
    """Starts `cmd` as the leader of a new session (and so of a new process group).

    A terminal's Ctrl-C then reaches only the launcher, which stops children in its own order,
    and `stop` can signal the whole group, grandchildren included. Nothing runs between fork and
    exec, so this is safe from any thread. If this process may die without stopping the child,
    start it through a `Launcher`, whose watchdog stops it then.
    """
    return subprocess.Popen(
        list(cmd),
        env=dict(env) if env is not None else None,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=subprocess.STDOUT if stdout is not None else None,
        start_new_session=True,
    )


def signal_group(group: int, sig: int) -> bool:
    """Sends `sig` (0: none, a probe) to a process group; False when the group no longer exists."""
    try:
        os.killpg(group, sig)
    except ProcessLookupError:
        return False
    except PermissionError:  # the id was reused by another user's group: not ours to signal
        return False
    return True


def kill(proc: subprocess.Popen[bytes]) -> int:
    """SIGKILLs the process group of a process started by `spawn`, reaps it, returns its exit code."""
    signal_group(proc.pid, signal.SIGKILL)
    return proc.wait()


def stop(proc: subprocess.Popen[bytes], *, grace: float = 10.0, hurry: Callable[[], bool] = lambda: False) -> int:
    """Stops a process started by `spawn` and returns its exit code.

    SIGTERM to its process group, SIGKILL after `grace` seconds or as soon as `hurry()` is true.
    """
    if proc.poll() is None:
        # The child leads its own process group (see `spawn`), so its pid is the group id.
        signal_group(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        while proc.poll() is None and not hurry() and time.monotonic() < deadline:
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=0.1)
        if proc.poll() is None:
            signal_group(proc.pid, signal.SIGKILL)
            proc.wait()
    # The leader is gone; whatever it left in its group (grandchildren) goes too.
    signal_group(proc.pid, signal.SIGKILL)
    return proc.returncode

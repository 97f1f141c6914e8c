"""The one watchdog of the dev tools: if its parent dies without cleaning up, it stops what the parent started.

    python -m devstack.watchdog <parent pid> <state file>

A `Launcher` starts it first (in a session of its own, so neither a terminal's Ctrl-C nor a
SIGKILL of the parent's process group reaches it) and keeps the state file current, rewriting it
whole on every change (write and rename, so it is never read half written):

    {"groups": [<pid of each process group leader still running>],
     "postgres": "<pgdata to stop>" | null, "remove": "<directory to delete>" | null}

It polls its parent every half second. Once the parent is gone (even by SIGKILL, which runs no
cleanup), it sends SIGTERM to every group, SIGKILL after `GRACE` seconds to what is left, stops
PostgreSQL (fast shutdown, then SIGKILL) and deletes the directory; then it exits. A parent that
cleans up itself stops the watchdog (`Launcher.close`).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sys
import time
from pathlib import Path
from typing import Any, Final

from devstack.postgres import PostgresError, stop_postgres
from devstack.processes import signal_group

#: Seconds the groups get between SIGTERM and SIGKILL (a worker whose server is gone may not exit).
GRACE: Final = 3.0
#: How often the parent is looked at.
POLL: Final = 0.5


def write_state(path: Path, state: dict[str, Any]) -> None:
    """Replaces the state file at once (a reader never sees it half written)."""
    partial = path.with_name(path.name + ".tmp")
    partial.write_text(json.dumps(state))
    os.replace(partial, path)


def read_state(path: Path) -> dict[str, Any]:
    """The state file's content; an unreadable file is an empty state."""
    try:
        state = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def clean_up(state: dict[str, Any]) -> None:
    """Stops every group, then PostgreSQL, then deletes the directory, as the state file says."""
    groups = {int(g) for g in state.get("groups", [])}
    for group in groups:
        signal_group(group, signal.SIGTERM)
    deadline = time.monotonic() + GRACE
    # signal 0 probes: a group is gone once its last member is reaped (by init, as orphans).
    while groups and time.monotonic() < deadline:
        time.sleep(0.1)
        groups = {g for g in groups if signal_group(g, 0)}
    for group in groups:
        signal_group(group, signal.SIGKILL)
    if state.get("postgres"):
        # A server that does not stop: nothing better to do, nobody is left to tell.
        with contextlib.suppress(PostgresError):
            stop_postgres(Path(state["postgres"]), timeout=10.0)
    if state.get("remove"):
        shutil.rmtree(state["remove"], ignore_errors=True)


def main(argv: list[str]) -> int:
    """Waits for the parent to die, then cleans up after it."""
    parent, path = int(argv[0]), Path(argv[1])
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while os.getppid() == parent:
        time.sleep(POLL)
    clean_up(read_state(path))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

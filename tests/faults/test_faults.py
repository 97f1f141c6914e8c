"""The fault suite's short form: a few hundred events while the worker, the API and Temporal are
SIGKILLed, then every journey and the ledger against the model (`bench/faults`, `make faults`),
locked missions unlocked by others included: every event sent after the 202 of an unlock's cause
counts.

The suite starts its own stack as child processes; afterwards none of them may be left running.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.faults import parse_args, run_suite
from bench.faults.cluster import TARGETS
from bench.faults.workload import ALL_SHAPES
from devstack.processes import alive

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(240)]


def children_of(pid: int) -> set[int]:
    """Live processes whose parent is `pid` (from /proc, so no extra dependency)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        state, ppid = stat.rsplit(")", 1)[1].split()[:2]
        if int(ppid) == pid and state != "Z":
            found.add(int(entry.name))
    return found


async def test_no_event_lost_counted_twice_or_paid_twice_under_sigkills(tmp_path: Path) -> None:
    before = children_of(os.getpid())
    short = ["--events", "240", "--users", "24", "--missions", str(len(ALL_SHAPES)), "--seed", "1"]
    chaos = ["--kills", "1", "--pause", "0.2", "0.8", "--stall-timeout", "60", "--settle-timeout", "120"]
    opts = parse_args([*short, *chaos, "--tmp", str(tmp_path)])

    report = await run_suite(opts)

    assert report.ok, "\n".join(report.lines + [f"{d.kind} {d.key}: {d.what}" for d in report.diffs[:50]])
    counts = report.counts
    assert counts["lost"] == counts["double_counts"] == counts["double_rewards"] == counts["missing_from_log"] == 0
    assert all(counts["kills"][name] >= 1 for name in TARGETS), counts["kills"]
    assert counts["journeys_workflows_checked"] == counts["journeys_expected"] > 0
    assert counts["completions"] > 0 and counts["ledger_points"] == counts["points"] > 0
    # Seed 1 unlocks chains and completes some to their third link, with events sent after the
    # cause's 202 (so the guarantee is exercised, not vacuous).
    assert counts["locked_third_links_completed"] > 0 and counts["sent_after_cause_ack"] > 0
    assert counts["journeys_missing_events_after_cause"] == 0
    # Nothing it started is left: neither a child of this process nor PostgreSQL (a daemon).
    assert not [pid for pid in report.pids if alive(pid)]
    assert children_of(os.getpid()) <= before

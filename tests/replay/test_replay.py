"""Recorded journeys replay against the current workflow code (`python -m tests.replay.record`).

A change that would break running journeys (a command added, removed or reordered without
`workflow.patched()`) fails here. The last test shows the check has teeth.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from temporalio import workflow
from temporalio.client import WorkflowHistory
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.worker import Replayer
from temporalio.workflow import NondeterminismError

from worker import WORKFLOWS
from workflows.payloads import EnrolmentInput

HISTORIES = sorted((Path(__file__).parent / "histories").glob("*.json"))


def _history(path: Path) -> WorkflowHistory:
    return WorkflowHistory.from_json(path.stem, json.loads(path.read_text()))


def test_every_workflow_shape_has_a_recorded_history() -> None:
    kinds = {p.name.split(".")[1] for p in HISTORIES}
    assert kinds == {
        "enrolment",
        "mission-change",
        "launch",
        "segment-grant",
        "segment-clock",
        "broadcast",
        "callback",
        "backtest",
    }
    assert len(HISTORIES) >= 8


@pytest.mark.parametrize("path", HISTORIES, ids=lambda p: p.stem)
async def test_recorded_history_replays(path: Path) -> None:
    replayer = Replayer(workflows=WORKFLOWS, data_converter=pydantic_data_converter)
    await replayer.replay_workflow(_history(path))


@workflow.defn(name="Enrolment", sandboxed=False)
class ReorderedEnrolment:
    """An 'improved' journey that waits before doing anything: not what recorded runs did."""

    @workflow.run
    async def run(self, inp: EnrolmentInput) -> None:
        await workflow.sleep(timedelta(seconds=1))


async def test_an_incompatible_change_fails_replay() -> None:
    replayer = Replayer(workflows=[ReorderedEnrolment], data_converter=pydantic_data_converter)
    path = next(p for p in HISTORIES if p.name.startswith("count_completed@"))
    with pytest.raises(NondeterminismError):
        await replayer.replay_workflow(_history(path))

"""What the enrolment workflow's activities call (`activities/enrolment.py`), wired once per process.

`build_enrolment_services` is the one wiring of these services: the composition root
(`services.container.build_services`) calls it with the process's engine and router, and tests
that run a worker of their own call it with theirs.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine

from services.approval_rules import ApprovalRules
from services.completions import Completions
from services.grant_jobs import GrantJobs
from services.lint import Linter
from services.mission_changes import MissionChanges
from services.missions import Missions
from services.quests import Quests
from services.read_model import ReadModel
from services.rewards import Rewards
from services.routing import EventRouter
from services.segment_sweeps import SegmentSweeps
from services.starts import WorkflowStarts
from settings import Settings


@dataclass(frozen=True)
class EnrolmentServices:
    """The services behind the enrolment workflow's activities (one method per activity)."""

    #: `save_journey`: the journeys' read model.
    read_model: ReadModel
    #: `complete_journey`: the reward, the budget, the records and the announcement.
    completions: Completions
    #: `budget_allows_start`: the budget cap (and every reward).
    rewards: Rewards
    #: `approval_rule_passes`: the `rule` approval mode.
    approval_rules: ApprovalRules
    #: `broadcast_mission_change`: a revision or the archive carried to running journeys.
    mission_changes: MissionChanges
    #: `launch_mission`: a scheduled activation.
    missions: Missions
    #: `grant_page`: one page of a segment grant or an unlock backfill.
    grant_jobs: GrantJobs
    #: `sweep_segment`: a time-dependent segment's re-evaluation.
    segment_sweeps: SegmentSweeps


def build_enrolment_services(
    engine: AsyncEngine, router: EventRouter, settings: Settings, *, missions: Missions | None = None
) -> EnrolmentServices:
    """The enrolment activities' services over `engine` and `router`. A scheduled launch starts its
    backfill jobs through `missions`; by default a `Missions` of its own, whose durable starts
    never inject faults (`QUESTLINE_TEST_CRASH_AFTER_COMMIT` is the API's), as a worker's never did."""
    gateway = router.gateway
    rewards = Rewards(engine)
    if missions is None:
        missions = Missions(
            engine, gateway, WorkflowStarts(engine, gateway), settings.outbound_policy, linter=Linter.of(settings)
        )
    return EnrolmentServices(
        read_model=ReadModel(engine),
        completions=Completions(engine, router, rewards, Quests(rewards), settings),
        rewards=rewards,
        approval_rules=ApprovalRules(engine),
        mission_changes=MissionChanges(engine, gateway),
        missions=missions,
        grant_jobs=GrantJobs(engine, router),
        segment_sweeps=SegmentSweeps(engine, router),
    )

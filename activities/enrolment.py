"""Activities of the enrolment workflow (and of the mission-level workflows it works with).

Thin adapters: each unpacks its input and calls one method of `services.enrolment.EnrolmentServices`,
where the rules live. Their names, inputs and outputs are what workflows call and recorded
histories replay: they do not change.
"""

from __future__ import annotations

from temporalio import activity

from services.enrolment import EnrolmentServices
from workflows.launch import Launch
from workflows.payloads import ApprovalQuestion, Completed, Revise, SaveJourney, SettleEvents, StartQuestion
from workflows.segment_clock import Sweep, Swept
from workflows.segment_grant import GrantJob, GrantPage


class JourneyActivities:
    """The enrolment workflow's activities, over the services they call; created once per worker."""

    def __init__(self, services: EnrolmentServices) -> None:
        self.services = services

    @activity.defn(name="save_journey")
    async def save_journey(self, inp: SaveJourney) -> None:
        """Writes the journey to the read model (a no-op when a newer version is there).

        The latest submission is written in the same transaction, so the admin queue and the
        user's view never disagree.
        """
        await self.services.read_model.save(inp.workflow_id, inp.journey, inp.status, inp.settled)

    @activity.defn(name="settle_events")
    async def settle_events(self, inp: SettleEvents) -> None:
        """Tells the senders waiting for events that changed the journey in nothing."""
        await self.services.read_model.settled(inp.workflow_id, inp.settled)

    @activity.defn(name="launch_mission")
    async def launch_mission(self, launch: Launch) -> str:
        """Activates a scheduled mission; a mission no longer in draft is skipped, not retried."""
        return await self.services.missions.run_launch(launch)

    @activity.defn(name="grant_page")
    async def grant_page(self, job: GrantJob) -> GrantPage:
        """Grants one page of the segment's members (idempotent: a retried page grants nobody twice);
        for an unlock backfill, unlocks one page of the users who met the locked mission's conditions."""
        return await self.services.grant_jobs.run_page(job, activity.heartbeat)

    @activity.defn(name="sweep_segment")
    async def sweep_segment(self, sweep: Sweep) -> Swept:
        """Re-evaluates a time-dependent segment for everyone; routes who entered and who left."""
        return await self.services.segment_sweeps.sweep(sweep.segment_id, sweep.now)

    @activity.defn(name="broadcast_mission_change")
    async def broadcast_mission_change(self, msg: Revise) -> int:
        """Signals the new revision to every running journey of the mission, resuming after a retry
        from the last page its heartbeat recorded."""
        details = activity.info().heartbeat_details
        cursor = str(details[0]) if details else ""
        told = int(details[1]) if len(details) > 1 else 0
        return await self.services.mission_changes.tell_running(
            msg.mission, after=cursor, told=told, progress=activity.heartbeat
        )

    @activity.defn(name="approval_rule_passes")
    async def approval_rule_passes(self, inp: ApprovalQuestion) -> bool:
        """The `rule` approval mode: auto-approve when the user has at least `min_points` or is a
        member of `segment` (either suffices)."""
        return await self.services.approval_rules.passes(inp.user_id, min_points=inp.min_points, segment=inp.segment)

    @activity.defn(name="budget_allows_start")
    async def budget_allows_start(self, inp: StartQuestion) -> bool:
        """Whether a user who has not started may start now: False once the budget cap is spent."""
        return await self.services.rewards.allows_start(inp.mission_id)

    @activity.defn(name="complete_journey")
    async def complete_journey(self, inp: Completed) -> bool:
        """Grants the reward once and announces the completion (unlocking dependent missions).

        The ledger row and the announcement share one transaction and idempotency keys derived
        from the completion, so a retry after any crash neither pays twice nor loses the unlock.
        Grants of a mission with a budget cap queue on the mission's row, so a completion that
        `needs_budget` is refused (False, nothing recorded) once the cap is reached
        (`services.completions.Completions.complete`).
        """
        return await self.services.completions.complete(inp)

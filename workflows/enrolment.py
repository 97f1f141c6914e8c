"""The enrolment workflow: one durable journey of one user through one mission.

Decisions come from `domain/` (passed through the sandbox): `domain.checks` decides whether an
update is refused, `domain.transitions` how each one changes the journey. Effects go through
activities named by string, so this package never imports the database or HTTP code. Per event
the journey costs one workflow task: the read-model write is a local activity inside that task.

This module holds the workflow class and its message handlers; what they build on is split by
concern: `enrolment_state` (the run's state and its saving), `enrolment_budget` (budget caps and
applying events), `enrolment_submissions` (manual goals), `enrolment_social` (the social check),
`enrolment_policy` (patch ids, timeouts, retries, refusals).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from domain import checks, streaks, transitions
    from domain import journey as rules
    from domain.journey import TERMINAL, Journey
    from domain.missions import EventGoal
    from workflows.enrolment_policy import (
        DATA_ERROR,
        TRIGGER_GRANT_AT_ENTRY,
        UNLOCK_AT_CAUSE,
        UNSTORABLE,
        UNSTORABLE_ACTION,
        Refused,
        budget_spent,
        refuse_unless,
    )
    from workflows.enrolment_social import SocialChecks
    from workflows.enrolment_submissions import Submissions
    from workflows.payloads import (
        WORKFLOW_NAME,
        ActionResult,
        AddFreeze,
        Eligibility,
        EnrolmentInput,
        EventIn,
        Grant,
        OptIn,
        Review,
        Revise,
        StreakRepair,
        Submit,
        Unlock,
        Verify,
    )

__all__ = ["DATA_ERROR", "UNSTORABLE", "EnrolmentWorkflow", "Refused"]


@workflow.defn(name=WORKFLOW_NAME)
class EnrolmentWorkflow(SocialChecks, Submissions):
    """Holds one journey's state; events arrive as signals, user actions as updates."""

    @workflow.init
    def __init__(self, inp: EnrolmentInput) -> None:
        super().__init__(inp)

    # --- messages ------------------------------------------------------------------------------

    @workflow.signal(name="event")
    def on_event(self, event: EventIn) -> None:
        """A user event; a redelivered id is dropped."""
        self.signals += 1
        if event.id in self.seen_set:
            self._ack(event)  # a repeat changes nothing: its sender (if waiting) may answer at once
            return
        if len(self.seen) == self.seen.maxlen:
            self.seen_set.discard(self.seen[0])
        self.seen.append(event.id)
        self.seen_set.add(event.id)
        self.inbox.append(event)

    @workflow.signal(name="eligibility")
    def on_eligibility(self, msg: Eligibility) -> None:
        """The user entered or left the mission's segments or tiers: the journey checks it too."""
        if self.gating:
            self.deferred.append(lambda: self.on_eligibility(msg))
            return
        if transitions.eligibility_changed(self.journey, eligible=msg.eligible, at=msg.at):
            self._reopen(msg.at)

    @workflow.signal(name="revise")
    def on_revise(self, msg: Revise) -> None:
        """A new revision of the mission, or its archive."""
        if self.gating:
            self.deferred.append(lambda: self.on_revise(msg))
            return
        if msg.mission.revision >= self.ctx.revision:
            self.ctx = msg.mission
            transitions.revised(self.journey, msg.mission.revision)

    @workflow.update(name="unlock")
    async def unlock(self, msg: Unlock) -> ActionResult:
        """Opens a locked mission (admin call, or every prerequisite completed)."""
        if self.gating:
            await self._after_gate(lambda: self._check_unlock(msg))
        j = self.journey
        at_cause = msg.source != "admin" and workflow.patched(UNLOCK_AT_CAUSE)
        if msg.completed_mission_id is not None:
            transitions.prerequisite_done(j, msg.completed_mission_id, msg.at, at_cause=at_cause)
        if transitions.unlocks(self.ctx, j, msg.source):
            # With `at_cause`, the unlock takes effect at its cause, however late it is delivered.
            at = transitions.unlock_moment(j, msg.source, msg.at) if at_cause else workflow.now()
            transitions.unlocked(j, at)
            self._reopen(at)
        return await self._saved()

    @unlock.validator
    def _check_unlock(self, msg: Unlock) -> None:
        refuse_unless(checks.check_unlock, self.ctx, self.journey, workflow.now())

    @workflow.update(name="grant")
    async def grant(self, msg: Grant) -> ActionResult:
        """Grants a featured mission; granting twice changes nothing."""
        if self.gating:
            await self._after_gate(lambda: self._check_grant(msg))
        if self.journey.granted_at is None:
            at = self._granted_at(msg)
            transitions.granted(self.journey, at)
            self._reopen(at)
        return await self._saved()

    def _granted_at(self, msg: Grant) -> datetime:
        """When the grant takes effect: now for an admin's; for the segment trigger's, the entry
        (`msg.at`), but never before the mission opens (max(activation, S)): an entry before S is
        deferred to S, so the mission shows, and events count, from S on."""
        if not (msg.trigger and workflow.patched(TRIGGER_GRANT_AT_ENTRY)):
            return workflow.now()
        # Just after the entry: the event whose effect made the user enter never counts here.
        entered = rules.effective_after(msg.at)
        opens = rules.available_from(self.ctx)
        return max(entered, opens) if opens is not None else entered

    @grant.validator
    def _check_grant(self, msg: Grant) -> None:
        # A trigger's grant before S is deferred to S (`_granted_at`); only an admin's is refused.
        # (Payloads recorded before `trigger` existed read it as False: old histories are unchanged.)
        refuse_unless(checks.check_grant, self.ctx, self.journey, workflow.now(), trigger=msg.trigger)

    @workflow.update(name="opt_in")
    async def opt_in(self, msg: OptIn) -> ActionResult:
        """The user opts in; the time to complete starts now (once budget allows a start)."""
        if self.gating:
            await self._after_gate(lambda: self._check_opt_in(msg))
        if self._needs_budget() and not await self._budget_allows_start():
            raise budget_spent()
        transitions.opted_in(self.journey, workflow.now())
        return await self._saved()

    @opt_in.validator
    def _check_opt_in(self, msg: OptIn) -> None:
        refuse_unless(checks.check_opt_in, self.ctx, self.journey, workflow.now())

    @workflow.update(name="submit")
    async def submit(self, msg: Submit) -> ActionResult:
        """The user submits proof; the journey waits in `pending` unless approval is automatic."""
        if self.gating:
            await self._after_gate(lambda: self._check_submit(msg))
        if self._needs_budget():
            return await self._submit_within_budget(msg)
        return await self._submit(msg)

    @submit.validator
    def _check_submit(self, msg: Submit) -> None:
        refuse_unless(checks.check_submit, self.ctx, self.journey, workflow.now())

    @workflow.update(name="verify")
    async def verify(self, msg: Verify) -> ActionResult:
        """The user asks for a social check: recorded at once; the check waits its delay and runs
        in the background, and its outcome completes the journey, or says why not."""
        if self.gating:
            await self._after_gate(lambda: self._check_verify(msg))
        if self._needs_budget() and not await self._budget_allows_start():
            raise budget_spent()
        # Again: two requests validated in one task would otherwise both start a check.
        self._check_verify(msg)
        self._start_check(msg)
        return await self._saved()

    @verify.validator
    def _check_verify(self, msg: Verify) -> None:
        refuse_unless(checks.check_verify, self.ctx, self.journey, workflow.now(), checking=self._checking())

    @workflow.update(name="review")
    async def review(self, msg: Review) -> ActionResult:
        """An admin approves (the mission completes) or declines (the user may submit again)."""
        if self.gating:
            await self._after_gate(lambda: self._check_review(msg))
        undo = self._undo_review(msg) if workflow.patched(UNSTORABLE_ACTION) else None
        self._decide(approve=msg.approve, feedback=msg.feedback)
        return await self._saved(undo)

    @review.validator
    def _check_review(self, msg: Review) -> None:
        refuse_unless(checks.check_review, self.ctx, self.journey, workflow.now(), submission_id=msg.submission_id)

    @workflow.update(name="streak_repair")
    async def streak_repair(self, msg: StreakRepair) -> ActionResult:
        """An operator's outage repair of the streak (`domain.streaks.repair`); idempotent per job."""
        if self.gating:
            await self._after_gate(lambda: self._check_streak_repair(msg))
        goal = self.ctx.spec.goal
        j = self.journey
        if isinstance(goal, EventGoal) and goal.streak is not None and j.streak is not None:
            zone = streaks.held_zone(j.streak, self.ctx.spec.timezone)
            repaired = streaks.repair(j.streak, goal, zone, msg.job_id, msg.start, msg.end)
            if repaired != j.streak:
                j.streak = repaired
                # The streak shown is derived from the state; a restored run that reaches the
                # goal completes with the next event that counts (as any streak does).
                j.progress = Decimal(streaks.streak_of(repaired, goal))
                rules.changed(j)
        return await self._saved()

    @streak_repair.validator
    def _check_streak_repair(self, msg: StreakRepair) -> None:
        if msg.end <= msg.start:
            raise Refused("invalid_window", "the repair window must end after it starts")

    @workflow.update(name="add_freeze")
    async def add_freeze(self, msg: AddFreeze) -> ActionResult:
        """A freeze the user bought in the shop (`domain.streaks.add_freeze`); once per purchase."""
        if self.gating:
            await self._after_gate(lambda: self._check_add_freeze(msg))
        goal = self.ctx.spec.goal
        assert isinstance(goal, EventGoal)
        state = self.journey.streak or streaks.StreakState()
        added = streaks.add_freeze(state, goal, msg.purchase_id)
        if added != state:
            self.journey.streak = added
            # A freeze can keep a run whose previous period ended missed: the streak shown follows.
            self.journey.progress = Decimal(streaks.streak_of(added, goal))
            rules.changed(self.journey)
        return await self._saved()

    @add_freeze.validator
    def _check_add_freeze(self, msg: AddFreeze) -> None:
        goal = self.ctx.spec.goal
        if not isinstance(goal, EventGoal) or goal.streak is None:
            raise Refused("not_a_streak", "the mission has no streak goal")
        state = self.journey.streak
        if state is not None and msg.purchase_id in state.repairs:
            return  # the same purchase again: answered with the journey as it is
        if self.journey.closed_at is not None or rules.status_at(self.ctx, self.journey, workflow.now()) in TERMINAL:
            raise Refused("journey_finished", "the user's journey through this mission is over")
        refusal = streaks.freeze_refusal(state, goal)
        if refusal is not None:
            raise Refused(*refusal)

    @workflow.query(name="journey")
    def current(self) -> ActionResult:
        """The journey as the workflow holds it (for admins and tests)."""
        return ActionResult(journey=self.journey, status=rules.status_at(self.ctx, self.journey, workflow.now()))

    # --- the loop ------------------------------------------------------------------------------

    @workflow.run
    async def run(self, inp: EnrolmentInput) -> Journey:
        """Applies events and clocks until the journey is over (or continues as new)."""
        while True:
            await self._apply_inbox()
            self._follow_mission(workflow.now())
            await self._settle_completions()
            status = rules.status_at(self.ctx, self.journey, workflow.now())
            transitions.submission_expired(self.journey, status, workflow.now())
            await self._save(status)
            finished = status in TERMINAL or self.journey.closed_at is not None
            if finished:
                self._stop_check()
            if finished or (self._should_continue_as_new() and not self._checking()):
                # Handlers may be waiting for this loop to save their change (and a stopped check
                # may be winding down): keep serving them until none is left, then end the run.
                await workflow.wait_condition(
                    lambda: (workflow.all_handlers_finished() and not self._checking()) or self._unsaved()
                )
                if self._unsaved() or self._record_stopped_check():
                    continue
                if finished:
                    return self.journey
                workflow.continue_as_new(
                    EnrolmentInput(
                        mission=self.ctx,
                        journey=self.journey,
                        seen_event_ids=list(self.seen),
                        status_attribute_set=True,
                        parked=list(self.parked),
                    )
                )
            self._arm_timer(rules.next_change(self.ctx, self.journey, workflow.now()))
            await workflow.wait_condition(self._has_work)

    def _follow_mission(self, now: datetime) -> None:
        """A revision may have lowered the goal below the progress made (a completion); an archive
        closes the journey."""
        j = self.journey
        if self.ctx.live and j.closed_at is None and transitions.completes_on_revision(self.ctx, j, now):
            rules.complete(self.ctx, j, now)
        if not self.ctx.live and j.closed_at is None:
            transitions.closed(j, now)

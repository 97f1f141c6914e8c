"""The enrolment workflow: one durable journey of one user through one mission.

Decisions come from `domain/` (passed through the sandbox); effects go through activities named
by string, so this module never imports the database or HTTP code. Per event the journey costs
one workflow task: the read-model write is a local activity inside that task.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, ParamSpec

from temporalio import workflow
from temporalio.common import RetryPolicy, SearchAttributeKey
from temporalio.exceptions import ActivityError, ApplicationError

with workflow.unsafe.imports_passed_through():
    from domain import checks
    from domain import journey as rules
    from domain.errors import Cooldown, DomainError
    from domain.journey import TERMINAL, EnrolmentStatus, EventOutcome, Journey, SubmissionState
    from domain.missions import ManualGoal, MissionType, SocialGoal
    from domain.social import (
        ATTEMPT_TIMEOUT,
        NON_RETRYABLE,
        RETRY_BACKOFF,
        RETRY_INITIAL_INTERVAL,
        RETRY_MAXIMUM_INTERVAL,
        VERIFY_SOCIAL,
        SocialFailure,
        Verdict,
        VerificationState,
        VerifySocial,
        after_failure,
        check_ends_by,
        failure_detail,
    )
    from workflows.payloads import (
        WORKFLOW_NAME,
        ActionResult,
        ApprovalQuestion,
        Completed,
        Eligibility,
        EnrolmentInput,
        EventIn,
        Grant,
        OptIn,
        Review,
        Revise,
        SaveJourney,
        StartQuestion,
        Submit,
        Unlock,
        Verify,
    )

P = ParamSpec("P")
STATUS_ATTRIBUTE = SearchAttributeKey.for_keyword("EnrolmentStatus")
#: How many recent event ids a journey remembers to drop redelivered signals.
SEEN_EVENTS = 1000
#: Patch id: a segment trigger's grant takes effect at the entry (deferred to S when earlier).
TRIGGER_GRANT_AT_ENTRY = "trigger-grant-at-entry"
#: How many events a journey keeps while it waits for an unlock, a grant or eligibility (the most
#: recent ones): those received after the opening's cause are applied when it arrives.
PARKED_EVENTS = 200
#: Patch ids: the journey keeps events received while it waits to open (`_park`), and an unlock
#: caused by a completion or a tier takes effect at that moment, not when it is delivered.
PARK_UNTIL_OPEN = "park-until-open"
UNLOCK_AT_CAUSE = "unlock-at-cause"
SAVE_TIMEOUT = timedelta(seconds=10)
COMPLETE_TIMEOUT = timedelta(seconds=30)
#: Rewards must be granted whatever happens: retry forever, backing off to once a minute.
ALWAYS_RETRY = RetryPolicy(initial_interval=timedelta(milliseconds=200), maximum_interval=timedelta(minutes=1))
#: The type of an activity's data error (`activities/data_errors.py`): PostgreSQL refuses a value
#: it is given, so no retry can succeed.
DATA_ERROR = "DataError"
#: The read-model write retries like every write, except on a data error: that one can never
#: succeed, and the journey refuses the action that caused it instead (`UNSTORABLE_ACTION`).
SAVE_RETRY = RetryPolicy(
    initial_interval=timedelta(milliseconds=200),
    maximum_interval=timedelta(minutes=1),
    non_retryable_error_types=[DATA_ERROR],
)
#: Patch id: a user's action whose change the read model cannot store (a data error) is undone
#: and refused (422 `unstorable_input`), instead of its write being retried forever.
UNSTORABLE_ACTION = "unstorable-action"
#: The refusal of an action whose change cannot be stored.
UNSTORABLE = "unstorable_input"
#: A social check's attempts back off as `domain.social` suggests; the activity itself makes the
#: attempt at its deadline (requested + delay + timeout) the last one.
SOCIAL_RETRY = RetryPolicy(
    initial_interval=RETRY_INITIAL_INTERVAL,
    backoff_coefficient=RETRY_BACKOFF,
    maximum_interval=RETRY_MAXIMUM_INTERVAL,
    non_retryable_error_types=list(NON_RETRYABLE),
)
#: A safety net only: how long past its timeout a check's activity may still be scheduled.
SOCIAL_GRACE = timedelta(minutes=5)
#: What a user reads when the journey ended (deadline, archive) while their check ran.
CHECK_STOPPED = "the check stopped: the mission ended before it could finish"


class Refused(ApplicationError):
    """An update the journey refuses; `type` is the API's error code (and `details`, its details)."""

    def __init__(self, code: str, message: str, details: dict[str, Any] | list[dict[str, Any]] | None = None) -> None:
        super().__init__(message, *([details] if details is not None else []), type=code, non_retryable=True)


def refuse_unless(check: Callable[P, None], *args: P.args, **kwargs: P.kwargs) -> None:
    """Runs one of `domain.checks`: the domain error it raises becomes the journey's `Refused`."""
    try:
        check(*args, **kwargs)
    except DomainError as exc:
        refusal = Refused(exc.code, exc.message, exc.details)
        # The failure sent back carries a cause only where it always did (a cooldown's).
        if isinstance(exc, Cooldown):
            raise refusal from exc
        raise refusal from None


def budget_spent() -> Refused:
    """The refusal of a start once the mission's budget cap is spent."""
    return Refused("budget_exhausted", "the mission's budget is spent; it takes no new participants")


@workflow.defn(name=WORKFLOW_NAME)
class EnrolmentWorkflow:
    """Holds one journey's state; events arrive as signals, user actions as updates."""

    @workflow.init
    def __init__(self, inp: EnrolmentInput) -> None:
        self.ctx = inp.mission
        self.journey = inp.journey
        self.seen: deque[str] = deque(inp.seen_event_ids[-SEEN_EVENTS:], maxlen=SEEN_EVENTS)
        self.seen_set = set(self.seen)
        self.inbox: list[EventIn] = []
        self.parked: deque[EventIn] = deque(inp.parked[-PARKED_EVENTS:], maxlen=PARKED_EVENTS)
        # A continued run was saved by its predecessor; a new one must write its first row.
        self.saved_version = self.journey.version if workflow.info().continued_run_id else -1
        self.settled = self.journey.completions
        self.started_completions = self.journey.completions
        # When the start (or the previous run) set the status attribute, an unchanged status is not
        # upserted again. Runs recorded before `status_attribute_set` existed upsert it as they did.
        current = workflow.info().typed_search_attributes.get(STATUS_ATTRIBUTE)
        self.status: EnrolmentStatus | None = (
            EnrolmentStatus(current) if inp.status_attribute_set and current is not None else None
        )
        self.timer: asyncio.Task[None] | None = None
        self.timer_at: datetime | None = None
        # While the budget decides whether this user may start (an activity), nothing else may
        # change the journey: signals are deferred and updates wait. Never set without a budget cap.
        self.gating = False
        self.deferred: list[Callable[[], None]] = []
        # The social check the user asked for (`verify`), running in the background; stopped when
        # the journey ends first.
        self.check: asyncio.Task[None] | None = None
        self.check_stopped = False
        # The last version whose read-model write failed with a data error (and why): not written
        # again until the journey changes, and the action that caused it is undone.
        self.unstorable: int | None = None
        self.unstorable_reason = ""

    # --- messages ------------------------------------------------------------------------------

    @workflow.signal(name="event")
    def on_event(self, event: EventIn) -> None:
        """A user event; a redelivered id is dropped."""
        if event.id in self.seen_set:
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
        j = self.journey
        if msg.eligible and j.ineligible_since is not None:
            j.ineligible_since = None
            j.version += 1
            self._reopen(msg.at)
        elif not msg.eligible and j.ineligible_since is None:
            j.ineligible_since = msg.at
            j.version += 1

    @workflow.signal(name="revise")
    def on_revise(self, msg: Revise) -> None:
        """A new revision of the mission, or its archive."""
        if self.gating:
            self.deferred.append(lambda: self.on_revise(msg))
            return
        if msg.mission.revision >= self.ctx.revision:
            self.ctx = msg.mission
            self.journey.revision = msg.mission.revision
            self.journey.version += 1

    @workflow.update(name="unlock")
    async def unlock(self, msg: Unlock) -> ActionResult:
        """Opens a locked mission (admin call, or every prerequisite completed)."""
        if self.gating:
            await self._after_gate(lambda: self._check_unlock(msg))
        j = self.journey
        at_cause = msg.source != "admin" and workflow.patched(UNLOCK_AT_CAUSE)
        if msg.completed_mission_id is not None and msg.completed_mission_id not in j.prerequisites_done:
            j.prerequisites_done.append(msg.completed_mission_id)
            if at_cause:
                j.prerequisites_at = max(msg.at, j.prerequisites_at or msg.at)
            j.version += 1
        unlock = self.ctx.spec.unlock
        needed = set(unlock.after_missions) if unlock else set()
        by_prerequisites = msg.source == "mission" and needed and needed <= set(j.prerequisites_done)
        # The router sends `tier` only once the user's tier reaches `unlock.min_tier`.
        if j.unlocked_at is None and (msg.source in ("admin", "tier") or by_prerequisites):
            if at_cause:
                # §3: the unlock takes effect at its cause (the last prerequisite's completion, the
                # points that reached the tier), however late it is delivered; events received
                # since then count, the causing one does not.
                cause = j.prerequisites_at if msg.source == "mission" and j.prerequisites_at else msg.at
                j.unlocked_at = rules.effective_after(cause)
            else:
                j.unlocked_at = workflow.now()
            j.version += 1
            self._reopen(j.unlocked_at)
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
            self.journey.granted_at = self._granted_at(msg)
            self.journey.version += 1
            self._reopen(self.journey.granted_at)
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
        self.journey.opted_in_at = workflow.now()
        self.journey.version += 1
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
        now = workflow.now()
        j = self.journey
        undo = self._undo_submission()
        j.submission = SubmissionState(id=msg.submission_id, status="pending", proof=msg.proof, submitted_at=now)
        j.pending_since = now
        j.version += 1
        goal = self.ctx.spec.goal
        assert isinstance(goal, ManualGoal)
        if workflow.patched(UNSTORABLE_ACTION):
            # The submission is stored before it may be approved, so one that cannot be stored is
            # undone before anything irreversible (a reward) happened.
            await self._saved(undo)
        if await self._approves_at_once():
            self._decide(approve=True, feedback=None)
        return await self._saved()

    async def _approves_at_once(self) -> bool:
        """`auto` approves every submission; `rule` asks whether this user passes (points, segment)."""
        goal = self.ctx.spec.goal
        assert isinstance(goal, ManualGoal)
        if goal.approval.mode != "rule":
            return goal.approval.mode == "auto"
        passes: bool = await workflow.execute_activity(
            "approval_rule_passes",
            ApprovalQuestion(
                user_id=self.journey.user_id, min_points=goal.approval.min_points, segment=goal.approval.segment
            ),
            result_type=bool,
            start_to_close_timeout=COMPLETE_TIMEOUT,
            retry_policy=ALWAYS_RETRY,
        )
        return passes

    async def _submit_within_budget(self, msg: Submit) -> ActionResult:
        """A first submission to a capped mission starts the journey: admitted only while budget
        is left; one approved at once is a completion, counted under the mission's lock."""
        approve_now = await self._approves_at_once()
        now = workflow.now()
        j = self.journey
        if approve_now:
            admitted = await self._gate(self._completion(j.completions + 1, now, needs_budget=True))
        else:
            admitted = await self._budget_allows_start()
        if not admitted:
            raise budget_spent()
        undo: Callable[[], Exception | None] | None = None if approve_now else self._undo_submission()
        j.submission = SubmissionState(id=msg.submission_id, status="pending", proof=msg.proof, submitted_at=now)
        j.pending_since = now
        j.version += 1
        if approve_now:
            self._decide(approve=True, feedback=None)
            self.settled = j.completions  # the gate above rewarded this completion
            # Rewarded already: a proof that cannot be stored is withheld, the completion stands.
            undo = self._withhold_proof
        return await self._saved(undo if workflow.patched(UNSTORABLE_ACTION) else None)

    def _undo_submission(self) -> Callable[[], Exception | None]:
        """What undoes the submission about to be made (its proof could not be stored)."""
        j = self.journey
        before, pending_since = j.submission, j.pending_since

        def undo() -> Exception | None:
            j.submission, j.pending_since = before, pending_since
            j.version += 1
            return self._unstorable_refusal("proof")

        return undo

    def _withhold_proof(self) -> None:
        """The approved submission's proof cannot be stored: it is kept out of the journey."""
        sub = self.journey.submission
        assert sub is not None
        kind = sub.proof.get("kind") if isinstance(sub.proof, dict) else None
        withheld = {"kind": kind, "value": None, "withheld": "the proof could not be stored"}
        self.journey.submission = sub.model_copy(update={"proof": withheld})
        self.journey.version += 1

    def _unstorable_refusal(self, field: str) -> Refused:
        reason = f"cannot be stored ({self.unstorable_reason})"
        details = {"field": field, "reason": reason}
        return Refused(UNSTORABLE, f"{field}: {reason}", [details])

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
        now = workflow.now()
        state = VerificationState(
            status="running", requested_at=now, ends_by=check_ends_by(now, msg.delay, msg.timeout)
        )
        self.journey.verification = state
        self.journey.version += 1
        self.check_stopped = False
        self.check = asyncio.create_task(self._run_check(msg, state))
        return await self._saved()

    @verify.validator
    def _check_verify(self, msg: Verify) -> None:
        refuse_unless(checks.check_verify, self.ctx, self.journey, workflow.now(), checking=self._checking())

    def _checking(self) -> bool:
        """Whether a social check is in flight (the run waits for it before it ends)."""
        return self.check is not None and not self.check.done()

    async def _run_check(self, msg: Verify, state: VerificationState) -> None:
        """Waits the delay (new posts take minutes to appear), then verifies with retries until
        the check's deadline; the outcome ends the check."""
        try:
            if msg.delay > timedelta(0):
                await workflow.sleep(msg.delay)
            goal = self.ctx.spec.goal  # the current revision's
            assert isinstance(goal, SocialGoal)
            request = VerifySocial(
                mission_id=self.ctx.mission_id,
                user_id=self.journey.user_id,
                goal=goal,
                handle=msg.handle,
                requested_at=state.requested_at,
                since=self._posts_since(),
                deadline=state.ends_by,
            )
            verdict = await workflow.execute_activity(
                VERIFY_SOCIAL,
                request,
                result_type=Verdict,
                start_to_close_timeout=ATTEMPT_TIMEOUT,
                schedule_to_close_timeout=msg.timeout + SOCIAL_GRACE,
                retry_policy=SOCIAL_RETRY,
            )
        except (ActivityError, asyncio.CancelledError) as err:
            if self.check_stopped:
                return  # the journey ended first; the loop records it
            if not isinstance(err, ActivityError):
                raise
            self._check_failed(err, msg.handle)
        else:
            self._check_passed(verdict)
        # The user started with this check, so no budget decision (gating) can be in flight here.

    def _posts_since(self) -> datetime | None:
        """Posts from before the journey could progress do not count: its anchor, and for a
        repeatable mission the previous completion."""
        repeat = self.ctx.spec.type is MissionType.RECURRING_ON_COMPLETION
        moments = [rules.anchor(self.ctx, self.journey), self.journey.completed_at if repeat else None]
        return max((m for m in moments if m is not None), default=None)

    def _check_passed(self, verdict: Verdict) -> None:
        """Found: the journey completes (its reward follows in the loop, once)."""
        now = workflow.now()
        j = self.journey
        assert j.verification is not None
        j.progress = Decimal(min(verdict.found, verdict.needed))
        if not rules.can_progress(self.ctx, j, now):
            status = rules.status_at(self.ctx, j, now)
            detail = f"found, but the mission can no longer be completed (it is {status.value})"
            j.verification = j.verification.model_copy(update={"status": "failed", "ended_at": now, "detail": detail})
            j.version += 1
            return
        j.verification = j.verification.model_copy(
            update={
                "status": "passed",
                "ended_at": now,
                "detail": verdict.detail,
                "found": verdict.found,
                "needed": verdict.needed,
            }
        )
        j.version += 1
        rules.complete(self.ctx, j, now)

    def _check_failed(self, err: ActivityError, handle: str) -> None:
        """Not found (or refused for good): the user reads why and may ask again. The platform
        could not answer (unreachable, rate limited past the budget, not configured): the request
        goes to the manual review queue as a pending submission instead."""
        goal = self.ctx.spec.goal
        assert isinstance(goal, SocialGoal)
        cause = err.cause
        kind = cause.type if isinstance(cause, ApplicationError) else None
        verdict = None
        if isinstance(cause, ApplicationError) and kind == SocialFailure.NOT_DONE and cause.details:
            verdict = Verdict.model_validate(cause.details[0])
        now = workflow.now()
        j = self.journey
        assert j.verification is not None
        detail = failure_detail(goal.platform, kind, str(cause or err), verdict)
        review = after_failure(kind) == "manual_review" and rules.can_progress(self.ctx, j, now)
        update: dict[str, Any] = {"status": "review" if review else "failed", "ended_at": now, "detail": detail}
        update["failure"] = kind
        if verdict is not None:
            update |= {"found": verdict.found, "needed": verdict.needed}
            j.progress = Decimal(min(verdict.found, verdict.needed))
        j.verification = j.verification.model_copy(update=update)
        if review:
            proof = {
                "kind": "social",
                "value": {
                    "platform": goal.platform,
                    "action": goal.action,
                    "target": goal.target,
                    "count": goal.count,
                    "handle": handle,
                    "failure": kind,
                    "detail": detail,
                },
            }
            j.submission = SubmissionState(
                id=f"sub_{workflow.uuid4().hex}", status="pending", proof=proof, submitted_at=now
            )
            j.pending_since = now
        j.version += 1

    def _stop_check(self) -> None:
        """The journey ended (deadline, archive) while a check ran: the check stops."""
        if self.check is not None and self._checking() and not self.check_stopped:
            self.check_stopped = True
            self.check.cancel()

    def _record_stopped_check(self) -> bool:
        """A check the journey's end stopped is recorded as failed; True when it was."""
        v = self.journey.verification
        if v is None or v.status != "running" or self._checking():
            return False
        self.journey.verification = v.model_copy(
            update={"status": "failed", "ended_at": workflow.now(), "detail": CHECK_STOPPED}
        )
        self.journey.version += 1
        return True

    @workflow.update(name="review")
    async def review(self, msg: Review) -> ActionResult:
        """An admin approves (the mission completes) or declines (the user may submit again)."""
        if self.gating:
            await self._after_gate(lambda: self._check_review(msg))
        undo = self._undo_review(msg) if workflow.patched(UNSTORABLE_ACTION) else None
        self._decide(approve=msg.approve, feedback=msg.feedback)
        return await self._saved(undo)

    def _undo_review(self, msg: Review) -> Callable[[], Exception | None]:
        """What repairs a decision whose feedback cannot be stored: a decline is undone (the
        submission waits again) and refused; an approval stands (its reward may be paid already)
        with the feedback withheld."""
        j = self.journey
        before, pending_since = j.submission, j.pending_since

        def undo() -> Exception | None:
            if msg.approve:
                assert j.submission is not None
                j.submission = j.submission.model_copy(update={"feedback": None})
                j.version += 1
                return None
            j.submission, j.pending_since = before, pending_since
            j.version += 1
            return self._unstorable_refusal("feedback")

        return undo

    @review.validator
    def _check_review(self, msg: Review) -> None:
        refuse_unless(checks.check_review, self.ctx, self.journey, workflow.now(), submission_id=msg.submission_id)

    def _expire_pending_submission(self, status: EnrolmentStatus) -> None:
        """A submission still pending when the deadline passes can no longer be decided: say so."""
        sub = self.journey.submission
        if status is EnrolmentStatus.MISSED and sub is not None and sub.status == "pending":
            self.journey.submission = sub.model_copy(update={"status": "expired", "decided_at": workflow.now()})
            self.journey.version += 1

    def _decide(self, *, approve: bool, feedback: str | None) -> None:
        now = workflow.now()
        j = self.journey
        assert j.submission is not None
        j.submission = j.submission.model_copy(
            update={"status": "approved" if approve else "declined", "feedback": feedback, "decided_at": now}
        )
        j.pending_since = None
        j.version += 1
        if approve:
            rules.complete(self.ctx, j, now)

    @workflow.query(name="journey")
    def current(self) -> ActionResult:
        """The journey as the workflow holds it (for admins and tests)."""
        return ActionResult(journey=self.journey, status=rules.status_at(self.ctx, self.journey, workflow.now()))

    # --- budget caps ---------------------------------------------------------------------------

    def _needs_budget(self) -> bool:
        """A capped mission admits a user who has not started only while its budget lasts."""
        return self.ctx.spec.budget_cap is not None and not rules.has_started(self.journey)

    async def _after_gate(self, check: Callable[[], None]) -> None:
        """Waits for a budget decision in flight, then checks the update again against the new state."""
        await workflow.wait_condition(lambda: not self.gating)
        check()

    async def _gate(self, decision: Awaitable[bool], on_decided: Callable[[bool], None] | None = None) -> bool:
        """Runs one budget decision (an activity) with every other change to the journey held back;
        `on_decided` applies its outcome before the held-back signals are."""
        self.gating = True
        try:
            admitted = await decision
            if on_decided is not None:
                on_decided(admitted)
        finally:
            self.gating = False
            deferred, self.deferred = self.deferred, []
            for apply in deferred:
                apply()
        return admitted

    async def _budget_allows_start(self, on_decided: Callable[[bool], None] | None = None) -> bool:
        return await self._gate(
            workflow.execute_activity(
                "budget_allows_start",
                StartQuestion(mission_id=self.ctx.mission_id, user_id=self.journey.user_id),
                result_type=bool,
                start_to_close_timeout=COMPLETE_TIMEOUT,
                retry_policy=ALWAYS_RETRY,
            ),
            on_decided,
        )

    async def _completion(self, completion: int, at: datetime, *, needs_budget: bool = False) -> bool:
        done: bool = await workflow.execute_activity(
            "complete_journey",
            Completed(
                mission=self.ctx,
                user_id=self.journey.user_id,
                completion=completion,
                at=at,
                needs_budget=needs_budget,
                cycle=self.journey.cycle,
            ),
            result_type=bool,
            start_to_close_timeout=COMPLETE_TIMEOUT,
            retry_policy=ALWAYS_RETRY,
        )
        return done

    async def _apply_within_budget(self, event: EventIn) -> None:
        """An event to a capped mission the user has not started: it counts only if budget allows."""
        trial = self.journey.model_copy(deep=True)
        outcome = rules.apply_event(
            self.ctx, trial, event_type=event.type, tags=event.tags, value=event.value, at=event.received_at
        )
        if outcome is EventOutcome.IGNORED:
            self._park(event)
            return

        def adopt(admitted: bool) -> None:
            # Signals are still held back and updates wait: nothing else changed the journey. A
            # refusal drops the event (§4: the budget is spent and this user had not started).
            if admitted:
                self.journey = trial
                if outcome is EventOutcome.COMPLETED:
                    self.settled = trial.completions

        if outcome is EventOutcome.COMPLETED:
            at = trial.completed_at or event.received_at
            await self._gate(self._completion(trial.completions, at, needs_budget=True), adopt)
        else:
            await self._budget_allows_start(adopt)

    async def _saved(self, undo: Callable[[], Exception | None] | None = None) -> ActionResult:
        """Waits until the main loop has written this change to the read model.

        When the write fails with a data error, `undo` repairs the journey and returns the refusal
        to answer with (or None: the repaired journey is saved and the action answered). Without
        `undo`, an action waits until some later change is written.
        """
        version = self.journey.version
        await workflow.wait_condition(
            lambda: (
                self.saved_version >= version
                or (undo is not None and self.unstorable is not None and self.unstorable >= version)
            )
        )
        if self.saved_version < version:
            assert undo is not None
            refusal = undo()
            if refusal is not None:
                raise refusal
            return await self._saved()
        assert self.status is not None
        return ActionResult(journey=self.journey, status=self.status)

    # --- the loop ------------------------------------------------------------------------------

    @workflow.run
    async def run(self, inp: EnrolmentInput) -> Journey:
        """Applies events and clocks until the journey is over (or continues as new)."""
        while True:
            await self._apply_inbox()
            now = workflow.now()
            if (
                self.ctx.live
                and self.journey.closed_at is None
                and rules.completes_on_revision(self.ctx, self.journey, now)
            ):
                rules.complete(self.ctx, self.journey, now)
            if not self.ctx.live and self.journey.closed_at is None:
                self.journey.closed_at = now
                self.journey.version += 1
            await self._settle_completions()
            status = rules.status_at(self.ctx, self.journey, workflow.now())
            self._expire_pending_submission(status)
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

    def _unsaved(self) -> bool:
        """Events to apply or a change to save (what update handlers wait for); a version the
        read model refused for its data is not saved again until the journey changes."""
        return bool(self.inbox) or self.journey.version not in (self.saved_version, self.unstorable)

    def _has_work(self) -> bool:
        return self._unsaved() or (self.timer is not None and self.timer.done())

    async def _apply_inbox(self) -> None:
        while self.inbox:
            event = self.inbox.pop(0)
            if self._needs_budget():
                await self._apply_within_budget(event)
                continue
            outcome = rules.apply_event(
                self.ctx, self.journey, event_type=event.type, tags=event.tags, value=event.value, at=event.received_at
            )
            if outcome is EventOutcome.IGNORED:
                self._park(event)

    def _park(self, event: EventIn) -> None:
        """Keeps an event that would count but for a missing unlock, grant or eligibility."""
        j = self.journey
        keep = rules.waits_for_opening(
            self.ctx, j, event_type=event.type, tags=event.tags, value=event.value, at=event.received_at
        )
        if keep and workflow.patched(PARK_UNTIL_OPEN):
            self.parked.append(event)

    def _reopen(self, since: datetime) -> None:
        """The journey opened (unlock, grant, eligibility) at `since`: the events it kept that were
        received from then on are applied now, before newer ones and in the order received."""
        if not self.parked:
            return
        kept = sorted((e for e in self.parked if e.received_at >= since), key=lambda e: e.received_at)
        self.parked.clear()
        self.inbox[0:0] = kept

    def _arm_timer(self, wake_at: datetime | None) -> None:
        """Keeps one durable timer for the next clock change, replacing it only when that moves."""
        if wake_at == self.timer_at and self.timer is not None and not self.timer.done():
            return
        if self.timer is not None and not self.timer.done():
            self.timer.cancel()
        self.timer_at, self.timer = wake_at, None
        if wake_at is not None:
            delay = max(wake_at - workflow.now(), timedelta(milliseconds=1))
            self.timer = asyncio.create_task(asyncio.sleep(delay.total_seconds()))

    async def _settle_completions(self) -> None:
        """Rewards and announces each completion once (the activity is idempotent per completion)."""
        while self.settled < self.journey.completions:
            self.settled += 1
            await workflow.execute_activity(
                "complete_journey",
                Completed(
                    mission=self.ctx,
                    user_id=self.journey.user_id,
                    completion=self.settled,
                    at=self.journey.completed_at or workflow.now(),
                    cycle=self.journey.cycle,
                ),
                start_to_close_timeout=COMPLETE_TIMEOUT,
                retry_policy=ALWAYS_RETRY,
            )

    async def _save(self, status: EnrolmentStatus) -> None:
        if status != self.status:
            workflow.upsert_search_attributes([STATUS_ATTRIBUTE.value_set(status.value)])
            if self.status is not None:
                self.journey.version += 1  # a clock moved the status: the read model's row follows
        self.status = status
        if self.journey.version in (self.saved_version, self.unstorable):
            return
        version = self.journey.version
        try:
            await workflow.execute_local_activity(
                "save_journey",
                SaveJourney(workflow_id=workflow.info().workflow_id, journey=self.journey, status=status),
                start_to_close_timeout=SAVE_TIMEOUT,
                retry_policy=SAVE_RETRY,
            )
        except (ActivityError, ApplicationError) as err:
            # A local activity's failure may come as its ApplicationError itself, not wrapped.
            cause = err.cause if isinstance(err, ActivityError) else err
            if not (isinstance(cause, ApplicationError) and cause.type == DATA_ERROR):
                raise
            # No patch needed here: before `SAVE_RETRY` a data error was retried forever, so no
            # recorded history holds a failed write (the actions' new paths are patched).
            workflow.logger.warning("journey version %s cannot be stored: %s", version, cause.message)
            self.unstorable, self.unstorable_reason = version, cause.message
            return
        self.saved_version = max(self.saved_version, version)

    def _should_continue_as_new(self) -> bool:
        # A repeatable mission starts each round with a fresh history, so it stays bounded.
        new_round = (
            self.ctx.spec.type is MissionType.RECURRING_ON_COMPLETION
            and self.journey.completions > self.started_completions
        )
        return new_round or workflow.info().is_continue_as_new_suggested()

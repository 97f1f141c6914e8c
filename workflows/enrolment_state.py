"""What one enrolment workflow holds, and how it saves it: the base of `EnrolmentWorkflow`.

The state of a run (the journey, the events it saw or keeps, its timer, its social check), the
read-model write of each change (`_save`) and the wait of a handler for it (`_saved`), and the
parts of the main loop that touch no budget: parking events, the timer, rewarding completions.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from datetime import datetime, timedelta

from temporalio import workflow
from temporalio.exceptions import ActivityError, ApplicationError

with workflow.unsafe.imports_passed_through():
    from domain import transitions
    from domain.journey import EnrolmentStatus, MissionContext
    from domain.missions import MissionType
    from workflows.enrolment_policy import (
        ALWAYS_RETRY,
        COMPLETE_TIMEOUT,
        DATA_ERROR,
        PARK_UNTIL_OPEN,
        PARKED_EVENTS,
        SAVE_RETRY,
        SAVE_TIMEOUT,
        SEEN_EVENTS,
        SETTLE_ACKS,
        SETTLE_RETRY,
        SETTLE_TIMEOUT,
        SIGNAL_BUDGET,
        SIGNALS_PER_RUN,
        STATUS_ATTRIBUTE,
        Refused,
        unstorable,
    )
    from workflows.payloads import ActionResult, Completed, EnrolmentInput, EventIn, SaveJourney, SettleEvents


class JourneyState:
    """One run's state and its read-model writes (the workflow class builds on it)."""

    def __init__(self, inp: EnrolmentInput) -> None:
        self.ctx: MissionContext = inp.mission
        self.journey = inp.journey
        self.seen: deque[str] = deque(inp.seen_event_ids[-SEEN_EVENTS:], maxlen=SEEN_EVENTS)
        self.seen_set = set(self.seen)
        self.inbox: list[EventIn] = []
        # Signals this run received (Temporal refuses more than 10,000 per run).
        self.signals = 0
        # The ids of events applied (or dropped as repeats) since the last save whose senders wait
        # to hear it, by settle channel (`EventIn.settle_channel`); told with the next save.
        self.acks: dict[str, list[str]] = {}
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

    def _checking(self) -> bool:
        """Whether a social check is in flight (the run waits for it before it ends)."""
        return self.check is not None and not self.check.done()

    def _unstorable_refusal(self, field: str) -> Refused:
        return unstorable(field, self.unstorable_reason)

    # --- saving --------------------------------------------------------------------------------

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

    def _unsaved(self) -> bool:
        """Events to apply, a change to save or senders to tell (what update handlers wait for); a
        version the read model refused for its data is not saved again until the journey changes."""
        return bool(self.inbox) or bool(self.acks) or self.journey.version not in (self.saved_version, self.unstorable)

    def _ack(self, event: EventIn) -> None:
        """Notes that the sender waiting for `event` (if any) is to be told with the next save."""
        if event.settle_channel is not None:
            self.acks.setdefault(event.settle_channel, []).append(event.id)

    def _has_work(self) -> bool:
        return self._unsaved() or (self.timer is not None and self.timer.done())

    async def _save(self, status: EnrolmentStatus) -> None:
        if status != self.status:
            workflow.upsert_search_attributes([STATUS_ATTRIBUTE.value_set(status.value)])
            if self.status is not None:
                transitions.status_moved(self.journey)
        self.status = status
        settled, self.acks = self.acks, {}
        if self.journey.version in (self.saved_version, self.unstorable):
            await self._tell(settled)
            return
        version = self.journey.version
        try:
            await workflow.execute_local_activity(
                "save_journey",
                SaveJourney(
                    workflow_id=workflow.info().workflow_id, journey=self.journey, status=status, settled=settled
                ),
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
            await self._tell(settled)
            return
        self.saved_version = max(self.saved_version, version)

    async def _tell(self, settled: dict[str, list[str]]) -> None:
        """Tells waiting senders that their events were applied when there was nothing to write
        (the event changed nothing); a sender that is not told times out and answers anyway."""
        if not settled or not workflow.patched(SETTLE_ACKS):
            return
        try:
            await workflow.execute_local_activity(
                "settle_events",
                SettleEvents(workflow_id=workflow.info().workflow_id, settled=settled),
                start_to_close_timeout=SETTLE_TIMEOUT,
                retry_policy=SETTLE_RETRY,
            )
        except (ActivityError, ApplicationError) as err:
            workflow.logger.warning("could not tell the senders of %s: %s", settled, err)

    # --- events kept until the journey opens ---------------------------------------------------

    def _park(self, event: EventIn) -> None:
        """Keeps an event that would count but for a missing unlock, grant or eligibility."""
        keep = transitions.waits_for_opening(
            self.ctx, self.journey, event_type=event.type, tags=event.tags, value=event.value, at=event.received_at
        )
        if keep and workflow.patched(PARK_UNTIL_OPEN):
            # Its sender was told when it was parked: applied later, nobody is waiting for it.
            self.parked.append(event.model_copy(update={"settle_channel": None}) if event.settle_channel else event)

    def _reopen(self, since: datetime) -> None:
        """The journey opened (unlock, grant, eligibility) at `since`: the events it kept that were
        received from then on are applied now, before newer ones and in the order received."""
        if not self.parked:
            return
        kept = sorted((e for e in self.parked if e.received_at >= since), key=lambda e: e.received_at)
        self.parked.clear()
        self.inbox[0:0] = kept

    # --- clocks and completions ----------------------------------------------------------------

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

    def _should_continue_as_new(self) -> bool:
        # A repeatable mission starts each round with a fresh history, so it stays bounded.
        new_round = (
            self.ctx.spec.type is MissionType.RECURRING_ON_COMPLETION
            and self.journey.completions > self.started_completions
        )
        if new_round or workflow.info().is_continue_as_new_suggested():
            return True
        # Checked only once the count is reached, so runs recorded before never meet the patch.
        return self.signals >= SIGNALS_PER_RUN and workflow.patched(SIGNAL_BUDGET)

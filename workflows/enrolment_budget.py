"""The enrolment workflow under a budget cap: a user who has not started is admitted only while
the mission's budget lasts, one decision (an activity) at a time, with every other change held
back meanwhile; and the main loop's application of events, which such a decision can gate.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from domain import journey as rules
    from domain.journey import EventOutcome
    from workflows.enrolment_policy import ALWAYS_RETRY, COMPLETE_TIMEOUT, STREAK_USER_ZONE
    from workflows.enrolment_state import JourneyState
    from workflows.payloads import Completed, EventIn, StartQuestion


class BudgetGate(JourneyState):
    """Budget decisions, and the events the main loop applies (gated by them when capped)."""

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

    def _user_zone(self, event: EventIn) -> str | None:
        """The user's own zone the event carries (for a streak counted in it); events recorded
        before zones were carried have none, and their runs never reach the patch."""
        if event.time_zone is None or not workflow.patched(STREAK_USER_ZONE):
            return None
        return event.time_zone

    async def _apply_inbox(self) -> None:
        while self.inbox:
            event = self.inbox.pop(0)
            self._ack(event)
            if self._needs_budget():
                await self._apply_within_budget(event)
                continue
            outcome = rules.apply_event(
                self.ctx,
                self.journey,
                event_type=event.type,
                tags=event.tags,
                value=event.value,
                at=event.received_at,
                time_zone=self._user_zone(event),
            )
            if outcome is EventOutcome.IGNORED:
                self._park(event)

    async def _apply_within_budget(self, event: EventIn) -> None:
        """An event to a capped mission the user has not started: it counts only if budget allows."""
        trial = self.journey.model_copy(deep=True)
        outcome = rules.apply_event(
            self.ctx,
            trial,
            event_type=event.type,
            tags=event.tags,
            value=event.value,
            at=event.received_at,
            time_zone=self._user_zone(event),
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

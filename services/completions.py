"""Completing a journey: pay its reward once, record it, and announce it to what depends on it.

The workflow decides that a journey completed; `Completions.complete` (the `complete_journey`
activity) does the rest in one transaction: the budget cap's hold and spend, the reward (a
challenge's within the operator's cap), the callbacks enqueued, the completion's record, its
announcement (`questline.mission_completed`), the tier and rule segments the points move, and
the quests it completes. After the commit, `announce` routes the announcement and those changes
through the event router (which unlocks dependent missions and tells the changed audience), and
the callbacks are dispatched.

Crash safety: the ledger row and the announcement share the transaction, under idempotency keys
derived from the completion, so a retry after any crash neither pays twice nor loses the
announcement; routing and dispatch after the commit are idempotent, and run again on a retry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine

from db import completions, users
from db import events as event_log
from db.engine import Conn
from db.events import StoredEvent
from domain.internal_events import MISSION_COMPLETED
from domain.journey import reward_key
from domain.system_events import completion_tags
from observability import metrics
from services import audience, notifications
from services.callbacks import dispatch, enqueue_completion
from services.quests import Quests
from services.rewards import Payment, Rewards
from services.routing import EventRouter
from settings import Settings
from workflows.payloads import Completed


def announcement_of(inp: Completed) -> StoredEvent:
    """The completion's `questline.mission_completed` event: one id per completion (and cycle)."""
    mission_id = inp.mission.mission_id
    which = f"{inp.completion}" if inp.cycle is None else f"c{inp.cycle}:{inp.completion}"
    spec = inp.mission.spec
    # A system event too (domain.system_events): its tags name the mission and category, and a
    # completion of a mission that counts completions is counted by none (no loop).
    category_id = spec.category_id
    return StoredEvent(
        id=f"{MISSION_COMPLETED}:{mission_id}:{inp.user_id}:{which}",
        user_id=inp.user_id,
        type=MISSION_COMPLETED,
        received_at=inp.at,
        tags=completion_tags(mission_id, category_id, counts_completions=spec.event_type == MISSION_COMPLETED),
        attributes={"mission_id": mission_id, "completion": inp.completion, "category_id": category_id}
        | ({"cycle": inp.cycle} if inp.cycle is not None else {}),
    )


@dataclass(frozen=True)
class _Recorded:
    """What the completion's transaction did, for the steps after its commit."""

    #: This attempt recorded the completion (its retries do not).
    first: bool
    payment: Payment
    #: The internal events it logged (tier, segments, quests), to route with the announcement.
    changes: list[StoredEvent]
    #: Callback deliveries it enqueued (None: nothing to deliver).
    callbacks: list[str | None]


class Completions:
    """Completes journeys: the reward, the budget, the records, and the announcement."""

    def __init__(
        self, engine: AsyncEngine, router: EventRouter, rewards: Rewards, quests: Quests, settings: Settings
    ) -> None:
        self.engine = engine
        self.router = router
        self.rewards = rewards
        self.quests = quests
        self.settings = settings

    async def complete(self, inp: Completed) -> bool:
        """Grants the reward once and announces the completion (unlocking dependent missions).

        The ledger row and the announcement share one transaction and idempotency keys derived
        from the completion, so a retry after any crash neither pays twice nor loses the unlock.
        Whether the completion was already counted is read from `completion_records` (written
        only here, in that transaction), never from the event log: a row under the
        announcement's id there (a client's, say) neither counts the completion nor stops it.
        Grants of a mission with a budget cap queue on the mission's row: the spend is counted
        exactly, and a completion that `needs_budget` is refused (False, nothing recorded) once
        the cap is reached, however many workers complete journeys at the same moment.
        """
        announcement = announcement_of(inp)
        async with self.engine.begin() as conn:
            recorded = await self._record(conn, inp, announcement)
        if recorded is None:
            return False
        # Committed: counted on the attempt that recorded the completion, not on its retries.
        if recorded.first:
            metrics.JOURNEYS_COMPLETED.inc()
        self.rewards.count_paid(recorded.payment)
        await self.announce([announcement, *recorded.changes])
        await dispatch(self.router.gateway, self.settings, recorded.callbacks)
        return True

    async def announce(self, events: Sequence[StoredEvent]) -> None:
        """Routes a committed completion's announcement and the changes it caused: the router
        unlocks the missions that depend on it and tells journeys of the changed audience.
        Idempotent (a retry routes them again; journeys drop what they have seen)."""
        await self.router.route_and_mark(events)

    async def _record(self, conn: Conn, inp: Completed, announcement: StoredEvent) -> _Recorded | None:
        """The completion's transaction; None when the budget refuses it (nothing recorded)."""
        mission, user_id, at = inp.mission, inp.user_id, inp.at
        hold = await self.rewards.hold_budget(
            conn, mission, needs_budget=inp.needs_budget, completion_id=announcement.id
        )
        if hold is not None and hold.refuses(inp.needs_budget):
            metrics.COMPLETIONS_REFUSED.inc()
            return None
        tier_before = await users.tier_of(conn, user_id, await users.list_tiers(conn))
        key = reward_key(mission.mission_id, user_id, inp.completion, inp.cycle)
        payment = await self.rewards.pay_completion(conn, mission, user_id, key)
        callbacks = [
            await enqueue_completion(
                conn,
                mission_id=mission.mission_id,
                url=mission.spec.callback_url,
                user_id=user_id,
                completion=inp.completion,
                reward=payment.reward,
                at=at,
                cycle=inp.cycle,
            )
        ]
        if hold is not None:
            callbacks.append(await self.rewards.spend_budget(conn, mission, hold, payment, at))
        # Counted once per completion: so is "completed mission X", which outlives the read
        # model's row of a recurring mission's later cycle.
        first = await completions.record(
            conn, key=announcement.id, mission_id=mission.mission_id, user_id=user_id, at=at
        )
        if first:  # the user's notification of it, once per completion
            points = payment.reward.points if payment.reward is not None else None
            await notifications.enqueue(
                conn,
                event="mission_completed",
                key=announcement.id,
                mission_id=mission.mission_id,
                user_ids=[user_id],
                points=points,
            )
        # Logged once too. An id already in the log (a client's, from before such ids were
        # refused) keeps its row, and the announcement is routed all the same.
        await event_log.insert_new(conn, [announcement])
        # Points and completions moved: the tier and rule segments may follow. Only on the
        # attempt that paid, so a retry does not announce the same change twice.
        changes = []
        if payment.paid:
            changes += await audience.tier_change(conn, user_id, tier_before, at)
        changes += await audience.refresh_segments(
            conn, user_id, at, {"points", "tier", "completions"}, just_completed=mission.mission_id
        )
        changes += await self.quests.complete_for(conn, mission.mission_id, user_id, at)
        return _Recorded(first=first, payment=payment, changes=changes, callbacks=callbacks)

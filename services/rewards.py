"""Rewards and budget caps: what a completion pays, and the cap that stops new users starting.

The pure rules are in `domain/` (`BudgetCap.reached`, `domain.journey.budget_closed`, the reward
keys of `domain.journey.reward_key`), the SQL in `db/ledger.py` and `db/missions.py`. What happens
when is here, once:

- a completion pays its reward under a key derived from the completion, so a retry never pays
  twice; a user's challenge pays within the operator's cap per user and reward period;
- a completion of a capped mission holds the mission's budget row for its transaction
  (`hold_budget`): grants of one capped mission queue there, so the spend is counted exactly and
  a completion that needs budget is refused once the cap is reached, however many workers
  complete journeys at the same moment;
- each completion adds its points and itself to the spend once, whatever the retries
  (`spend_budget`); the one that reaches the cap marks the budget exhausted;
- a user who has not started may start only while budget is left (`allows_start`);
- a change of the cap decides again whether the budget is exhausted (`recheck_budget`, called
  by `services.missions` when an admin patches the cap).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from db import challenges, completions, ledger, missions
from db.engine import Conn
from db.missions import Budget
from domain.journey import MissionContext
from domain.missions import Mission
from domain.rewards import Reward
from observability import metrics
from services.callbacks import enqueue_budget_exhausted

log = logging.getLogger("questline.rewards")


@dataclass(frozen=True)
class Payment:
    """A completion's reward: what it pays (None: nothing, e.g. a challenge over the operator's
    cap) and whether this attempt wrote the ledger row (False on a retry of a paid completion)."""

    reward: Reward | None
    paid: bool

    @property
    def points(self) -> int:
        """The points this attempt granted (counted against a points cap)."""
        if not self.paid or self.reward is None or self.reward.points is None:
            return 0
        return self.reward.points


@dataclass(frozen=True)
class BudgetHold:
    """A capped mission's budget, locked until the completion's transaction ends."""

    budget: Budget
    #: The completion was counted by an earlier attempt (a retry after its commit).
    recorded: bool

    def refuses(self, needs_budget: bool) -> bool:
        """Whether a completion that `needs_budget` is refused: the cap is reached and it was not counted."""
        return needs_budget and self.budget.exhausted_at is not None and not self.recorded


class Rewards:
    """Pays completions and quests, and keeps each mission's budget cap."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def pay_completion(self, conn: Conn, mission: MissionContext, user_id: str, key: str) -> Payment:
        """Pays the mission's reward once under `key` (in the completion's transaction)."""
        reward = mission.spec.reward
        if reward is not None and mission.owner_user_id is not None:
            # A user's challenge pays within the operator's cap per user and reward period (issue 13.3).
            reward = reward if await challenges.may_reward_completion(conn, user_id, key) else None
        paid = reward is not None and await ledger.grant(
            conn, key=key, user_id=user_id, reward=reward, mission_id=mission.mission_id
        )
        return Payment(reward=reward, paid=paid)

    def count_paid(self, payment: Payment) -> None:
        """Counts a committed mission reward in the metrics (only the attempt that paid)."""
        if payment.paid and payment.reward is not None:
            metrics.reward_granted(payment.reward, "mission")

    async def pay_quest(self, conn: Conn, quest_id: str, reward: dict[str, Any], user_id: str) -> None:
        """Pays a completed quest's reward once per user and quest."""
        paid = Reward.model_validate(reward)
        if await ledger.grant(conn, key=f"quest:{quest_id}:{user_id}", user_id=user_id, reward=paid, mission_id=None):
            metrics.reward_granted(paid, "quest")

    # --- budget caps ---------------------------------------------------------------------------

    async def allows_start(self, mission_id: str) -> bool:
        """Whether a user who has not started may start now: False once the budget cap is spent."""
        async with self.engine.connect() as conn:
            mission = await missions.get(conn, mission_id)
        return mission.budget_exhausted_at is None

    async def hold_budget(
        self, conn: Conn, mission: MissionContext, *, needs_budget: bool, completion_id: str
    ) -> BudgetHold | None:
        """Locks a capped mission's budget for the completion `completion_id` (its announcement's
        id); None for a mission without a cap (nothing to hold)."""
        if mission.spec.budget_cap is None and not needs_budget:
            return None
        budget = await missions.lock_budget(conn, mission.mission_id)
        # A retry of a completion that did count finds its record: it goes on, uncounted.
        return BudgetHold(budget=budget, recorded=await completions.counted(conn, completion_id))

    async def spend_budget(
        self, conn: Conn, mission: MissionContext, hold: BudgetHold, payment: Payment, at: datetime
    ) -> str | None:
        """Counts the completion and its points against the cap; once the cap is reached, enqueues
        the `budget.exhausted` callback (returns its delivery id, to dispatch after the commit)."""
        cap = mission.spec.budget_cap
        if cap is None:
            return None
        mission_id = mission.mission_id
        budget = hold.budget
        # Points and completions are both counted under any cap (so a cap switched from one to
        # the other finds a count), each once per completion whatever the retries.
        if payment.points or not hold.recorded:
            budget = await missions.add_to_budget(
                conn, mission_id, points=payment.points, completions=0 if hold.recorded else 1
            )
            if budget.exhausted_at is None and cap.reached(spent=budget.spent, completions=budget.completions):
                await missions.set_budget_exhausted(conn, mission_id, at)
                budget = budget.model_copy(update={"exhausted_at": at})
                log.info("budget of mission %s exhausted (cap %s)", mission_id, cap)
        if budget.exhausted_at is None:
            return None
        # Every later completion enqueues it again: a no-op once delivered, and the dispatch a
        # crash may have missed otherwise.
        return await enqueue_budget_exhausted(
            conn,
            mission_id=mission_id,
            url=mission.spec.callback_url,
            cap=cap,
            spent=budget.spent,
            completions=budget.completions,
            at=budget.exhausted_at,
        )


async def recheck_budget(conn: Conn, mission: Mission, at: datetime) -> Mission:
    """After the cap changed (an admin's PATCH, in its transaction): exhausted when spent ≥ cap
    (from `at`), open again when it is not."""
    cap = mission.spec.budget_cap
    exhausted = cap is not None and cap.reached(spent=mission.budget_spent, completions=mission.budget_completions)
    if exhausted == (mission.budget_exhausted_at is not None):
        return mission
    when = at if exhausted else None
    await missions.set_budget_exhausted(conn, mission.id, when)
    return mission.model_copy(update={"budget_exhausted_at": when})

"""Quests: a quest completes, and pays its reward once, when a user has completed all its active missions.

The admin's writes and reads of quests are `services.catalogue`'s.
"""

from __future__ import annotations

from datetime import datetime

from db import catalogue, users
from db import events as event_log
from db.engine import Conn
from db.events import StoredEvent
from domain.internal_events import QUEST_COMPLETED
from services.rewards import Rewards


class Quests:
    """Completes quests as their missions complete (in the completion's transaction)."""

    def __init__(self, rewards: Rewards) -> None:
        self.rewards = rewards

    async def complete_for(self, conn: Conn, mission_id: str, user_id: str, at: datetime) -> list[StoredEvent]:
        """Completes (and rewards, once) every quest whose active missions the user has now all
        completed, `mission_id` just now (in its completion's transaction); the quests' new
        `questline.quest_completed` events, logged (none on a retry)."""
        done = await users.completed_missions(conn, user_id) | {mission_id}
        changes = []
        for quest in await catalogue.quests_of_mission(conn, mission_id):
            needed = await catalogue.active_mission_ids(conn, quest.id)
            if not needed or not set(needed) <= done:
                continue
            if quest.reward:
                await self.rewards.pay_quest(conn, quest.id, quest.reward, user_id)
            changes.append(
                StoredEvent(
                    id=f"{QUEST_COMPLETED}:{quest.id}:{user_id}",  # one per user and quest, whatever retries
                    user_id=user_id,
                    type=QUEST_COMPLETED,
                    received_at=at,
                    attributes={"quest_id": quest.id},
                )
            )
        new = await event_log.insert_new(conn, changes)
        return [c for c in changes if c.id in new]

"""The catalogue: categories and quests, the operator's groupings of missions (over `db/catalogue.py`).

A category groups missions shown together; a quest groups missions with an optional reward of
its own. Here are the admin's writes and reads of both; a user's completion of a quest (and its
reward) is `services.quests`'.
"""

from __future__ import annotations

from collections.abc import Sequence

from db import catalogue as repo
from db import missions
from db.catalogue import Category, Quest
from db.engine import Conn
from domain.rewards import Reward

__all__ = ["Catalogue", "Category", "Quest"]


class Catalogue:
    """Creates and lists categories and quests, and puts missions in them."""

    async def create_category(self, conn: Conn, name: str, description: str | None) -> Category:
        """A new, empty category."""
        return await repo.create_category(conn, name, description)

    async def categories(self, conn: Conn) -> list[Category]:
        """Every category, oldest first."""
        return await repo.list_categories(conn)

    async def attach_to_category(self, conn: Conn, category_id: str, mission_ids: Sequence[str]) -> Category:
        """Puts missions in the category (404 for the category, 422 naming each unknown `mission_ids.N`)."""
        category = await repo.get_category(conn, category_id)
        await repo.attach_missions(conn, category_id=category_id, mission_ids=mission_ids)
        return category

    async def create_quest(
        self, conn: Conn, name: str, description: str | None, reward: Reward | None, mission_ids: Sequence[str]
    ) -> Quest:
        """A new quest with its missions; its reward's item must exist (422 naming `reward.item`)."""
        await missions.check_reward(conn, reward)
        stored = reward.model_dump(exclude_none=True) if reward else None
        quest = await repo.create_quest(conn, name, description, stored)
        if mission_ids:
            await repo.attach_missions(conn, quest_id=quest.id, mission_ids=mission_ids)
        return await repo.get_quest(conn, quest.id)

    async def quests(self, conn: Conn) -> list[Quest]:
        """Every quest with its missions, oldest first."""
        return await repo.list_quests(conn)

    async def attach_to_quest(self, conn: Conn, quest_id: str, mission_ids: Sequence[str]) -> Quest:
        """Adds missions to the quest (404 for the quest, 422 naming each unknown `mission_ids.N`)."""
        await repo.get_quest(conn, quest_id)
        await repo.attach_missions(conn, quest_id=quest_id, mission_ids=mission_ids)
        return await repo.get_quest(conn, quest_id)

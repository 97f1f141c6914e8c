"""Catalogue repository: categories and quests, and attaching missions to them.

Like every repository it runs in the caller's transaction and never commits.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict
from sqlalchemy.dialects.postgresql import JSONB, aggregate_order_by

from db.engine import Conn
from db.missions import bump_catalogue_version, check_references
from db.tables import categories, mission_revisions, missions, quests
from domain.errors import NotFound
from domain.references import Reference, problems, refuse


class Category(BaseModel):
    """A stored category (a group of missions shown together)."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    description: str | None
    created_at: datetime


class Quest(BaseModel):
    """A stored quest and the ids of its missions, oldest first."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    description: str | None
    reward: dict[str, Any] | None
    created_at: datetime
    mission_ids: tuple[str, ...] = ()


# --- categories --------------------------------------------------------------------------------


async def create_category(conn: Conn, name: str, description: str | None = None) -> Category:
    """Stores a new category (id `cat_<hex>`)."""
    result = await conn.execute(
        sa.insert(categories)
        .values(id=f"cat_{uuid.uuid4().hex}", name=name, description=description)
        .returning(*categories.c)
    )
    return Category.model_validate(result.mappings().one())


async def list_categories(conn: Conn) -> list[Category]:
    """Every category, oldest first."""
    rows = await conn.execute(sa.select(categories).order_by(categories.c.created_at, categories.c.id))
    return [Category.model_validate(row) for row in rows.mappings()]


async def get_category(conn: Conn, category_id: str) -> Category:
    """The category with this id, or NotFound("category_not_found")."""
    result = await conn.execute(sa.select(categories).where(categories.c.id == category_id))
    row = result.mappings().first()
    if row is None:
        raise NotFound("category_not_found", f"category {category_id} does not exist", {"category_id": category_id})
    return Category.model_validate(row)


# --- quests ------------------------------------------------------------------------------------

_QUEST_MISSION_IDS = (
    sa.select(
        sa.func.coalesce(
            sa.func.array_agg(aggregate_order_by(missions.c.id, missions.c.created_at, missions.c.id)),
            sa.text("'{}'::text[]"),
        )
    )
    .where(missions.c.quest_id == quests.c.id)
    .scalar_subquery()
    .label("mission_ids")
)


def _to_quest(row: sa.RowMapping) -> Quest:
    return Quest.model_validate({**row, "mission_ids": tuple(row["mission_ids"])})


async def create_quest(
    conn: Conn, name: str, description: str | None = None, reward: dict[str, Any] | None = None
) -> Quest:
    """Stores a new quest (id `qst_<hex>`) with no missions yet."""
    result = await conn.execute(
        sa.insert(quests)
        .values(id=f"qst_{uuid.uuid4().hex}", name=name, description=description, reward=reward)
        .returning(*quests.c)
    )
    return Quest.model_validate(result.mappings().one())


async def list_quests(conn: Conn) -> list[Quest]:
    """Every quest with its mission ids, oldest first."""
    rows = await conn.execute(sa.select(*quests.c, _QUEST_MISSION_IDS).order_by(quests.c.created_at, quests.c.id))
    return [_to_quest(row) for row in rows.mappings()]


async def get_quest(conn: Conn, quest_id: str) -> Quest:
    """The quest with this id and its mission ids, or NotFound("quest_not_found")."""
    result = await conn.execute(sa.select(*quests.c, _QUEST_MISSION_IDS).where(quests.c.id == quest_id))
    row = result.mappings().first()
    if row is None:
        raise NotFound("quest_not_found", f"quest {quest_id} does not exist", {"quest_id": quest_id})
    return _to_quest(row)


# --- attaching missions ------------------------------------------------------------------------


async def attach_missions(
    conn: Conn,
    *,
    category_id: str | None = None,
    quest_id: str | None = None,
    mission_ids: Sequence[str],
) -> None:
    """Puts missions in a category and/or a quest, in their row and their current spec.

    Raises NotFound for an unknown category or quest, and Invalid("mission_not_found") naming
    every unknown `mission_ids.<i>`; nothing changes then. The revision does not change: a category or
    quest only groups missions and does not alter what a journey is.
    """
    if category_id is None and quest_id is None:
        raise ValueError("attach_missions needs a category_id or a quest_id")
    await check_references(conn, category_id=category_id, quest_id=quest_id)
    wanted = sorted(set(mission_ids))
    # Lock in id order so two overlapping attaches cannot deadlock.
    result = await conn.execute(
        sa.select(missions.c.id).where(missions.c.id.in_(wanted)).order_by(missions.c.id).with_for_update()
    )
    found = set(result.scalars())
    missing = [mission_id for mission_id in wanted if mission_id not in found]
    if missing:  # 422 naming each `mission_ids.<i>`, as for every reference in a request body
        refuse(
            problems(
                [Reference(f"mission_ids.{i}", "mission", m) for i, m in enumerate(mission_ids)], {"mission": found}
            )
        )
    if not wanted:
        return
    changes: dict[str, Any] = {}
    if category_id is not None:
        changes["category_id"] = category_id
    if quest_id is not None:
        changes["quest_id"] = quest_id
    # The spec carries category_id and quest_id too; keep it in step with the columns.
    await conn.execute(
        sa.update(missions)
        .where(missions.c.id.in_(wanted))
        .values(
            **changes,
            spec=missions.c.spec.op("||", return_type=JSONB)(sa.literal(changes, JSONB)),
            updated_at=sa.func.now(),
        )
    )
    await conn.execute(
        sa.update(mission_revisions)
        .where(
            mission_revisions.c.mission_id == missions.c.id,
            mission_revisions.c.revision == missions.c.revision,
            missions.c.id.in_(wanted),
        )
        .values(spec=missions.c.spec)
    )
    await bump_catalogue_version(conn)


async def quests_of_mission(conn: Conn, mission_id: str) -> list[Quest]:
    """The quests a mission belongs to (today at most one: `missions.quest_id`)."""
    quest_id = (await conn.execute(sa.select(missions.c.quest_id).where(missions.c.id == mission_id))).scalar()
    return [await get_quest(conn, quest_id)] if quest_id else []


async def active_mission_ids(conn: Conn, quest_id: str) -> list[str]:
    """The quest's active missions: what a user must complete for the quest to complete (a paused
    one too: a pause stops a mission without ending it, so it cannot be skipped meanwhile)."""
    rows = await conn.execute(
        sa.select(missions.c.id)
        .where(missions.c.quest_id == quest_id, missions.c.status.in_(("active", "paused")))
        .order_by(missions.c.created_at, missions.c.id)
    )
    return list(rows.scalars())

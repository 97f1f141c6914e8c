"""Segments and their stored memberships."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Literal

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict
from sqlalchemy.dialects.postgresql import insert

from db.engine import Conn
from db.tables import segment_members, segments
from domain.errors import NotFound


class Segment(BaseModel):
    """A group of users: by rule (re-evaluated) or static (uploaded)."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    kind: Literal["rule", "static"]
    rule: dict[str, Any] | None
    created_at: datetime
    members: int = 0


_COLUMNS = [segments.c.id, segments.c.name, segments.c.kind, segments.c.rule, segments.c.created_at]


def _with_count() -> sa.Select[Any]:
    count = (
        sa.select(sa.func.count())
        .where(segment_members.c.segment_id == segments.c.id)
        .correlate(segments)
        .scalar_subquery()
        .label("members")
    )
    return sa.select(*_COLUMNS, count)


async def create(conn: Conn, *, name: str, kind: str, rule: dict[str, Any] | None) -> Segment:
    """A new segment with no members yet."""
    segment_id = f"seg_{uuid.uuid4().hex}"
    await conn.execute(sa.insert(segments).values(id=segment_id, name=name, kind=kind, rule=rule))
    return await get(conn, segment_id)


async def get(conn: Conn, segment_id: str) -> Segment:
    """One segment with its member count; NotFound when unknown."""
    row = (await conn.execute(_with_count().where(segments.c.id == segment_id))).first()
    if row is None:
        raise NotFound("segment_not_found", f"no segment {segment_id!r}")
    return Segment.model_validate(dict(row._mapping))


async def update(conn: Conn, segment_id: str, values: dict[str, Any]) -> None:
    """Changes a segment's `name` and/or `rule` (the row is locked until the caller's commit);
    NotFound when unknown."""
    if not values:
        await get(conn, segment_id)
        return
    stmt = sa.update(segments).where(segments.c.id == segment_id).values(**values).returning(segments.c.id)
    if (await conn.execute(stmt)).first() is None:
        raise NotFound("segment_not_found", f"no segment {segment_id!r}")


async def member_count(conn: Conn, segment_id: str) -> int:
    """How many members a segment has (0 for an unknown segment)."""
    stmt = sa.select(sa.func.count()).where(segment_members.c.segment_id == segment_id)
    return int((await conn.execute(stmt)).scalar_one())


async def list_segments(conn: Conn, *, kind: str | None = None) -> list[Segment]:
    """Every segment (of one kind), oldest first."""
    stmt = _with_count().order_by(segments.c.created_at, segments.c.id)
    if kind is not None:
        stmt = stmt.where(segments.c.kind == kind)
    return [Segment.model_validate(dict(r._mapping)) for r in await conn.execute(stmt)]


async def members(conn: Conn, segment_id: str, *, limit: int = 1000, after: str | None = None) -> list[str]:
    """Member user ids in id order, from `after`."""
    stmt = sa.select(segment_members.c.user_id).where(segment_members.c.segment_id == segment_id)
    if after is not None:
        stmt = stmt.where(segment_members.c.user_id > after)
    return list((await conn.execute(stmt.order_by(segment_members.c.user_id).limit(limit))).scalars())


async def add_members(conn: Conn, segment_id: str, user_ids: Sequence[str]) -> list[str]:
    """Adds users; returns those who were not members before (they entered)."""
    if not user_ids:
        return []
    stmt = (
        insert(segment_members)
        .values([{"segment_id": segment_id, "user_id": u} for u in user_ids])
        .on_conflict_do_nothing()
        .returning(segment_members.c.user_id)
    )
    return list((await conn.execute(stmt)).scalars())


async def remove_members(conn: Conn, segment_id: str, user_ids: Sequence[str]) -> list[str]:
    """Removes users; returns those who were members (they left)."""
    if not user_ids:
        return []
    stmt = (
        sa.delete(segment_members)
        .where(segment_members.c.segment_id == segment_id, segment_members.c.user_id.in_(list(user_ids)))
        .returning(segment_members.c.user_id)
    )
    return list((await conn.execute(stmt)).scalars())

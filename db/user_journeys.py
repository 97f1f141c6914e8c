"""A user's journeys as the console lists them: the enrolments read model with each mission's name."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict

from db.engine import Conn
from db.paging import newest_after
from db.tables import enrolments, missions


class JourneyRow(BaseModel):
    """One (mission, user) journey: the latest cycle's row of the read model."""

    model_config = ConfigDict(frozen=True)

    mission_id: str
    mission_name: str
    mission_type: str
    status: str
    cycle: int
    completions: int
    workflow_id: str
    updated_at: datetime


async def of_user(conn: Conn, user_id: str, *, limit: int, after: str | None = None) -> list[JourneyRow]:
    """The user's journeys, most recently changed first; `after` is the last mission id of the previous page."""
    stmt = (
        sa.select(
            enrolments.c.mission_id,
            missions.c.name.label("mission_name"),
            missions.c.type.label("mission_type"),
            enrolments.c.status,
            enrolments.c.cycle,
            enrolments.c.completions,
            enrolments.c.workflow_id,
            enrolments.c.updated_at,
        )
        .join(missions, missions.c.id == enrolments.c.mission_id)
        .where(enrolments.c.user_id == user_id)
    )
    if after is not None:
        stmt = await newest_after(
            conn,
            stmt,
            enrolments.c.updated_at,
            enrolments.c.mission_id,
            after,
            what="a mission id of this user's journeys",
            scope=enrolments.c.user_id == user_id,
        )
    stmt = stmt.order_by(enrolments.c.updated_at.desc(), enrolments.c.mission_id.desc()).limit(limit)
    return [JourneyRow.model_validate(dict(r._mapping)) for r in await conn.execute(stmt)]

"""The enrolments read model: one row per journey, written only by its workflow."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from db.engine import Conn
from db.tables import enrolments
from domain.journey import TERMINAL, EnrolmentStatus, Journey


async def save(conn: Conn, *, workflow_id: str, journey: Journey, status: EnrolmentStatus) -> bool:
    """Writes the journey unless the row already holds a newer version; True when written.

    Workflows can be retried or replayed and local activities re-run: the (cycle, version) check
    keeps the read model from ever moving backwards.
    """
    values = {
        "mission_id": journey.mission_id,
        "user_id": journey.user_id,
        "workflow_id": workflow_id,
        "status": status.value,
        "revision": journey.revision,
        "state": journey.model_dump(mode="json"),
        "version": journey.version,
        "completions": journey.completions,
        "cycle": journey.cycle or 0,
        "updated_at": sa.func.now(),
    }
    stmt = insert(enrolments).values(values)
    stmt = stmt.on_conflict_do_update(
        index_elements=[enrolments.c.mission_id, enrolments.c.user_id],
        set_={k: stmt.excluded[k] for k in values if k not in ("mission_id", "user_id")},
        # A recurring mission's next cycle replaces the row whatever the versions.
        where=sa.tuple_(enrolments.c.cycle, enrolments.c.version)
        < sa.tuple_(stmt.excluded.cycle, stmt.excluded.version),
    )
    result = await conn.execute(stmt.returning(enrolments.c.version))
    return result.first() is not None


async def for_user(conn: Conn, user_id: str, mission_ids: Sequence[str] | None = None) -> dict[str, Journey]:
    """The user's journeys by mission id (all of them, or only those of `mission_ids`)."""
    stmt = sa.select(enrolments.c.mission_id, enrolments.c.state).where(enrolments.c.user_id == user_id)
    if mission_ids is not None:
        stmt = stmt.where(enrolments.c.mission_id.in_(list(mission_ids)))
    return {row.mission_id: Journey.model_validate(row.state) for row in await conn.execute(stmt)}


async def for_pairs(conn: Conn, pairs: Sequence[tuple[str, str]]) -> dict[tuple[str, str], Journey]:
    """Journeys of many (mission id, user id) pairs in one query."""
    if not pairs:
        return {}
    key = sa.tuple_(enrolments.c.mission_id, enrolments.c.user_id)
    stmt = sa.select(enrolments.c.mission_id, enrolments.c.user_id, enrolments.c.state).where(key.in_(list(set(pairs))))
    return {(r.mission_id, r.user_id): Journey.model_validate(r.state) for r in await conn.execute(stmt)}


async def running_workflow_ids(conn: Conn, mission_id: str, *, after: str = "", limit: int = 500) -> list[str]:
    """Workflow ids of the mission's journeys that are not finished, in id order from `after`."""
    terminal = [s.value for s in TERMINAL]
    stmt = (
        sa.select(enrolments.c.workflow_id)
        .where(
            enrolments.c.mission_id == mission_id,
            enrolments.c.status.not_in(terminal),
            enrolments.c.workflow_id > after,
        )
        .order_by(enrolments.c.workflow_id)
        .limit(limit)
    )
    return list((await conn.execute(stmt)).scalars())


async def workflow_id_of(conn: Conn, mission_id: str, user_id: str) -> str | None:
    """The workflow id of the user's latest journey through the mission (None when never started)."""
    stmt = sa.select(enrolments.c.workflow_id).where(
        enrolments.c.mission_id == mission_id, enrolments.c.user_id == user_id
    )
    found: str | None = (await conn.execute(stmt)).scalar_one_or_none()
    return found

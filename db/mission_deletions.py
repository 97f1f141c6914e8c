"""Mission deletion repository: the deletion job and audit row, and the SQL of what a deletion
reverses (compensating ledger entries, the submissions it removes). Functions run inside the
caller's transaction and never commit.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

import sqlalchemy as sa
from pydantic import BaseModel
from sqlalchemy.dialects.postgresql import insert

from db.engine import Conn
from db.tables import enrolments, ledger, mission_deletions, submissions
from domain.errors import NotFound
from domain.journey import TERMINAL

Step = Literal["journeys", "points", "proofs", "done"]


class DeletionRow(BaseModel):
    """A mission's deletion: where the job stands and what it reversed (the audit)."""

    id: str
    mission_id: str
    previous_status: str
    requested_by: str
    step: Step
    journeys_closed: int
    points_reversed: int
    users_reversed: int
    submissions_removed: int
    proof_keys: list[str]
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None


_COLUMNS = [mission_deletions.c[name] for name in DeletionRow.model_fields]


async def create(
    conn: Conn, *, deletion_id: str, mission_id: str, previous_status: str, requested_by: str, journeys_open: int
) -> DeletionRow:
    """Stores the deletion job at its first step (closing `journeys_open` journeys)."""
    row = await conn.execute(
        insert(mission_deletions)
        .values(
            id=deletion_id,
            mission_id=mission_id,
            previous_status=previous_status,
            requested_by=requested_by,
            journeys_closed=journeys_open,
        )
        .returning(*_COLUMNS)
    )
    return DeletionRow.model_validate(dict(row.mappings().one()))


async def of_mission(conn: Conn, mission_id: str, *, for_update: bool = False) -> DeletionRow | None:
    """The mission's deletion (locked until the transaction ends with `for_update`), or None."""
    query = sa.select(*_COLUMNS).where(mission_deletions.c.mission_id == mission_id)
    if for_update:
        query = query.with_for_update()
    row = (await conn.execute(query)).mappings().first()
    return DeletionRow.model_validate(dict(row)) if row is not None else None


async def get(conn: Conn, mission_id: str, *, for_update: bool = False) -> DeletionRow:
    """The mission's deletion, or NotFound `deletion_not_found`."""
    row = await of_mission(conn, mission_id, for_update=for_update)
    if row is None:
        raise NotFound("deletion_not_found", f"mission {mission_id} has not been deleted", {"mission_id": mission_id})
    return row


async def stalled(conn: Conn, *, before: datetime, limit: int = 100) -> list[str]:
    """Missions whose deletion is unfinished and has not moved since `before` (its runner died)."""
    rows = await conn.execute(
        sa.select(mission_deletions.c.mission_id)
        .where(mission_deletions.c.step != "done", mission_deletions.c.updated_at < before)
        .order_by(mission_deletions.c.updated_at)
        .limit(limit)
    )
    return list(rows.scalars())


async def update(conn: Conn, deletion_id: str, **values: Any) -> DeletionRow:
    """Moves the job on (`step`, counts); `step="done"` also stamps `finished_at`."""
    if values.get("step") == "done":
        values["finished_at"] = sa.func.now()
    row = await conn.execute(
        sa.update(mission_deletions)
        .where(mission_deletions.c.id == deletion_id)
        .values(updated_at=sa.func.now(), **values)
        .returning(*_COLUMNS)
    )
    return DeletionRow.model_validate(dict(row.mappings().one()))


async def open_journeys(conn: Conn, mission_id: str) -> int:
    """How many of the mission's journeys are neither finished nor closed (what a deletion closes)."""
    terminal = [s.value for s in TERMINAL]
    found = await conn.execute(
        sa.select(sa.func.count()).where(
            enrolments.c.mission_id == mission_id,
            enrolments.c.status.not_in(terminal),
            enrolments.c.state["closed_at"].astext.is_(None),
        )
    )
    return int(found.scalar_one())


async def open_workflow_ids(conn: Conn, mission_id: str, *, after: str = "", limit: int = 500) -> list[str]:
    """Workflow ids of the mission's journeys the read model has neither finished nor closed, in id
    order from `after` (what may still run once the close has been announced)."""
    terminal = [s.value for s in TERMINAL]
    rows = await conn.execute(
        sa.select(enrolments.c.workflow_id)
        .where(
            enrolments.c.mission_id == mission_id,
            enrolments.c.status.not_in(terminal),
            enrolments.c.state["closed_at"].astext.is_(None),
            enrolments.c.workflow_id > after,
        )
        .order_by(enrolments.c.workflow_id)
        .limit(limit)
    )
    return list(rows.scalars())


async def reverse_points(conn: Conn, *, deletion_id: str, mission_id: str, label: str) -> tuple[int, int]:
    """Appends, for each user whose points from the mission do not net to zero, one entry taking
    them back; returns (points taken back, users). The ledger stays append-only.

    Idempotent: a run after another finds the net already zero; two runs at once compute the same
    key (the deletion, the user and the newest entry it nets out) and only one entry is written.
    """
    net = (
        sa.select(
            ledger.c.user_id,
            sa.func.sum(ledger.c.points).label("points"),
            sa.func.max(ledger.c.id).label("last_id"),
        )
        .where(ledger.c.mission_id == mission_id, ledger.c.kind == "points")
        .group_by(ledger.c.user_id)
        .having(sa.func.sum(ledger.c.points) != 0)
    )
    owed = (await conn.execute(net)).all()
    taken = users = 0
    for row in owed:
        points = int(row.points)
        stmt = (
            insert(ledger)
            .values(
                user_id=row.user_id,
                kind="points",
                points=-points,
                label=label,
                mission_id=mission_id,
                idempotency_key=f"mission-deletion:{deletion_id}:{row.user_id}:{row.last_id}",
            )
            .on_conflict_do_nothing(index_elements=[ledger.c.idempotency_key])
            .returning(ledger.c.id)
        )
        if (await conn.execute(stmt)).first() is not None:
            taken += points
            users += 1
    return taken, users


async def remove_submissions(conn: Conn, mission_id: str) -> tuple[int, list[str]]:
    """Deletes the mission's submissions; returns how many, and the object keys of their uploads."""
    rows = await conn.execute(
        sa.delete(submissions).where(submissions.c.mission_id == mission_id).returning(submissions.c.proof)
    )
    proofs = [row.proof for row in rows]
    keys = []
    for proof in proofs:
        upload = proof.get("upload") if isinstance(proof, dict) else None
        if isinstance(upload, dict) and isinstance(upload.get("key"), str):
            keys.append(upload["key"])
    return len(proofs), keys

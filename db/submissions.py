"""Proof submissions of manual goals: a copy of what journeys decide, for the admin queue."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict
from sqlalchemy.dialects.postgresql import insert

from db.engine import Conn
from db.tables import submissions
from domain.errors import NotFound
from domain.journey import SubmissionState


class SubmissionRow(BaseModel):
    """A submission with the journey it belongs to."""

    model_config = ConfigDict(frozen=True)

    id: str
    mission_id: str
    user_id: str
    proof: dict[str, Any]
    status: str
    feedback: str | None
    created_at: datetime
    decided_at: datetime | None


_COLUMNS = [submissions.c[name] for name in SubmissionRow.model_fields]


async def save(conn: Conn, *, mission_id: str, user_id: str, state: SubmissionState) -> None:
    """Writes the journey's view of a submission (insert, or update its decision)."""
    stmt = insert(submissions).values(
        id=state.id,
        mission_id=mission_id,
        user_id=user_id,
        proof=state.proof,
        status=state.status,
        feedback=state.feedback,
        created_at=state.submitted_at,
        decided_at=state.decided_at,
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=[submissions.c.id],
        set_={
            "status": stmt.excluded.status,
            "feedback": stmt.excluded.feedback,
            "decided_at": stmt.excluded.decided_at,
        },
    )
    await conn.execute(stmt)


async def get(conn: Conn, submission_id: str) -> SubmissionRow:
    """One submission; NotFound when unknown."""
    row = (await conn.execute(sa.select(*_COLUMNS).where(submissions.c.id == submission_id))).first()
    if row is None:
        raise NotFound("submission_not_found", f"no submission {submission_id!r}")
    return SubmissionRow.model_validate(dict(row._mapping))


async def list_submissions(
    conn: Conn,
    *,
    status: str | None = None,
    mission_id: str | None = None,
    user_id: str | None = None,
    limit: int = 100,
    after: str | None = None,
) -> list[SubmissionRow]:
    """Submissions oldest first (a review queue), filtered; `after` is the last id of the previous page."""
    stmt = sa.select(*_COLUMNS)
    if status is not None:
        stmt = stmt.where(submissions.c.status == status)
    if mission_id is not None:
        stmt = stmt.where(submissions.c.mission_id == mission_id)
    if user_id is not None:
        stmt = stmt.where(submissions.c.user_id == user_id)
    if after is not None:
        anchor = sa.select(submissions.c.created_at).where(submissions.c.id == after).scalar_subquery()
        stmt = stmt.where(sa.tuple_(submissions.c.created_at, submissions.c.id) > sa.tuple_(anchor, after))
    stmt = stmt.order_by(submissions.c.created_at, submissions.c.id).limit(limit)
    return [SubmissionRow.model_validate(dict(r._mapping)) for r in await conn.execute(stmt)]

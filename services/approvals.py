"""The admin review queue of manual missions: list it, decide a submission, read an uploaded proof.

A decision is the journey's to make: it is sent as the `review` update to the journey the
submission was made in, whose validator refuses what cannot be decided (not pending, the deadline
passed, the mission closed); the queue row is the journey's copy, read back once it has decided.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncEngine

from db import enrolments
from db import submissions as repo
from db.engine import Conn
from db.submissions import SubmissionRow
from domain.errors import NotFound
from services.gateway import JourneyGateway
from storage import ObjectMissing, ObjectStore
from workflows.payloads import Review, enrolment_id

__all__ = ["Approvals", "ProofFile", "SubmissionList", "SubmissionRow", "SubmissionStatus"]

SubmissionStatus = Literal["pending", "approved", "declined", "expired"]


class SubmissionList(BaseModel):
    """A page of submissions, oldest first; pass `next_cursor` as `cursor` for the next."""

    items: list[SubmissionRow]
    next_cursor: str | None = None


@dataclass(frozen=True)
class ProofFile:
    """An uploaded proof's bytes, with the content type and file name it was uploaded with."""

    data: bytes
    content_type: str
    filename: str


class Approvals:
    """Reviewing submitted proofs."""

    def __init__(self, engine: AsyncEngine, gateway: JourneyGateway, store: ObjectStore) -> None:
        self._engine = engine
        self._gateway = gateway
        self._store = store

    async def queue(
        self,
        conn: Conn,
        *,
        status: SubmissionStatus | None,
        mission_id: str | None,
        user_id: str | None,
        limit: int,
        cursor: str | None,
    ) -> SubmissionList:
        """A page of the review queue, filtered (`status="pending"`: what waits on an admin)."""
        page = await repo.list_submissions(
            conn, status=status, mission_id=mission_id, user_id=user_id, limit=limit + 1, after=cursor
        )
        return SubmissionList(items=page[:limit], next_cursor=page[limit - 1].id if len(page) > limit else None)

    async def decide(self, conn: Conn, submission_id: str, *, approve: bool, feedback: str | None) -> SubmissionRow:
        """Approves (the mission completes, its reward granted once) or declines with feedback."""
        sub = await repo.get(conn, submission_id)
        # The journey the submission was made in (for a recurring mission, its cycle's workflow).
        workflow_id = await enrolments.workflow_id_of(conn, sub.mission_id, sub.user_id) or enrolment_id(
            sub.mission_id, sub.user_id
        )
        review = Review(submission_id=submission_id, approve=approve, feedback=feedback)
        await self._gateway.act_existing(workflow_id, "review", review)
        return await repo.get(conn, submission_id)

    async def proof_file(self, submission_id: str) -> ProofFile:
        """The file a user uploaded as proof (404 when the proof is a link, text or survey, or the file is gone)."""
        async with self._engine.connect() as conn:  # not held while the store answers
            sub = await repo.get(conn, submission_id)
        upload = sub.proof.get("upload")
        if not isinstance(upload, dict) or not isinstance(upload.get("key"), str):
            raise NotFound("no_upload", f"submission {submission_id!r} has no uploaded file")
        try:
            data, content_type = await self._store.get(upload["key"])
        except ObjectMissing as exc:
            raise NotFound("upload_missing", f"the file of submission {submission_id!r} is no longer stored") from exc
        return ProofFile(data=data, content_type=content_type, filename=str(upload.get("filename") or submission_id))

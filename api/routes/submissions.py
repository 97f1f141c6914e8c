"""The admin review queue of manual missions: list, approve, decline, and fetch an uploaded proof."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from api.deps import Admin, Conn, ServicesDep
from api.errors import error_responses
from api.schemas import Strict
from api.strict import JsonBody
from db import enrolments
from db import submissions as repo
from db.submissions import SubmissionRow
from domain.errors import NotFound
from services.gateway import JourneyGateway
from storage import ObjectMissing, ObjectStore
from workflows.payloads import Review, enrolment_id

router = APIRouter(prefix="/v1/submissions", tags=["submissions"])


class SubmissionList(BaseModel):
    """A page of submissions, oldest first; pass `next_cursor` as `cursor` for the next."""

    items: list[SubmissionRow]
    next_cursor: str | None = None


class Decline(Strict):
    """Why the proof was declined; the user sees it."""

    feedback: Annotated[str, Field(min_length=1, max_length=2000)]


@router.get("", response_model=SubmissionList, responses=error_responses(401, 403, 422))
async def list_submissions(
    conn: Conn,
    _: Admin,
    status: Literal["pending", "approved", "declined", "expired"] | None = None,
    mission_id: str | None = None,
    user_id: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: str | None = None,
) -> SubmissionList:
    """The review queue: `?status=pending` for what waits on an admin."""
    page = await repo.list_submissions(
        conn, status=status, mission_id=mission_id, user_id=user_id, limit=limit + 1, after=cursor
    )
    return SubmissionList(items=page[:limit], next_cursor=page[limit - 1].id if len(page) > limit else None)


async def _decide(svc: ServicesDep, conn: Conn, submission_id: str, review: Review) -> SubmissionRow:
    sub = await repo.get(conn, submission_id)
    gateway: JourneyGateway = svc.gateway
    # The journey the submission was made in (for a recurring mission, its cycle's workflow).
    workflow_id = await enrolments.workflow_id_of(conn, sub.mission_id, sub.user_id) or enrolment_id(
        sub.mission_id, sub.user_id
    )
    await gateway.act_existing(workflow_id, "review", review)
    return await repo.get(conn, submission_id)


@router.post("/{submission_id}/approve", response_model=SubmissionRow, responses=error_responses(401, 403, 404, 409))
async def approve(submission_id: str, svc: ServicesDep, conn: Conn, _: Admin) -> SubmissionRow:
    """Approves the pending proof: the mission completes and its reward is granted once."""
    return await _decide(svc, conn, submission_id, Review(submission_id=submission_id, approve=True))


@router.post(
    "/{submission_id}/decline", response_model=SubmissionRow, responses=error_responses(401, 403, 404, 409, 422)
)
async def decline(submission_id: str, body: JsonBody[Decline], svc: ServicesDep, conn: Conn, _: Admin) -> SubmissionRow:
    """Declines the pending proof with feedback; the user may submit again."""
    review = Review(submission_id=submission_id, approve=False, feedback=body.feedback)
    return await _decide(svc, conn, submission_id, review)


_PROOF_FILE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The uploaded file, with the content type it was uploaded as",
        "content": {
            "image/*": {"schema": {"type": "string", "format": "binary"}},
            "video/*": {"schema": {"type": "string", "format": "binary"}},
        },
    }
}


@router.get(
    "/{submission_id}/proof",
    name="submission_proof",
    response_class=Response,
    responses={**_PROOF_FILE, **error_responses(401, 403, 404)},
)
async def proof_file(submission_id: str, svc: ServicesDep, _: Admin) -> Response:
    """The file a user uploaded as proof (404 when the proof is a link, text or survey)."""
    async with svc.engine.connect() as conn:  # not held while the store answers
        sub = await repo.get(conn, submission_id)
    upload = sub.proof.get("upload")
    if not isinstance(upload, dict) or not isinstance(upload.get("key"), str):
        raise NotFound("no_upload", f"submission {submission_id!r} has no uploaded file")
    store: ObjectStore = svc.store
    try:
        data, content_type = await store.get(upload["key"])
    except ObjectMissing as exc:
        raise NotFound("upload_missing", f"the file of submission {submission_id!r} is no longer stored") from exc
    filename = upload.get("filename") or submission_id
    return Response(
        data,
        media_type=content_type,
        headers={
            "Content-Disposition": f"inline; filename*=UTF-8''{quote(str(filename), safe='')}",
            # Users chose these bytes: never let a browser sniff them into something it runs.
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "Cache-Control": "private, no-store",
        },
    )

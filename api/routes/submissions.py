"""The admin review queue of manual missions: list, approve, decline, and fetch an uploaded proof."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import Field

from api.deps import Admin, ApprovalsDep, Conn
from api.errors import error_responses
from api.schemas import Strict
from api.strict import JsonBody
from services.approvals import SubmissionList, SubmissionRow, SubmissionStatus

router = APIRouter(prefix="/v1/submissions", tags=["submissions"])


class Decline(Strict):
    """Why the proof was declined; the user sees it."""

    feedback: Annotated[str, Field(min_length=1, max_length=2000)]


@router.get("", response_model=SubmissionList, responses=error_responses(401, 403, 422))
async def list_submissions(
    conn: Conn,
    approvals: ApprovalsDep,
    _: Admin,
    status: SubmissionStatus | None = None,
    mission_id: str | None = None,
    user_id: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: str | None = None,
) -> SubmissionList:
    """The review queue: `?status=pending` for what waits on an admin."""
    return await approvals.queue(
        conn, status=status, mission_id=mission_id, user_id=user_id, limit=limit, cursor=cursor
    )


@router.post("/{submission_id}/approve", response_model=SubmissionRow, responses=error_responses(401, 403, 404, 409))
async def approve(submission_id: str, approvals: ApprovalsDep, conn: Conn, _: Admin) -> SubmissionRow:
    """Approves the pending proof: the mission completes and its reward is granted once."""
    return await approvals.decide(conn, submission_id, approve=True, feedback=None)


@router.post(
    "/{submission_id}/decline", response_model=SubmissionRow, responses=error_responses(401, 403, 404, 409, 422)
)
async def decline(
    submission_id: str, body: JsonBody[Decline], approvals: ApprovalsDep, conn: Conn, _: Admin
) -> SubmissionRow:
    """Declines the pending proof with feedback; the user may submit again."""
    return await approvals.decide(conn, submission_id, approve=False, feedback=body.feedback)


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
async def proof_file(submission_id: str, approvals: ApprovalsDep, _: Admin) -> Response:
    """The file a user uploaded as proof (404 when the proof is a link, text or survey)."""
    proof = await approvals.proof_file(submission_id)
    return Response(
        proof.data,
        media_type=proof.content_type,
        headers={
            "Content-Disposition": f"inline; filename*=UTF-8''{quote(proof.filename, safe='')}",
            # Users chose these bytes: never let a browser sniff them into something it runs.
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "Cache-Control": "private, no-store",
        },
    )

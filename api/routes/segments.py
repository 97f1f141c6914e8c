"""Admin routes for segments: rule-defined (evaluated) or static (filled by CSV upload)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from api.deps import Admin, Conn, SegmentsDep, route_after_commit, start_after_commit
from api.errors import ApiError, error_responses
from api.schemas import Strict
from api.strict import JsonBody
from domain.segment_rules import SegmentRule
from domain.spec_base import Name
from services.segments import Segment

router = APIRouter(prefix="/v1/segments", tags=["segments"])

#: Largest CSV accepted in one upload.
MAX_CSV_BYTES = 10 * 1024 * 1024


class SegmentIn(Strict):
    """A segment: with a `rule` it is evaluated for every user; without one it is static."""

    name: Name
    rule: SegmentRule | None = None


class SegmentPatch(Strict):
    """Changes to a segment: a new name, and for a rule segment a new rule (evaluated at once)."""

    name: Name | None = None
    rule: SegmentRule | None = Field(None, description="Only for a rule segment (409 `static_segment` otherwise).")


class Members(BaseModel):
    """A page of member ids; pass `next_cursor` as `cursor` for the next page."""

    items: list[str]
    next_cursor: str | None = None


class Upload(BaseModel):
    """What a CSV upload did: users added, users already members, and the rows refused."""

    added: int
    already_members: int
    errors: list[dict[str, int | str]] = Field(description="`{line, reason}` for each refused row")


@router.post("", status_code=201, response_model=Segment, responses=error_responses(401, 403, 422))
async def create_segment(
    body: JsonBody[SegmentIn], conn: Conn, segments: SegmentsDep, request: Request, _: Admin
) -> Segment:
    """Creates a segment; a rule segment is evaluated at once for every user Questline knows.

    A rule that time alone can change (`inactive_for`) also gets a durable clock that re-evaluates
    it whenever time flips someone's membership (at least hourly).
    """
    created = await segments.create(conn, body.name, body.rule)
    route_after_commit(request, created.changes)
    if (clock := created.clock) is not None:
        # Durable: recorded in this transaction, started after its commit (or by a relay after a crash).
        await start_after_commit(request, conn, clock.kind, clock.workflow_id, clock.segment_id)
    return created.segment


@router.get("", response_model=list[Segment], responses=error_responses(401, 403, 422))
async def list_segments(
    conn: Conn, segments: SegmentsDep, _: Admin, kind: Literal["rule", "static"] | None = None
) -> list[Segment]:
    """Every segment with its member count."""
    return await segments.list_segments(conn, kind)


@router.get("/{segment_id}", response_model=Segment, responses=error_responses(401, 403, 404))
async def get_segment(segment_id: str, conn: Conn, segments: SegmentsDep, _: Admin) -> Segment:
    """One segment with its member count."""
    return await segments.get(conn, segment_id)


@router.patch("/{segment_id}", response_model=Segment, responses=error_responses(401, 403, 404, 409, 422))
async def patch_segment(
    segment_id: str, body: JsonBody[SegmentPatch], conn: Conn, segments: SegmentsDep, request: Request, _: Admin
) -> Segment:
    """Renames a segment, or replaces a rule segment's rule: the new rule is evaluated at once for
    every user, and who enters or leaves is routed as on any change (trigger grants, on-entry
    broadcasts, eligibility). A rule that time alone can change gets its durable clock."""
    changed = await segments.change(conn, segment_id, name=body.name, rule=body.rule)
    route_after_commit(request, changed.changes)
    if (clock := changed.clock) is not None:
        await start_after_commit(request, conn, clock.kind, clock.workflow_id, clock.segment_id)
    return changed.segment


@router.get("/{segment_id}/members", response_model=Members, responses=error_responses(401, 403, 404, 422))
async def list_members(
    segment_id: str,
    conn: Conn,
    segments: SegmentsDep,
    _: Admin,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 1000,
    cursor: str | None = None,
) -> Members:
    """Member user ids in id order."""
    page = await segments.members(conn, segment_id, limit=limit, cursor=cursor)
    return Members(items=page.items, next_cursor=page.next_cursor)


@router.post(
    "/{segment_id}/members",
    response_model=Upload,
    responses=error_responses(400, 401, 403, 404, 409, 413, 415, 422),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "text/csv": {"schema": {"type": "string", "description": "a `user_id` column, one row a user"}}
            },
        }
    },
)
async def upload_members(segment_id: str, request: Request, conn: Conn, segments: SegmentsDep, _: Admin) -> Upload:
    """Adds the users of a CSV file to a static segment; bad rows are reported by line, the rest added."""

    async def read_csv() -> bytes:
        """The file, once the segment is known to take one: 415 for another media type, 413 too large."""
        if request.headers.get("content-type", "").split(";")[0].strip() not in ("text/csv", "text/plain"):
            raise ApiError(415, "unsupported_media_type", "send the file as text/csv")
        raw = await request.body()
        if len(raw) > MAX_CSV_BYTES:
            raise ApiError(413, "payload_too_large", f"a CSV upload may be at most {MAX_CSV_BYTES} bytes")
        return raw

    done = await segments.upload(conn, segment_id, read_csv)
    route_after_commit(request, done.changes)
    return Upload(added=done.added, already_members=done.already_members, errors=done.errors)

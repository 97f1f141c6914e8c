"""Admin routes for segments: rule-defined (evaluated) or static (filled by CSV upload)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from api.deps import Admin, Conn, ServicesDep, route_after_commit, start_after_commit
from api.errors import ApiError, error_responses
from api.schemas import Strict
from api.strict import JsonBody
from db import events as event_log
from db import segments as repo
from db.segments import Segment
from domain.errors import Conflict, Invalid
from domain.missions import Name
from domain.segments import SegmentRule, depends_on, parse_member_csv
from services import audience
from workflows.segment_clock import segment_clock_id

router = APIRouter(prefix="/v1/segments", tags=["segments"])

#: Largest CSV accepted in one upload.
MAX_CSV_BYTES = 10 * 1024 * 1024


class SegmentIn(Strict):
    """A segment: with a `rule` it is evaluated for every user; without one it is static."""

    name: Name
    rule: SegmentRule | None = None


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
    body: JsonBody[SegmentIn], conn: Conn, svc: ServicesDep, request: Request, _: Admin
) -> Segment:
    """Creates a segment; a rule segment is evaluated at once for every user Questline knows.

    A rule that time alone can change (`inactive_for`) also gets a durable clock that re-evaluates
    it whenever time flips someone's membership (at least hourly).
    """
    kind: Literal["rule", "static"] = "rule" if body.rule is not None else "static"
    rule_json = body.rule.model_dump(mode="json", exclude_none=True) if body.rule is not None else None
    segment = await repo.create(conn, name=body.name, kind=kind, rule=rule_json)
    if body.rule is not None:
        changes, _next = await audience.sweep_segment(conn, segment.id, body.rule, datetime.now(UTC))
        route_after_commit(request, changes)
        if "time" in depends_on(body.rule):
            await start_after_commit(request, conn, "segment_clock", segment_clock_id(segment.id), segment.id)
    return await repo.get(conn, segment.id)


@router.get("", response_model=list[Segment], responses=error_responses(401, 403, 422))
async def list_segments(conn: Conn, _: Admin, kind: Literal["rule", "static"] | None = None) -> list[Segment]:
    """Every segment with its member count."""
    return await repo.list_segments(conn, kind=kind)


@router.get("/{segment_id}", response_model=Segment, responses=error_responses(401, 403, 404))
async def get_segment(segment_id: str, conn: Conn, _: Admin) -> Segment:
    """One segment with its member count."""
    return await repo.get(conn, segment_id)


@router.get("/{segment_id}/members", response_model=Members, responses=error_responses(401, 403, 404, 422))
async def list_members(
    segment_id: str,
    conn: Conn,
    _: Admin,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 1000,
    cursor: str | None = None,
) -> Members:
    """Member user ids in id order."""
    await repo.get(conn, segment_id)
    page = await repo.members(conn, segment_id, limit=limit + 1, after=cursor)
    return Members(items=page[:limit], next_cursor=page[limit - 1] if len(page) > limit else None)


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
async def upload_members(segment_id: str, request: Request, conn: Conn, _: Admin) -> Upload:
    """Adds the users of a CSV file to a static segment; bad rows are reported by line, the rest added."""
    segment = await repo.get(conn, segment_id)
    if segment.kind != "static":
        raise Conflict("rule_segment", "a rule segment's members are computed; upload to a static segment")
    if request.headers.get("content-type", "").split(";")[0].strip() not in ("text/csv", "text/plain"):
        raise ApiError(415, "unsupported_media_type", "send the file as text/csv")
    raw = await request.body()
    if len(raw) > MAX_CSV_BYTES:
        raise ApiError(413, "payload_too_large", f"a CSV upload may be at most {MAX_CSV_BYTES} bytes")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Invalid("invalid_csv", "the file is not UTF-8 text", [{"line": 1, "reason": str(exc)}]) from exc
    user_ids, errors = parse_member_csv(text)
    entered = await repo.add_members(conn, segment_id, user_ids)
    now = datetime.now(UTC)
    changes = [audience.internal(audience.SEGMENT_ENTERED, u, now, segment_id=segment_id) for u in entered]
    await event_log.insert_new(conn, changes)
    route_after_commit(request, changes)
    return Upload(added=len(entered), already_members=len(user_ids) - len(entered), errors=errors)

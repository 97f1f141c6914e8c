"""Segments: rule-defined (evaluated for every user Questline knows) or static (filled by CSV upload).

Entering a segment is logged as Questline's own event (`questline.segment_entered`), which the
caller routes once committed: that is how a segment's trigger missions are granted and its
on-entry broadcasts delivered. A rule that time alone can change (`inactive_for`) gets a durable
clock (`workflows.segment_clock`) that re-evaluates it whenever time flips someone's membership.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from db import events as event_log
from db import segments as repo
from db.engine import Conn
from db.events import StoredEvent
from db.segments import Segment
from domain.errors import Conflict, Invalid, NotFound
from domain.internal_events import SEGMENT_ENTERED
from domain.segment_csv import parse_member_csv
from domain.segment_evaluation import depends_on
from domain.segment_rules import SegmentRule
from services import audience
from workflows.segment_clock import segment_clock_id

__all__ = ["ClockStart", "MemberPage", "Segment", "SegmentCreated", "Segments", "UploadResult", "require_segment"]

#: The durable start kind of a segment's clock (`services.starts`).
SEGMENT_CLOCK = "segment_clock"


async def require_segment(conn: Conn, segment_id: str, *, field: str = "segment_id") -> Segment:
    """The segment a request names in `field`; 422 `segment_not_found` naming the field otherwise."""
    try:
        return await repo.get(conn, segment_id)
    except NotFound as exc:
        raise Invalid("segment_not_found", exc.message, [{"field": field, "reason": "no such segment"}]) from exc


@dataclass(frozen=True)
class ClockStart:
    """A segment's clock, to start once the caller's transaction commits (`kind`, `workflow_id`, `segment_id`)."""

    workflow_id: str
    segment_id: str
    kind: str = SEGMENT_CLOCK


@dataclass(frozen=True)
class SegmentCreated:
    """A new segment, the entries its rule found (to route once committed), and its clock if any."""

    segment: Segment
    changes: list[StoredEvent]
    clock: ClockStart | None


@dataclass(frozen=True)
class MemberPage:
    """A page of member ids, and the cursor of the next page (None on the last)."""

    items: list[str]
    next_cursor: str | None


@dataclass(frozen=True)
class UploadResult:
    """What a CSV upload did: users added (and their entries, to route), users already members, rows refused."""

    added: int
    already_members: int
    errors: list[dict[str, int | str]]
    changes: list[StoredEvent]


class Segments:
    """Segments and their members, on the caller's transaction."""

    async def create(self, conn: Conn, name: str, rule: SegmentRule | None) -> SegmentCreated:
        """Creates a segment; a rule segment is evaluated at once for every user Questline knows."""
        kind: Literal["rule", "static"] = "rule" if rule is not None else "static"
        rule_json = rule.model_dump(mode="json", exclude_none=True) if rule is not None else None
        segment = await repo.create(conn, name=name, kind=kind, rule=rule_json)
        changes: list[StoredEvent] = []
        clock = None
        if rule is not None:
            changes, _next = await audience.sweep_segment(conn, segment.id, rule, datetime.now(UTC))
            if "time" in depends_on(rule):
                clock = ClockStart(workflow_id=segment_clock_id(segment.id), segment_id=segment.id)
        return SegmentCreated(segment=await repo.get(conn, segment.id), changes=changes, clock=clock)

    async def change(
        self, conn: Conn, segment_id: str, *, name: str | None = None, rule: SegmentRule | None = None
    ) -> SegmentCreated:
        """Renames a segment and/or replaces a rule segment's rule; a new rule is evaluated at once
        for every user (who enters and who leaves is logged for the caller to route), and one that
        time alone can change gets its clock. 409 `static_segment` for a rule on a static segment."""
        segment = await repo.get(conn, segment_id)
        if rule is not None and segment.kind != "rule":
            raise Conflict("static_segment", "a static segment has no rule; upload its members as CSV")
        values: dict[str, object] = {}
        if name is not None:
            values["name"] = name
        if rule is not None:
            values["rule"] = rule.model_dump(mode="json", exclude_none=True)
        await repo.update(conn, segment_id, values)
        changes: list[StoredEvent] = []
        clock = None
        if rule is not None:
            changes, _next = await audience.sweep_segment(conn, segment_id, rule, datetime.now(UTC))
            if "time" in depends_on(rule):
                clock = ClockStart(workflow_id=segment_clock_id(segment_id), segment_id=segment_id)
        return SegmentCreated(segment=await repo.get(conn, segment_id), changes=changes, clock=clock)

    async def list_segments(self, conn: Conn, kind: Literal["rule", "static"] | None = None) -> list[Segment]:
        """Every segment (of `kind`) with its member count."""
        return await repo.list_segments(conn, kind=kind)

    async def get(self, conn: Conn, segment_id: str) -> Segment:
        """One segment with its member count (404 when unknown)."""
        return await repo.get(conn, segment_id)

    async def members(self, conn: Conn, segment_id: str, *, limit: int, cursor: str | None) -> MemberPage:
        """A page of member ids in id order, after `cursor` (404 for an unknown segment)."""
        await repo.get(conn, segment_id)
        page = await repo.members(conn, segment_id, limit=limit + 1, after=cursor)
        return MemberPage(items=page[:limit], next_cursor=page[limit - 1] if len(page) > limit else None)

    async def upload(self, conn: Conn, segment_id: str, read: Callable[[], Awaitable[bytes]]) -> UploadResult:
        """Adds the users of a CSV file to a static segment; bad rows are reported by line, the rest added.

        `read` returns the file; it is called only once the segment is known to be static (404
        unknown, 409 `rule_segment`), so its own refusals (the caller's: media type, size) come after.
        """
        segment = await repo.get(conn, segment_id)
        if segment.kind != "static":
            raise Conflict("rule_segment", "a rule segment's members are computed; upload to a static segment")
        raw = await read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise Invalid("invalid_csv", "the file is not UTF-8 text", [{"line": 1, "reason": str(exc)}]) from exc
        user_ids, errors = parse_member_csv(text)
        entered = await repo.add_members(conn, segment_id, user_ids)
        now = datetime.now(UTC)
        changes = [audience.internal(SEGMENT_ENTERED, u, now, segment_id=segment_id) for u in entered]
        await event_log.insert_new(conn, changes)
        return UploadResult(
            added=len(entered), already_members=len(user_ids) - len(entered), errors=errors, changes=changes
        )

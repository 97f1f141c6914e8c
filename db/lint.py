"""What the mission lint reads (`services.lint`): the catalogue, the defined tiers and segments, and
how many events of given types the log received lately. Read only; inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

import sqlalchemy as sa

from db import missions as mission_repo
from db.engine import Conn
from db.tables import events, segments, tiers
from domain.errors import NotFound
from domain.missions import Mission, MissionStatus

#: The lint needs only whether a type was seen: counts stop here.
COUNT_CAP = 1000
_PAGE = 500


async def catalogue(conn: Conn, also: Collection[str] = ()) -> dict[str, Mission]:
    """The operator's draft and active missions by id, and the missions `also` names (any status,
    users' challenges included: the lint says why they cannot be prerequisites)."""
    found: dict[str, Mission] = {}
    for status in (MissionStatus.ACTIVE, MissionStatus.DRAFT):
        after: str | None = None
        while True:
            page = await mission_repo.list_missions(conn, status=status, owned=False, limit=_PAGE, after=after)
            found.update((m.id, m) for m in page)
            if len(page) < _PAGE:
                break
            after = page[-1].id
    for mission_id in sorted(set(also) - found.keys()):
        try:
            found[mission_id] = await mission_repo.get(conn, mission_id)
        except NotFound:
            continue
    return found


async def tier_names(conn: Conn) -> frozenset[str]:
    """The names of the defined tiers."""
    return frozenset((await conn.execute(sa.select(tiers.c.name))).scalars())


async def segment_ids(conn: Conn) -> frozenset[str]:
    """The ids of the defined segments."""
    return frozenset((await conn.execute(sa.select(segments.c.id))).scalars())


async def recent_event_counts(conn: Conn, types: Collection[str], since: datetime) -> dict[str, int]:
    """Per event type of `types`, how many events the log received since `since` (at most
    `COUNT_CAP`: each count stops there, so a busy type costs no more than a quiet one)."""
    counts: dict[str, int] = {}
    for event_type in sorted(set(types)):
        seen = (
            sa.select(sa.literal(1))
            .select_from(events)
            .where(events.c.type == event_type, events.c.received_at >= since)
            .limit(COUNT_CAP)
            .subquery()
        )
        counts[event_type] = int((await conn.execute(sa.select(sa.func.count()).select_from(seen))).scalar_one())
    return counts

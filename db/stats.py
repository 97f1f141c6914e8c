"""Statistics for the admin console, aggregated in PostgreSQL (never row by row in Python).

Every query takes a window `[start, end)` (timestamptz) and an IANA time zone for day buckets:
a timestamp falls on the calendar day it has in that zone (`date_trunc('day', ts AT TIME ZONE
zone)`), and every day of the window is in the answer, zero when nothing happened (a
`generate_series` of local days left-joined to the counts). `mission_id=None` is every mission.

Sources: completions are `completion_records` (one row per completion counted, in any cycle or
round); points are the `ledger` (the sum of granted points — never a stored balance); the funnel
reads the read model (`enrolments`), `submissions` and `mission_completions`; the review queue is
the pending `submissions`; social checks are the latest check each journey keeps in its read
model row (`enrolments.state -> 'verification'`, on missions whose goal is `social`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from db.engine import Conn

#: The local days of the window: from the day `start` falls on to the day of the last instant
#: before `end`, as `day` (a date).
_DAYS = """
days AS (
    SELECT d::date AS day
    FROM generate_series(
        (CAST(:start AS timestamptz) AT TIME ZONE :tz)::date::timestamp,
        ((CAST(:end AS timestamptz) - interval '1 microsecond') AT TIME ZONE :tz)::date::timestamp,
        interval '1 day'
    ) AS d
)"""

_PER_DAY = """
WITH {days},
per_day AS (
    SELECT date_trunc('day', {ts} AT TIME ZONE :tz)::date AS day, {value} AS value
    FROM {table}
    WHERE {ts} >= :start AND {ts} < :end{where}
    GROUP BY 1
)
SELECT days.day, COALESCE(per_day.value, 0) AS value
FROM days LEFT JOIN per_day ON per_day.day = days.day
ORDER BY days.day
"""


@dataclass(frozen=True)
class Window:
    """What every statistic is computed over: one mission or all, a window, the zone of its days."""

    mission_id: str | None
    start: datetime
    end: datetime
    timezone: str

    def params(self) -> dict[str, Any]:
        """Bind parameters of the queries below."""
        return {"mission_id": self.mission_id, "start": self.start, "end": self.end, "tz": self.timezone}


@dataclass(frozen=True)
class Funnel:
    """Journeys (user-mission pairs) at each step or a later one."""

    saw: int
    opted_in: int
    progressed: int
    completed: int


@dataclass(frozen=True)
class ReviewQueue:
    """The pending submissions now."""

    pending: int
    oldest_pending_at: datetime | None
    median_age_seconds: float | None


@dataclass(frozen=True)
class SocialCount:
    """How many journeys' latest check on `platform` ended (or runs) with `outcome`."""

    platform: str
    outcome: str
    count: int


def _mission_filter(window: Window, column: str = "mission_id") -> str:
    return f" AND {column} = :mission_id" if window.mission_id is not None else ""


async def _per_day(
    conn: Conn, window: Window, *, table: str, ts: str, value: str, where: str
) -> list[tuple[date, int]]:
    sql = _PER_DAY.format(days=_DAYS, table=table, ts=ts, value=value, where=where + _mission_filter(window))
    rows = await conn.execute(sa.text(sql), window.params())
    return [(row.day, int(row.value)) for row in rows]


async def completions_per_day(conn: Conn, window: Window) -> list[tuple[date, int]]:
    """Completions counted on each local day of the window (every day, zeros included)."""
    return await _per_day(conn, window, table="completion_records", ts="completed_at", value="count(*)", where="")


async def points_per_day(conn: Conn, window: Window) -> list[tuple[date, int]]:
    """Points the ledger granted on each local day of the window (every day, zeros included)."""
    return await _per_day(
        conn, window, table="ledger", ts="created_at", value="sum(points)", where=" AND kind = 'points'"
    )


_FUNNEL = """
WITH j AS (
    SELECT e.mission_id, e.user_id,
           (e.state ->> 'opted_in_at') IS NOT NULL
             OR COALESCE((m.spec ->> 'opt_in')::boolean, false) = false AS opted_in,
           COALESCE((e.state ->> 'progress')::numeric, 0) > 0
             OR e.completions > 0
             OR jsonb_typeof(e.state -> 'verification') = 'object'
             OR jsonb_typeof(e.state -> 'submission') = 'object' AS progressed
    FROM enrolments e JOIN missions m ON m.id = e.mission_id
    WHERE true{filter_e}
),
s AS (SELECT DISTINCT mission_id, user_id FROM submissions WHERE true{filter}),
c AS (SELECT mission_id, user_id FROM mission_completions WHERE completions > 0{filter}),
pairs AS (
    SELECT mission_id, user_id FROM j
    UNION SELECT mission_id, user_id FROM s
    UNION SELECT mission_id, user_id FROM c
),
steps AS (
    SELECT c.user_id IS NOT NULL AS completed,
           c.user_id IS NOT NULL OR s.user_id IS NOT NULL OR COALESCE(j.progressed, false) AS progressed,
           c.user_id IS NOT NULL OR s.user_id IS NOT NULL OR COALESCE(j.progressed OR j.opted_in, false) AS opted_in
    FROM pairs p
    LEFT JOIN j ON j.mission_id = p.mission_id AND j.user_id = p.user_id
    LEFT JOIN s ON s.mission_id = p.mission_id AND s.user_id = p.user_id
    LEFT JOIN c ON c.mission_id = p.mission_id AND c.user_id = p.user_id
)
SELECT count(*) AS saw,
       count(*) FILTER (WHERE opted_in) AS opted_in,
       count(*) FILTER (WHERE progressed) AS progressed,
       count(*) FILTER (WHERE completed) AS completed
FROM steps
"""


async def funnel(conn: Conn, window: Window) -> Funnel:
    """The funnel over every journey recorded so far (not bounded by the window: the read model
    keeps no time a journey began). Each step counts the journeys at it or at a later step:

    - saw: a journey exists (a read-model row, a submission or a completion);
    - opted_in: the journey recorded an opt-in, or the mission needs none;
    - progressed: progress above zero, a submitted proof, a social check asked for, or a completion;
    - completed: at least one completion (any cycle or round).
    """
    sql = _FUNNEL.format(filter_e=_mission_filter(window, "e.mission_id"), filter=_mission_filter(window))
    row = (await conn.execute(sa.text(sql), window.params())).one()
    return Funnel(saw=row.saw, opted_in=row.opted_in, progressed=row.progressed, completed=row.completed)


_REVIEW_QUEUE = """
SELECT count(*) AS pending,
       min(created_at) AS oldest,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM now() - created_at)) AS median_age
FROM submissions
WHERE status = 'pending'{filter}
"""


async def review_queue(conn: Conn, window: Window) -> ReviewQueue:
    """The submissions pending now (not bounded by the window), the oldest and their median age."""
    row = (await conn.execute(sa.text(_REVIEW_QUEUE.format(filter=_mission_filter(window))), window.params())).one()
    median = float(row.median_age) if row.median_age is not None else None
    return ReviewQueue(pending=row.pending, oldest_pending_at=row.oldest, median_age_seconds=median)


_SOCIAL = """
SELECT m.spec -> 'goal' ->> 'platform' AS platform,
       e.state -> 'verification' ->> 'status' AS outcome,
       count(*) AS n
FROM enrolments e JOIN missions m ON m.id = e.mission_id
WHERE m.spec -> 'goal' ->> 'kind' = 'social'
  AND jsonb_typeof(e.state -> 'verification') = 'object'
  AND (e.state -> 'verification' ->> 'requested_at')::timestamptz >= :start
  AND (e.state -> 'verification' ->> 'requested_at')::timestamptz < :end{filter}
GROUP BY 1, 2
ORDER BY 1, 2
"""


async def social_checks(conn: Conn, window: Window) -> list[SocialCount]:
    """The latest social check of each journey, asked for within the window, by platform and outcome.

    Only the latest check per journey is stored (an earlier attempt is replaced by the next one),
    so a journey counts once, with its latest outcome.
    """
    rows = await conn.execute(sa.text(_SOCIAL.format(filter=_mission_filter(window, "e.mission_id"))), window.params())
    return [SocialCount(platform=r.platform, outcome=r.outcome, count=r.n) for r in rows]

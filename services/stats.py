"""Statistics for the admin console: what the window is, which mission, and the answer's shape.

The figures themselves are aggregated in PostgreSQL (`db/stats.py`); this module holds the rules
of the request: `from`/`to` default to the last 30 days up to now, a date without a time is that
whole local day in `timezone` (`from` its first instant, `to` up to its end), a time without an
offset is read in `timezone`, the window is at most 366 days and never backwards, and an unknown
mission is 404 `mission_not_found`.
"""

from __future__ import annotations

import functools
import zoneinfo
from datetime import UTC, date, datetime, time, timedelta

from pydantic import BaseModel, ConfigDict, Field

from db import missions
from db import stats as repo
from db.engine import Conn
from domain.errors import Invalid

__all__ = ["DEFAULT_DAYS", "MAX_DAYS", "Stats", "StatsOut"]

#: The window when neither `from` nor `from`+`to` is given: this many days up to `to`.
DEFAULT_DAYS = 30
#: The longest window one request may ask for.
MAX_DAYS = 366


class DayCount(BaseModel):
    """Completions on one local day."""

    day: date = Field(description="The calendar day in the request's `timezone`.")
    count: int = Field(description="Completions counted that day (every cycle or round of a mission counts).")


class DayPoints(BaseModel):
    """Points granted on one local day."""

    day: date = Field(description="The calendar day in the request's `timezone`.")
    points: int = Field(description="Points the ledger granted that day (the sum of its `points` rows).")


class FunnelOut(BaseModel):
    """Journeys (user-mission pairs; for one mission, its users) at each step or a later one."""

    saw: int = Field(
        description="Journeys recorded: a read-model row, a submission or a completion. An approximation of "
        "who saw the mission: merely displaying a mission records nothing, so a user counts from their "
        "first event, opt-in, proof, check, grant or unlock."
    )
    opted_in: int = Field(
        description="Of those, journeys that opted in (or whose mission needs no opt-in), or got further."
    )
    progressed: int = Field(
        description="Of those, journeys with progress above zero, a submitted proof or a social check asked "
        "for, or a completion."
    )
    completed: int = Field(description="Of those, journeys completed at least once.")


class ReviewQueueOut(BaseModel):
    """The manual review queue as it is now (not bounded by the window)."""

    pending: int = Field(description="Submissions waiting for an admin's decision.")
    oldest_pending_at: datetime | None = Field(None, description="When the oldest pending proof was submitted.")
    median_age_seconds: float | None = Field(None, description="The median age of the pending proofs, in seconds.")


class SocialCheckCount(BaseModel):
    """Journeys whose latest social check, asked for within the window, had this outcome."""

    platform: str = Field(description="The mission goal's platform (x, discord, telegram, ...).")
    outcome: str = Field(
        description="`running`, `passed` (the mission completed), `failed` (not found or refused) or `review` "
        "(the platform could not answer: sent to the review queue)."
    )
    count: int = Field(description="Journeys with that latest outcome.")


class Totals(BaseModel):
    """The window's sums of the per-day series."""

    completions: int = Field(description="Completions in the window.")
    points: int = Field(description="Points granted in the window.")


class StatsOut(BaseModel):
    """Statistics of one mission or of all, over a window, in day buckets of a time zone."""

    model_config = ConfigDict(populate_by_name=True)

    mission_id: str | None = Field(description="The mission, or null for every mission.")
    from_: datetime = Field(alias="from", description="The window's first instant (inclusive).")
    to: datetime = Field(description="The window's end (exclusive).")
    timezone: str = Field(description="The IANA time zone of the day buckets.")
    totals: Totals
    completions_per_day: list[DayCount] = Field(description="Every day of the window, oldest first, zeros included.")
    points_per_day: list[DayPoints] = Field(description="Every day of the window, oldest first, zeros included.")
    funnel: FunnelOut
    review_queue: ReviewQueueOut
    social_checks: list[SocialCheckCount] = Field(
        description="By platform then outcome; only the latest check of each journey is stored."
    )


@functools.cache
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _bad(field: str, reason: str) -> Invalid:
    return Invalid("validation_error", f"{field}: {reason}", [{"field": field, "reason": reason, "type": "invalid"}])


def _parse(field: str, value: str, zone: zoneinfo.ZoneInfo, *, end: bool) -> datetime:
    """An ISO date (the local day: its start, or for `to` its end) or date-time (naive = local)."""
    text = value.strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            if end:
                day += timedelta(days=1)
            return datetime.combine(day, time(), tzinfo=zone)
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            if " " not in text:
                raise
            # An unencoded "+" of the offset arrives in a query string as a space.
            head, _, tail = text.rpartition(" ")
            parsed = datetime.fromisoformat(f"{head}+{tail}")
    except ValueError:
        raise _bad(field, "not an ISO 8601 date (2026-05-01) or date-time (2026-05-01T00:00:00+02:00)") from None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=zone)


def window_of(
    *, mission_id: str | None, from_: str | None, to: str | None, timezone: str, now: datetime
) -> repo.Window:
    """The window a request asks for; 422 naming `timezone`, `from` or `to` when it cannot be used."""
    if timezone not in _zones():
        raise _bad("timezone", f"unknown IANA time zone {timezone!r}")
    zone = zoneinfo.ZoneInfo(timezone)
    end = _parse("to", to, zone, end=True) if to else now
    start = _parse("from", from_, zone, end=False) if from_ else end - timedelta(days=DEFAULT_DAYS)
    if start >= end:
        raise _bad("from", "must be before to")
    if end - start > timedelta(days=MAX_DAYS):
        raise _bad("from", f"the window from..to may be at most {MAX_DAYS} days")
    return repo.Window(mission_id=mission_id, start=start.astimezone(UTC), end=end.astimezone(UTC), timezone=timezone)


class Stats:
    """The statistics of the admin console, on the caller's transaction."""

    async def get(
        self,
        conn: Conn,
        *,
        mission_id: str | None,
        from_: str | None,
        to: str | None,
        timezone: str,
        now: datetime | None = None,
    ) -> StatsOut:
        """Every figure of one mission (404 `mission_not_found` when unknown) or of all missions."""
        window = window_of(mission_id=mission_id, from_=from_, to=to, timezone=timezone, now=now or datetime.now(UTC))
        if mission_id is not None:
            await missions.get(conn, mission_id)
        completions = await repo.completions_per_day(conn, window)
        granted = await repo.points_per_day(conn, window)
        funnel = await repo.funnel(conn, window)
        queue = await repo.review_queue(conn, window)
        social = await repo.social_checks(conn, window)
        return StatsOut(
            mission_id=mission_id,
            from_=window.start,
            to=window.end,
            timezone=timezone,
            totals=Totals(completions=sum(n for _, n in completions), points=sum(p for _, p in granted)),
            completions_per_day=[DayCount(day=d, count=n) for d, n in completions],
            points_per_day=[DayPoints(day=d, points=p) for d, p in granted],
            funnel=FunnelOut(
                saw=funnel.saw, opted_in=funnel.opted_in, progressed=funnel.progressed, completed=funnel.completed
            ),
            review_queue=ReviewQueueOut(
                pending=queue.pending,
                oldest_pending_at=queue.oldest_pending_at,
                median_age_seconds=queue.median_age_seconds,
            ),
            social_checks=[SocialCheckCount(platform=s.platform, outcome=s.outcome, count=s.count) for s in social],
        )

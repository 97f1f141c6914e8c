"""The admin statistics route behind the console's statistics page (aggregated in SQL)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import Admin, Conn, StatsDep
from api.errors import error_responses
from services.stats import DEFAULT_DAYS, MAX_DAYS, StatsOut

router = APIRouter(prefix="/v1/stats", tags=["stats"])

DESCRIPTION = f"""Statistics of one mission (`mission_id`) or of every mission, aggregated in PostgreSQL.

**Window.** `from` (inclusive) and `to` (exclusive) are ISO 8601 dates or date-times; a date is
that whole day in `timezone` (`to=2026-05-31` includes the 31st), a date-time without an offset
is read in `timezone`. Defaults: `to` = now, `from` = {DEFAULT_DAYS} days before `to`. At most
{MAX_DAYS} days. Day buckets are calendar days in `timezone` (IANA, default `UTC`); every day of
the window is listed, zero when nothing happened.

**Figures.**
- `completions_per_day`: completions counted (one per completion, every cycle or round of a
  recurring mission), by the day they were counted.
- `points_per_day`: points granted, summed from the points ledger (not from balances).
- `funnel` (every journey recorded so far, not bounded by the window; for one mission each
  journey is one user, overall each user-mission pair counts once), each step counting the
  journeys at it or at a later step:
  - `saw`: a journey exists — a read-model row, a submission or a completion. **An
    approximation**: displaying a mission records nothing, so a user counts from their first
    matching event, opt-in, proof, social check, grant or unlock;
  - `opted_in`: the journey recorded an opt-in, or the mission needs none (`opt_in: false`);
  - `progressed`: progress above zero, a submitted proof, a social check asked for, or a completion;
  - `completed`: completed at least once.
- `review_queue`: the submissions pending now (not bounded by the window), when the oldest was
  submitted and their median age.
- `social_checks`: journeys whose latest social check was asked for within the window, by the
  goal's platform and the check's outcome (`running`, `passed`, `failed`, `review`). Only the latest
  check of each journey is stored, so earlier attempts of the same journey are not counted.

422 `validation_error` names `from`, `to` or `timezone` (unreadable, `from` not before `to`, a
window over {MAX_DAYS} days, an unknown zone); 404 `mission_not_found` for an unknown mission.
"""


@router.get(
    "",
    response_model=StatsOut,
    responses=error_responses(401, 403, 404, 422),
    summary="Statistics: completions and points per day, the funnel, the review queue, social checks",
    description=DESCRIPTION,
)
async def get_stats(
    conn: Conn,
    stats: StatsDep,
    _: Admin,
    mission_id: Annotated[str | None, Query(description="One mission; absent: every mission.")] = None,
    from_: Annotated[
        str | None,
        Query(
            alias="from",
            description=f"Start (inclusive), ISO date or date-time; default {DEFAULT_DAYS} days before `to`.",
        ),
    ] = None,
    to: Annotated[str | None, Query(description="End (exclusive; a date includes that day), default now.")] = None,
    timezone: Annotated[str, Query(description="IANA time zone of the day buckets.", max_length=64)] = "UTC",
) -> StatsOut:
    """Statistics of one mission or of all over a window."""
    return await stats.get(conn, mission_id=mission_id, from_=from_, to=to, timezone=timezone)

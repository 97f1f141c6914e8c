"""Leaderboards: what one is (points from the ledger, or one mission's completions, per period in a
time zone), where its periods start and reset, and how standings are ranked. Pure.

Ranking: by score, highest first; of equal scores, whoever reached the score first ranks higher.
Users with the same score reached at the same instant share a rank and the next rank is skipped
(standard competition ranking, "1224"); within a shared rank they are listed by user id.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from domain.errors import FieldInvalid
from domain.spec_base import Name

Kind = Literal["points", "completions"]
Period = Literal["day", "week", "month", "all"]
WeekStart = Literal["monday", "sunday"]
Status = Literal["active", "archived"]

#: The key of the all-time period (other periods' keys are the local date they start on).
ALL_TIME = "all"


def valid_zone(name: str) -> bool:
    """Whether `name` is an IANA time zone."""
    if name not in available_timezones() and name != "UTC":
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


class LeaderboardIn(BaseModel):
    """A leaderboard's definition."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Name
    kind: Kind = Field(
        "points", description="`points`: points earned (ledger); `completions`: completions of `mission_id`."
    )
    mission_id: str | None = Field(None, description="The mission whose completions count (kind `completions` only).")
    period: Period = Field(description="`day`, `week`, `month` or `all` (all time): when standings reset.")
    time_zone: str = Field("UTC", description="IANA time zone the periods start in (midnight local time).")
    week_starts: WeekStart = Field("monday", description="The day a `week` period resets on.")
    segment_id: str | None = Field(None, description="Only current members of this segment are ranked.")
    tier: str | None = Field(None, description="Only users whose current tier is this one are ranked.")

    @field_validator("time_zone")
    @classmethod
    def _zone(cls, value: str) -> str:
        if not valid_zone(value):
            raise FieldInvalid("time_zone", f"{value!r} is not an IANA time zone (e.g. Europe/Berlin)")
        return value

    @model_validator(mode="after")
    def _mission(self) -> LeaderboardIn:
        if self.kind == "completions" and not self.mission_id:
            raise FieldInvalid("mission_id", "a completions leaderboard needs the mission whose completions count")
        if self.kind == "points" and self.mission_id:
            raise FieldInvalid("mission_id", "only a completions leaderboard counts one mission")
        return self


def period_key(period: Period, zone: str, week_starts: WeekStart, at: datetime) -> str:
    """The key of the period `at` falls in (what the SQL function `leaderboard_period` computes)."""
    if period == "all":
        return ALL_TIME
    local = at.astimezone(ZoneInfo(zone)).date()
    return period_key_of_date(period, week_starts, local)


def period_key_of_date(period: Period, week_starts: WeekStart, day: date) -> str:
    """The key of the period a local date falls in."""
    if period == "all":
        return ALL_TIME
    if period == "day":
        start = day
    elif period == "month":
        start = day.replace(day=1)
    else:
        offset = day.weekday() if week_starts == "monday" else (day.weekday() + 1) % 7
        start = day - timedelta(days=offset)
    return start.isoformat()


def period_bounds(period: Period, zone: str, key: str) -> tuple[datetime | None, datetime | None]:
    """When the period `key` starts and resets (its end), None for all time."""
    if key == ALL_TIME:
        return None, None
    tz = ZoneInfo(zone)
    first = date.fromisoformat(key)
    if period == "day":
        after = first + timedelta(days=1)
    elif period == "week":
        after = first + timedelta(days=7)
    else:
        after = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return datetime.combine(first, time(0), tzinfo=tz), datetime.combine(after, time(0), tzinfo=tz)


def parse_period(period: Period, week_starts: WeekStart, value: str) -> str:
    """The period key `?period=` names: `all`, a period's start date, or any local date inside it."""
    if period == "all":
        if value not in (ALL_TIME, "current"):
            raise FieldInvalid("period", "an all-time leaderboard has one period: all")
        return ALL_TIME
    try:
        day = date.fromisoformat(value)
    except ValueError as exc:
        raise FieldInvalid("period", "give a date (YYYY-MM-DD) inside the period, or current") from exc
    return period_key_of_date(period, week_starts, day)


class Ranked(BaseModel):
    """A standing with its rank."""

    rank: int
    user_id: str
    score: int
    reached_at: datetime


def rank_run(rows: Sequence[tuple[str, int, datetime]], *, first_position: int, first_rank: int) -> list[Ranked]:
    """Ranks consecutive standings (in ranking order) starting at `first_position` whose first row
    has rank `first_rank`: a row ties the one before it only on the same score and instant."""
    out: list[Ranked] = []
    for i, (user_id, score, reached_at) in enumerate(rows):
        if i == 0:
            rank = first_rank
        elif (score, reached_at) == (out[-1].score, out[-1].reached_at):
            rank = out[-1].rank
        else:
            rank = first_position + i
        out.append(Ranked(rank=rank, user_id=user_id, score=score, reached_at=reached_at))
    return out

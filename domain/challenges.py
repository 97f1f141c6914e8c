"""User-created challenges (docs/missions.md §8): a personal streak, or a milestone, on an enabled
event type.

The operator's `ChallengeConfig` enables event types, fixes the reward and sets limits; a user's
`ChallengeIn` picks a target per period, the period and how many periods in a row (`kind`
`streak`), or a total to reach (`kind` `milestone`). A challenge runs as an ordinary mission
(`mission_spec_for`), so the same journey workflow, goal rules and projection serve missions and
challenges alike.

A target that names neither `count` nor `amount` (or no target at all) is a count of 2 (the
COUNT default of Capillary's challenges). A streak challenge without its own `timezone` counts
its days in its user's profile `time_zone` (`Streak.time_zone: "user"`), falling back to the
configuration's zone; it carries the configuration's `freezes`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator

from domain.errors import Conflict, FieldInvalid, Invalid
from domain.missions import _IANA_ZONES, EventGoal, Freezes, MissionSpec, MissionType, Streak
from domain.recurrence import Calendar, zone_of
from domain.rewards import Reward
from domain.spec_base import Name, Spec


def _known_zone(value: str) -> str:
    if value not in _IANA_ZONES:
        raise ValueError(f"unknown IANA time zone {value!r}")
    return value


TimeZone = Annotated[str, AfterValidator(_known_zone)]


class ChallengeConfig(Spec):
    """The operator's rules for user challenges: what may be challenged, the reward, the limits."""

    #: Event types users may build challenges on; none enabled means no challenges.
    event_types: list[Name] = Field(default_factory=list, max_length=500)
    #: Granted for each completed challenge (null: no reward). The user never chooses it.
    reward: Reward | None
    max_active_per_user: int = Field(10, ge=1, le=1000)
    #: Fewest and most consecutive periods a user may ask for.
    min_periods: int = Field(1, ge=1, le=366)
    max_periods: int = Field(365, ge=1, le=366)
    #: Smallest and largest per-period target a user may set, per kind of target (None: no limit).
    min_count: int = Field(1, ge=1, le=1_000_000)
    max_count: int | None = Field(None, ge=1, le=1_000_000)
    min_amount: Decimal | None = Field(None, gt=0, max_digits=20, decimal_places=6)
    max_amount: Decimal | None = Field(None, gt=0, max_digits=20, decimal_places=6)
    #: At most this many of a user's challenges are rewarded in one `reward_period` (a calendar
    #: day, or an ISO week from Monday, in `timezone`); a completion beyond it pays nothing.
    max_rewarded_per_period: int = Field(3, ge=1, le=10_000)
    reward_period: Literal["day", "week"] = "day"
    #: The time zone of a challenge whose user gives none, and of `reward_period`.
    timezone: TimeZone = "UTC"
    #: Freezes every streak challenge carries (null: none): each covers one missed period.
    freezes: Freezes | None = None

    @field_validator("event_types")
    @classmethod
    def _unique(cls, event_types: list[str]) -> list[str]:
        if len(set(event_types)) != len(event_types):
            raise ValueError("event types must be unique")
        return event_types

    @model_validator(mode="after")
    def _minima_within_maxima(self) -> ChallengeConfig:
        if self.min_periods > self.max_periods:
            raise FieldInvalid("min_periods", f"must not exceed max_periods ({self.max_periods})")
        if self.max_count is not None and self.min_count > self.max_count:
            raise FieldInvalid("min_count", f"must not exceed max_count ({self.max_count})")
        if self.min_amount is not None and self.max_amount is not None and self.min_amount > self.max_amount:
            raise FieldInvalid("min_amount", f"must not exceed max_amount ({_plain(self.max_amount)})")
        return self


#: The count a target without `count` or `amount` asks for (Capillary's COUNT default).
DEFAULT_COUNT = 2


class ChallengeTarget(Spec):
    """The per-period goal (a milestone's: the total): a number of events, or an amount of their
    values; neither given means a count of 2."""

    count: int | None = Field(None, ge=1, le=1_000_000)
    amount: Decimal | None = Field(None, gt=0, max_digits=20, decimal_places=6)

    @model_validator(mode="before")
    @classmethod
    def _default_count(cls, data: object) -> object:
        if isinstance(data, dict) and data.get("count") is None and data.get("amount") is None:
            return {**data, "count": DEFAULT_COUNT}
        return data

    @model_validator(mode="after")
    def _exactly_one(self) -> ChallengeTarget:
        if self.count is not None and self.amount is not None:
            raise FieldInvalid("amount", "count and amount exclude each other")
        return self


class ChallengeIn(Spec):
    """A challenge as a user creates it (the body of `POST /v1/users/{user_id}/challenges`)."""

    name: Name
    event_type: Name
    #: `streak`: the target met in `periods` consecutive periods; `milestone`: a total to reach.
    kind: Literal["streak", "milestone"] = "streak"
    target: ChallengeTarget = Field(default_factory=lambda: ChallengeTarget(count=DEFAULT_COUNT))
    period: Literal["day", "week"] | None = None
    periods: int | None = Field(None, ge=1, le=366)
    #: A fixed IANA time zone for the challenge's days and weeks (default: the user's profile
    #: `time_zone`, else the configuration's).
    timezone: TimeZone | None = None

    @model_validator(mode="after")
    def _periods_for_streaks(self) -> ChallengeIn:
        if self.kind == "streak":
            if self.period is None:
                raise FieldInvalid("period", "a streak challenge needs a period (day or week)")
            if self.periods is None:
                raise FieldInvalid("periods", "a streak challenge needs a number of periods")
        elif self.period is not None or self.periods is not None:
            field = "period" if self.period is not None else "periods"
            raise FieldInvalid(field, "a milestone challenge counts a total: it has no period")
        return self


def _problems(config: ChallengeConfig, challenge: ChallengeIn) -> list[dict[str, str]]:
    problems = []
    if challenge.event_type not in config.event_types:
        problems.append({"field": "event_type", "reason": f"challenges on {challenge.event_type!r} are not enabled"})
    if challenge.periods is not None and challenge.periods > config.max_periods:
        problems.append({"field": "periods", "reason": f"at most {config.max_periods} periods"})
    if challenge.periods is not None and challenge.periods < config.min_periods:
        problems.append({"field": "periods", "reason": f"at least {config.min_periods} periods"})
    count, amount = challenge.target.count, challenge.target.amount
    if count is not None and config.max_count is not None and count > config.max_count:
        problems.append({"field": "target.count", "reason": f"at most {config.max_count}"})
    if count is not None and count < config.min_count:
        problems.append({"field": "target.count", "reason": f"at least {config.min_count}"})
    if amount is not None and config.max_amount is not None and amount > config.max_amount:
        problems.append({"field": "target.amount", "reason": f"at most {_plain(config.max_amount)}"})
    if amount is not None and config.min_amount is not None and amount < config.min_amount:
        problems.append({"field": "target.amount", "reason": f"at least {_plain(config.min_amount)}"})
    return problems


def check_allowed(config: ChallengeConfig, challenge: ChallengeIn) -> None:
    """Raises `Invalid("challenge_not_allowed")`, one detail per offending field, when the
    operator's configuration refuses the challenge (event type not enabled, over a limit)."""
    problems = _problems(config, challenge)
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise Invalid("challenge_not_allowed", f"{first['field']}: {first['reason']}{more}", problems)


def check_capacity(config: ChallengeConfig, active: int) -> None:
    """Raises `Conflict("too_many_challenges")` when a user with `active` challenges may not add one."""
    if active >= config.max_active_per_user:
        raise Conflict(
            "too_many_challenges",
            f"at most {config.max_active_per_user} active challenges; finish or leave one first",
            {"active": active, "max_active_per_user": config.max_active_per_user},
        )


def check_not_stacked(challenge: ChallengeIn, running: Mapping[str, str]) -> None:
    """Raises `Conflict("challenge_already_running")` when the user already runs a challenge on
    the challenge's event type; `running` maps each event type of the user's running challenges
    to that challenge's id. One running challenge per type: one event completes at most one."""
    existing = running.get(challenge.event_type)
    if existing is not None:
        raise Conflict(
            "challenge_already_running",
            f"a challenge on {challenge.event_type!r} is already running ({existing}); one running challenge "
            "per event type: finish or leave it first",
            {"event_type": challenge.event_type, "challenge_id": existing},
        )


def reward_period_of(config: ChallengeConfig, at: datetime) -> tuple[datetime, datetime]:
    """The `reward_period` holding instant `at`: its start and the next one's (UTC), a local
    calendar day or ISO week (from Monday) of the configuration's time zone."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("at must be time-zone aware")
    zone = zone_of(config.timezone)
    cal = Calendar("day", zone) if config.reward_period == "day" else Calendar("week", zone, weekdays=(0,))
    k = cal.latest(at)
    return cal.reset(k), cal.reset(k + 1)


def may_reward(config: ChallengeConfig, rewarded: int) -> bool:
    """Whether one more challenge may be rewarded to a user already rewarded `rewarded` times in
    the current reward period."""
    return rewarded < config.max_rewarded_per_period


def mission_spec_for(challenge: ChallengeIn, config: ChallengeConfig, now: datetime) -> MissionSpec:
    """The mission a challenge runs as: generally available from `now`, an event goal with the
    user's streak, the user's name for it, and the configuration's reward (never the user's).

    Refuses (`check_allowed`) a challenge the configuration does not allow.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be time-zone aware")
    check_allowed(config, challenge)
    target = challenge.target
    streak = None
    if challenge.kind == "streak":
        assert challenge.period is not None and challenge.periods is not None
        streak = Streak(
            period=challenge.period,
            periods=challenge.periods,
            freezes=config.freezes,
            # Without a zone of its own, the challenge's days are its user's (profile `time_zone`).
            time_zone="mission" if challenge.timezone is not None else "user",
        )
    goal = EventGoal(
        kind="event", event_type=challenge.event_type, count=target.count, amount_min=target.amount, streak=streak
    )
    return MissionSpec(
        name=challenge.name,
        description=describe(challenge),
        type=MissionType.GENERALLY_AVAILABLE,
        start_at=now,
        timezone=challenge.timezone or config.timezone,
        goal=goal,
        reward=config.reward,
    )


def describe(challenge: ChallengeIn) -> str:
    """One sentence saying what the challenge asks, e.g. "8 deposit events a day, 7 days in a row"
    (a milestone: "10 walk events in total")."""
    unit = challenge.period
    if challenge.target.count is not None:
        n = challenge.target.count
        what = f"{n} {challenge.event_type} event{'s' if n != 1 else ''}"
    else:
        assert challenge.target.amount is not None
        what = f"{_plain(challenge.target.amount)} in {challenge.event_type} events"
    if unit is None or challenge.periods is None:
        return f"{what} in total"
    span = f"{challenge.periods} {unit}s in a row" if challenge.periods > 1 else f"for one {unit}"
    return f"{what} a {unit}, {span}"


def _plain(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros (`100`, `2.5`)."""
    return format(value.normalize(), "f")

"""User-created challenges (docs/missions.md §8): validation of the operator's configuration
and of a user's challenge, what the configuration allows, and the mission a challenge runs as."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from domain.challenges import (
    ChallengeConfig,
    ChallengeIn,
    check_allowed,
    check_capacity,
    check_not_stacked,
    describe,
    may_reward,
    mission_spec_for,
    reward_period_of,
)
from domain.errors import Conflict, FieldInvalid, Invalid
from domain.missions import EventGoal, Freezes, MissionSpec, MissionType, Streak
from domain.rewards import Reward
from domain.streaks import StreakState, apply, is_complete

NOW = datetime(2030, 4, 15, 9, 30, tzinfo=UTC)
CONFIG = ChallengeConfig(event_types=["deposit", "workout"], reward=Reward(points=50))


def challenge(**fields: Any) -> ChallengeIn:
    body: dict[str, Any] = {
        "name": "Deposit streak",
        "event_type": "deposit",
        "target": {"count": 8},
        "period": "day",
        "periods": 7,
    }
    for key, value in fields.items():
        if value is ...:
            body.pop(key)
        else:
            body[key] = value
    return ChallengeIn.model_validate(body)


def where(error: Any) -> tuple[Any, ...]:
    """pydantic's location plus the field a `FieldInvalid` names (as the API reports it)."""
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, FieldInvalid) and cause.field:
        return (*error["loc"], cause.field)
    return tuple(error["loc"])


def rejected(model: type[ChallengeIn] | type[ChallengeConfig], body: dict[str, Any]) -> list[tuple[Any, ...]]:
    with pytest.raises(ValidationError) as info:
        model.model_validate(body)
    return [where(e) for e in info.value.errors()]


# --- ChallengeIn -------------------------------------------------------------------------------------


def test_a_count_challenge_is_accepted() -> None:
    c = challenge()
    assert (c.name, c.event_type, c.target.count, c.target.amount, c.period, c.periods) == (
        "Deposit streak",
        "deposit",
        8,
        None,
        "day",
        7,
    )
    assert c.timezone is None


def test_an_amount_challenge_is_accepted() -> None:
    c = challenge(target={"amount": "250.5"}, period="week", periods=4, timezone="Europe/Berlin")
    assert c.target.amount == Decimal("250.5") and c.target.count is None and c.timezone == "Europe/Berlin"


BASE = {"name": "x", "event_type": "deposit", "target": {"count": 1}, "period": "day", "periods": 1}


@pytest.mark.parametrize(
    ("fields", "loc"),
    [
        pytest.param({"target": {"count": 2, "amount": 5}}, ("target", "amount"), id="count-and-amount"),
        pytest.param({"target": {"count": 0}}, ("target", "count"), id="zero-count"),
        pytest.param({"target": {"amount": "-1"}}, ("target", "amount"), id="negative-amount"),
        pytest.param({"target": {"amount": "0"}}, ("target", "amount"), id="zero-amount"),
        pytest.param({"target": {"count": 1, "points": 5}}, ("target", "points"), id="unknown-target-field"),
        pytest.param({"periods": 0}, ("periods",), id="zero-periods"),
        pytest.param({"periods": 367}, ("periods",), id="too-many-periods"),
        pytest.param({"period": "month"}, ("period",), id="month-period"),
        pytest.param({"name": "  "}, ("name",), id="blank-name"),
        pytest.param({"name": "x" * 201}, ("name",), id="long-name"),
        pytest.param({"event_type": ""}, ("event_type",), id="empty-event-type"),
        pytest.param({"timezone": "Mars/Olympus"}, ("timezone",), id="unknown-zone"),
        pytest.param({"reward": {"points": 1_000_000}}, ("reward",), id="user-chosen-reward"),
    ],
)
def test_challenge_fields_are_validated_and_named(fields: dict[str, Any], loc: tuple[Any, ...]) -> None:
    assert rejected(ChallengeIn, {**BASE, **fields}) == [loc]


@pytest.mark.parametrize("missing", ["name", "event_type", "period", "periods"])
def test_challenge_required_fields(missing: str) -> None:
    body = dict(BASE)
    body.pop(missing)
    assert rejected(ChallengeIn, body) == [(missing,)]


def test_a_challenge_is_immutable() -> None:
    c = challenge()
    with pytest.raises(ValidationError):
        c.periods = 3  # type: ignore[misc]


# --- ChallengeConfig -------------------------------------------------------------------------------


def test_config_defaults() -> None:
    config = ChallengeConfig(reward=None)
    assert config.event_types == [] and config.reward is None
    assert (config.max_active_per_user, config.max_periods, config.max_count, config.max_amount) == (
        10,
        365,
        None,
        None,
    )
    assert config.timezone == "UTC"
    # The farming limits (issue 13.3): minima that change nothing, a cap that holds anyway.
    assert (config.min_count, config.min_amount, config.min_periods) == (1, None, 1)
    assert (config.max_rewarded_per_period, config.reward_period) == (3, "day")


def test_a_configuration_stored_before_the_farming_limits_still_loads() -> None:
    stored = {"event_types": ["walk"], "reward": {"points": 25}, "max_active_per_user": 3, "max_periods": 30}
    config = ChallengeConfig.model_validate(stored)
    assert (config.max_active_per_user, config.max_periods, config.min_periods) == (3, 30, 1)
    assert config.max_rewarded_per_period == 3


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        pytest.param({}, ("reward",), id="reward-must-be-stated"),
        pytest.param({"reward": {}}, ("reward",), id="empty-reward"),
        pytest.param({"reward": None, "event_types": ["a", "a"]}, ("event_types",), id="duplicate-event-types"),
        pytest.param({"reward": None, "max_active_per_user": 0}, ("max_active_per_user",), id="zero-active"),
        pytest.param({"reward": None, "max_periods": 400}, ("max_periods",), id="periods-over-366"),
        pytest.param({"reward": None, "max_amount": "0"}, ("max_amount",), id="zero-max-amount"),
        pytest.param({"reward": None, "timezone": "Nowhere"}, ("timezone",), id="unknown-zone"),
        pytest.param({"reward": None, "surprise": 1}, ("surprise",), id="unknown-field"),
        pytest.param({"reward": None, "min_count": 0}, ("min_count",), id="zero-min-count"),
        pytest.param({"reward": None, "min_periods": 0}, ("min_periods",), id="zero-min-periods"),
        pytest.param({"reward": None, "min_amount": "0"}, ("min_amount",), id="zero-min-amount"),
        pytest.param({"reward": None, "max_count": 4, "min_count": 5}, ("min_count",), id="min-over-max-count"),
        pytest.param(
            {"reward": None, "max_periods": 9, "min_periods": 10}, ("min_periods",), id="min-over-max-periods"
        ),
        pytest.param(
            {"reward": None, "max_amount": "9", "min_amount": "9.5"}, ("min_amount",), id="min-over-max-amount"
        ),
        pytest.param({"reward": None, "max_rewarded_per_period": 0}, ("max_rewarded_per_period",), id="zero-rewarded"),
        pytest.param({"reward": None, "reward_period": "month"}, ("reward_period",), id="month-reward-period"),
    ],
)
def test_config_fields_are_validated(body: dict[str, Any], loc: tuple[Any, ...]) -> None:
    assert rejected(ChallengeConfig, body) == [loc]


# --- check_allowed / check_capacity ------------------------------------------------------------------


def test_an_enabled_event_type_within_limits_is_allowed() -> None:
    check_allowed(CONFIG, challenge())
    check_allowed(CONFIG, challenge(event_type="workout", periods=365))


def test_an_event_type_not_enabled_is_refused_naming_the_field() -> None:
    with pytest.raises(Invalid) as info:
        check_allowed(CONFIG, challenge(event_type="withdrawal"))
    assert info.value.code == "challenge_not_allowed"
    assert [d["field"] for d in info.value.details] == ["event_type"]
    assert "withdrawal" in info.value.message


def test_nothing_is_allowed_when_no_event_type_is_enabled() -> None:
    with pytest.raises(Invalid):
        check_allowed(ChallengeConfig(reward=None), challenge())


def test_limits_of_the_config_are_refused_each_naming_its_field() -> None:
    config = ChallengeConfig(
        event_types=["deposit"], reward=None, max_periods=30, max_count=10, max_amount=Decimal(500)
    )
    check_allowed(config, challenge(periods=30, target={"count": 10}))
    check_allowed(config, challenge(target={"amount": 500}, periods=1))
    with pytest.raises(Invalid) as info:
        check_allowed(config, challenge(event_type="workout", periods=31, target={"count": 11}))
    assert [d["field"] for d in info.value.details] == ["event_type", "periods", "target.count"]
    assert info.value.message.endswith("(and 2 more)")
    with pytest.raises(Invalid) as info:
        check_allowed(config, challenge(target={"amount": "500.01"}))
    assert info.value.details == [{"field": "target.amount", "reason": "at most 500"}]


def test_minima_of_the_config_are_refused_each_naming_its_field() -> None:
    config = ChallengeConfig(
        event_types=["deposit"], reward=None, min_periods=3, min_count=5, min_amount=Decimal("12.5")
    )
    check_allowed(config, challenge(periods=3, target={"count": 5}))
    check_allowed(config, challenge(periods=3, target={"amount": "12.5"}))
    with pytest.raises(Invalid) as info:
        check_allowed(config, challenge(periods=1, target={"count": 1}))
    assert info.value.details == [
        {"field": "periods", "reason": "at least 3 periods"},
        {"field": "target.count", "reason": "at least 5"},
    ]
    with pytest.raises(Invalid) as info:
        check_allowed(config, challenge(periods=3, target={"amount": "12.49"}))
    assert info.value.details == [{"field": "target.amount", "reason": "at least 12.5"}]


def test_one_running_challenge_per_event_type() -> None:
    check_not_stacked(challenge(), {})
    check_not_stacked(challenge(), {"workout": "mis_1"})
    for other in (
        challenge(),
        challenge(target={"amount": 3}),
        challenge(period="week"),
        challenge(timezone="Asia/Tokyo"),
    ):
        with pytest.raises(Conflict) as info:
            check_not_stacked(other, {"deposit": "mis_2"})
        assert info.value.code == "challenge_already_running"
        assert info.value.details == {"event_type": "deposit", "challenge_id": "mis_2"}


def test_the_reward_period_is_a_local_day_or_iso_week_of_the_configs_zone() -> None:
    berlin = ChallengeConfig(reward=None, timezone="Europe/Berlin")
    # 2030-04-15 is a Monday; Berlin is at UTC+2 in April.
    assert reward_period_of(berlin, NOW) == (
        datetime(2030, 4, 14, 22, tzinfo=UTC),
        datetime(2030, 4, 15, 22, tzinfo=UTC),
    )
    weekly = berlin.model_copy(update={"reward_period": "week"})
    assert reward_period_of(weekly, NOW + timedelta(days=3)) == (
        datetime(2030, 4, 14, 22, tzinfo=UTC),
        datetime(2030, 4, 21, 22, tzinfo=UTC),
    )
    # The day clocks go back (2030-10-27 in Berlin) is 25 hours long.
    start, end = reward_period_of(berlin, datetime(2030, 10, 27, 12, tzinfo=UTC))
    assert end - start == timedelta(hours=25)
    with pytest.raises(ValueError):
        reward_period_of(berlin, datetime(2030, 4, 15, 9, 30))


def test_rewards_stop_at_max_rewarded_per_period() -> None:
    config = ChallengeConfig(reward=None, max_rewarded_per_period=2)
    assert may_reward(config, 0) and may_reward(config, 1)
    assert not may_reward(config, 2) and not may_reward(config, 5)


def test_the_default_limit_is_365_periods() -> None:
    with pytest.raises(Invalid) as info:
        check_allowed(CONFIG, challenge(periods=366))
    assert info.value.details == [{"field": "periods", "reason": "at most 365 periods"}]


def test_capacity_is_max_active_per_user() -> None:
    check_capacity(CONFIG, 9)
    with pytest.raises(Conflict) as info:
        check_capacity(CONFIG, 10)
    assert info.value.code == "too_many_challenges"
    assert info.value.details == {"active": 10, "max_active_per_user": 10}
    check_capacity(ChallengeConfig(reward=None, max_active_per_user=1), 0)


# --- mission_spec_for ----------------------------------------------------------------------------------


def test_the_mission_of_a_count_challenge() -> None:
    spec = mission_spec_for(challenge(), CONFIG, NOW)
    assert spec.name == "Deposit streak"
    assert spec.type is MissionType.GENERALLY_AVAILABLE
    # Without a zone of its own, the challenge counts its days in its user's profile zone.
    streak = Streak(period="day", periods=7, time_zone="user")
    assert spec.goal == EventGoal(kind="event", event_type="deposit", count=8, streak=streak)
    assert spec.reward == Reward(points=50)
    assert spec.start_at == NOW and spec.end_at is None and spec.time_to_complete is None
    assert spec.timezone == "UTC" and spec.opt_in is False
    assert spec.description == "8 deposit events a day, 7 days in a row"


def test_the_mission_of_an_amount_challenge_in_the_users_zone() -> None:
    c = challenge(target={"amount": "100.50"}, period="week", periods=4, timezone="Asia/Tokyo")
    spec = mission_spec_for(c, CONFIG, NOW)
    assert isinstance(spec.goal, EventGoal)
    assert (spec.goal.count, spec.goal.amount_min, spec.goal.amount_max) == (None, Decimal("100.50"), None)
    assert spec.goal.streak == Streak(period="week", periods=4)
    assert spec.timezone == "Asia/Tokyo"
    assert spec.description == "100.5 in deposit events a week, 4 weeks in a row"


def test_the_reward_always_comes_from_the_config() -> None:
    for reward in (Reward(item="mug"), Reward(direct="Gift card"), None):
        config = CONFIG.model_copy(update={"reward": reward})
        assert mission_spec_for(challenge(), config, NOW).reward == reward


def test_the_zone_defaults_to_the_configs() -> None:
    config = CONFIG.model_copy(update={"timezone": "Europe/Berlin"})
    assert mission_spec_for(challenge(), config, NOW).timezone == "Europe/Berlin"
    assert mission_spec_for(challenge(timezone="UTC"), config, NOW).timezone == "UTC"


def test_a_challenge_the_config_refuses_gets_no_mission() -> None:
    with pytest.raises(Invalid):
        mission_spec_for(challenge(event_type="withdrawal"), CONFIG, NOW)


def test_a_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        mission_spec_for(challenge(), CONFIG, datetime(2030, 4, 15))


def test_the_spec_is_a_valid_mission_body() -> None:
    """What the API, the database and the workflows exchange: it survives a JSON round trip."""
    spec = mission_spec_for(challenge(target={"amount": "7.25"}, period="week", periods=2), CONFIG, NOW)
    assert MissionSpec.model_validate_json(spec.model_dump_json()) == spec
    assert MissionSpec.model_validate(spec.model_dump(mode="json")) == spec


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        ({"target": {"count": 1}, "periods": 1}, "1 deposit event a day, for one day"),
        ({"target": {"count": 3}, "period": "week", "periods": 2}, "3 deposit events a week, 2 weeks in a row"),
        ({"target": {"amount": "1E+3"}}, "1000 in deposit events a day, 7 days in a row"),
    ],
)
def test_describe(fields: dict[str, Any], text: str) -> None:
    assert describe(challenge(**fields)) == text


def test_a_challenge_mission_completes_through_the_streak_rules() -> None:
    spec = mission_spec_for(challenge(target={"count": 2}, periods=3, timezone="Europe/Berlin"), CONFIG, NOW)
    assert isinstance(spec.goal, EventGoal)
    state = StreakState()
    for day in range(3):
        for minute in (0, 1):
            moment = datetime.combine(date(2030, 4, 16) + timedelta(days=day), datetime.min.time(), UTC)
            state = apply(state, spec.goal, spec.timezone, moment + timedelta(hours=10, minutes=minute), None)
    assert is_complete(state, spec.goal)


def test_a_target_without_count_or_amount_counts_two_events() -> None:
    assert challenge(target={}).target.count == 2
    body = {k: v for k, v in BASE.items() if k != "target"}
    assert ChallengeIn.model_validate(body).target.count == 2


def test_a_milestone_challenge_is_a_total_without_periods() -> None:
    c = ChallengeIn.model_validate(
        {"name": "Ten walks", "event_type": "deposit", "kind": "milestone", "target": {"count": 10}}
    )
    spec = mission_spec_for(c, CONFIG, NOW)
    assert isinstance(spec.goal, EventGoal) and spec.goal.streak is None and spec.goal.count == 10
    assert spec.description == "10 deposit events in total"
    assert rejected(ChallengeIn, {**BASE, "kind": "milestone"}) == [("period",)]


def test_streak_challenges_carry_the_configurations_freezes() -> None:
    config = CONFIG.model_copy(update={"freezes": Freezes(earn_every=3, max=1)})
    spec = mission_spec_for(challenge(), config, NOW)
    assert isinstance(spec.goal, EventGoal) and spec.goal.streak is not None
    assert spec.goal.streak.freezes == Freezes(earn_every=3, max=1)

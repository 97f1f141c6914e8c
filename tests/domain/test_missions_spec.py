"""Mission definitions: every validation rule of `MissionSpec` and its parts, the §1 status
transitions and the RFC 7396 merge patch used to edit specs."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from domain.errors import Conflict, FieldInvalid, Invalid, NotFound
from domain.mission_lifecycle import check_active_patch, check_delete_confirmed, check_survey_lock, transition
from domain.missions import EventGoal, ManualGoal, MissionSpec, MissionStatus, MissionType, Recurrence, SocialGoal

S = datetime(2030, 1, 1, tzinfo=UTC)
E = datetime(2030, 2, 1, tzinfo=UTC)

BASE: dict[str, Any] = {
    "name": "Buy three things",
    "type": "generally_available",
    "goal": {"kind": "event", "event_type": "purchase", "count": 3},
}
EVENT = {"kind": "event", "event_type": "purchase", "count": 3}
MANUAL = {"kind": "manual", "proof": ["link"]}
SOCIAL = {"kind": "social", "platform": "x", "action": "follow", "target": "@questline"}


def body(**fields: Any) -> dict[str, Any]:
    """BASE with top-level fields replaced (a value of `...` removes the field)."""
    out = copy.deepcopy(BASE)
    for key, value in fields.items():
        if value is ...:
            out.pop(key, None)
        else:
            out[key] = value
    return out


def goal(base: dict[str, Any] = EVENT, **fields: Any) -> dict[str, Any]:
    """A goal dict from `base` with fields replaced (`...` removes)."""
    out = copy.deepcopy(base)
    for key, value in fields.items():
        if value is ...:
            out.pop(key, None)
        else:
            out[key] = value
    return out


def valid(**fields: Any) -> MissionSpec:
    return MissionSpec.model_validate(body(**fields))


def errors_of(**fields: Any) -> list[dict[str, Any]]:
    with pytest.raises(ValidationError) as info:
        MissionSpec.model_validate(body(**fields))
    return info.value.errors()


def where(error: dict[str, Any]) -> tuple[Any, ...]:
    """The field an error names: pydantic's location, plus the field a cross-field validator
    names with `FieldInvalid` (pydantic can only locate a model validator's error at the model)."""
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, FieldInvalid) and cause.field:
        return (*error["loc"], cause.field)
    return tuple(error["loc"])


def assert_rejected(fields: dict[str, Any], loc: tuple[Any, ...], fragment: str) -> None:
    """Exactly one error, naming the field `loc`, whose type or message mentions `fragment`."""
    errors = errors_of(**fields)
    assert len(errors) == 1, errors
    (error,) = errors
    assert where(error) == loc, error
    assert fragment in error["msg"] or fragment == error["type"], error


# --- accepted specs ----------------------------------------------------------------------------


def test_minimal_spec_gets_the_documented_defaults() -> None:
    spec = valid()
    assert spec.type is MissionType.GENERALLY_AVAILABLE
    assert spec.opt_in is False
    assert spec.timezone == "UTC"
    assert spec.start_at is spec.end_at is spec.time_to_complete is None
    assert spec.reward is None  # "or none" (§6)
    assert spec.event_type == "purchase"
    assert spec.goal.tag_match == "any"


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"type": "generally_available", "time_to_complete": "P7D"}, id="generally_available"),
        pytest.param({"type": "locked", "unlock": {"after_missions": ["m0"], "min_tier": "gold"}}, id="locked"),
        pytest.param({"type": "locked"}, id="locked-without-unlock-block"),
        pytest.param({"type": "featured", "trigger": {"segment": "whales"}}, id="featured"),
        pytest.param({"type": "recurring", "recurrence": {"every": "day"}, "time_to_complete": 3600}, id="recurring"),
        pytest.param({"type": "recurring_on_completion", "max_completions": 5}, id="recurring_on_completion"),
        pytest.param({"type": "recurring_on_completion"}, id="recurring_on_completion-unlimited"),
    ],
)
def test_each_type_accepts_its_own_fields(fields: dict[str, Any]) -> None:
    assert valid(**fields).type == fields["type"]


def test_a_fully_specified_mission_is_accepted() -> None:
    spec = valid(
        description="Buy three things this month",
        type="locked",
        opt_in=True,
        start_at="2030-01-01T00:00:00Z",
        end_at="2030-02-01T00:00:00+01:00",
        time_to_complete="P7D",
        timezone="Europe/Paris",
        unlock={"after_missions": ["m0"], "min_tier": "gold", "hidden_until_unlocked": True},
        goal=goal(tags=["shoes", "hats"], tag_match="all", count=None, amount_min="10.5", amount_max=100),
        reward={"points": 100},
        budget_cap={"points": 10_000},
        segments=["vip"],
        tiers=["gold"],
        category_id="shopping",
        quest_id="q1",
        callback_url="https://example.com/hook",
        action_button={"label": "Shop", "url": "https://example.com/shop"},
        images={"card": "https://example.com/card.png"},
    )
    assert spec.start_at == S
    assert spec.end_at == datetime(2030, 1, 31, 23, tzinfo=UTC)
    assert spec.time_to_complete == timedelta(days=7)
    assert isinstance(spec.goal, EventGoal)
    assert spec.goal.amount_min == Decimal("10.5")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("PT30S", timedelta(seconds=30)),
        (30, timedelta(seconds=30)),
        (30.5, timedelta(seconds=30.5)),
        ("PT1M", timedelta(minutes=1)),  # M after T is minutes, not months
        ("P1DT1M", timedelta(days=1, minutes=1)),
        ("PT12H", timedelta(hours=12)),
        ("P7D", timedelta(days=7)),
        ("P2W", timedelta(weeks=2)),
        (timedelta(hours=1), timedelta(hours=1)),
    ],
)
def test_durations_are_iso_8601_or_seconds(given: Any, expected: timedelta) -> None:
    assert valid(time_to_complete=given).time_to_complete == expected


@pytest.mark.parametrize("tz", ["UTC", "Europe/Paris", "America/Argentina/Buenos_Aires", "Etc/GMT+2", "Asia/Kolkata"])
def test_iana_time_zones_are_accepted(tz: str) -> None:
    assert valid(timezone=tz).timezone == tz


@pytest.mark.parametrize(
    "recurrence",
    [
        {"every": "day"},
        {"every": "week", "weekdays": ["mon", "thu"]},
        {"every": "week", "weekdays": ["sun"]},
        {"every": "month", "day": 1},
        {"every": "month", "day": 31},
        {"every": "P90D"},
        {"every": "PT12H"},
        {"every": "P2W"},
    ],
)
def test_recurrence_shapes_are_accepted(recurrence: dict[str, Any]) -> None:
    spec = valid(type="recurring", recurrence=recurrence)
    assert spec.recurrence is not None and spec.recurrence.every == recurrence["every"]


def test_recurrence_period_is_the_fixed_duration_or_none_for_calendar_ones() -> None:
    assert Recurrence(every="P90D").period() == timedelta(days=90)
    assert Recurrence(every="day").period() is None
    assert Recurrence(every="week", weekdays=["mon"]).period() is None
    assert Recurrence(every="month", day=15).period() is None


@pytest.mark.parametrize(
    "goal_body",
    [
        goal(count=1),
        goal(count=None, amount_min="0.01"),
        goal(count=None, amount_min=10, amount_max=20),
        goal(count=None, amount_min=10, streak={"period": "day", "periods": 7}),
        goal(count=5, streak={"period": "week", "periods": 4}),
        goal(tags=["a"], tag_match="any"),
        goal(MANUAL, proof=["link", "text", "image", "video"]),
        goal(MANUAL, approval={"mode": "auto"}),
        goal(MANUAL, approval={"mode": "rule", "min_points": 0}),
        goal(MANUAL, approval={"mode": "rule", "segment": "trusted"}),
        goal(MANUAL, approval={"mode": "rule", "min_points": 100, "segment": "trusted"}),
        goal(MANUAL, proof=["survey"], questions=[{"id": "q1", "text": "Why?"}]),
        goal(MANUAL, proof=["survey", "text"], questions=[{"id": "q1", "text": "Pick", "choices": ["a", "b"]}]),
        goal(SOCIAL),
        goal(SOCIAL, platform="youtube", action="hashtag_post", target="#questline", count=3),
    ],
)
def test_goal_shapes_are_accepted(goal_body: dict[str, Any]) -> None:
    spec = valid(goal=goal_body)
    assert isinstance(spec.goal, {"event": EventGoal, "manual": ManualGoal, "social": SocialGoal}[goal_body["kind"]])


def test_manual_approval_defaults_to_manual() -> None:
    spec = valid(goal=MANUAL)
    assert isinstance(spec.goal, ManualGoal)
    assert spec.goal.approval.mode == "manual"


@pytest.mark.parametrize("reward", [None, {"points": 1}, {"item": "mug"}, {"direct": "concert tickets"}])
def test_a_reward_is_one_kind_or_none(reward: dict[str, Any] | None) -> None:
    got = valid(reward=reward).reward
    if reward is None:
        assert got is None
    else:
        assert got is not None and got.model_dump(exclude_none=True) == reward


def test_start_and_end_may_each_be_given_alone() -> None:
    assert valid(start_at=S).end_at is None
    assert valid(end_at=E).start_at is None


def test_specs_are_immutable() -> None:
    spec = valid()
    with pytest.raises(ValidationError):
        spec.name = "other"  # type: ignore[misc]


# --- rejected specs: (fields, error location, message fragment or error type) -----------------

EVENT_LOC = ("goal", "event")
MANUAL_LOC = ("goal", "manual")
SOCIAL_LOC = ("goal", "social")


def EVENT_AT(*field: Any) -> tuple[Any, ...]:
    return (*EVENT_LOC, *field)


def MANUAL_AT(*field: Any) -> tuple[Any, ...]:
    return (*MANUAL_LOC, *field)


def SOCIAL_AT(*field: Any) -> tuple[Any, ...]:
    return (*SOCIAL_LOC, *field)


REJECTED = [
    # event goals: count xor amount_min; amount_min < amount_max
    ("count-and-amount_min", {"goal": goal(amount_min=5)}, EVENT_AT("amount_min"), "count and amount_min exclude"),
    ("neither-count-nor-amount_min", {"goal": goal(count=...)}, EVENT_AT("count"), "give either count or amount_min"),
    (
        "amount_min-equal-to-max",
        {"goal": goal(count=..., amount_min=10, amount_max=10)},
        EVENT_AT("amount_max"),
        "amount_min must be less than amount_max",
    ),
    (
        "amount_min-above-max",
        {"goal": goal(count=..., amount_min=11, amount_max=10)},
        EVENT_AT("amount_max"),
        "amount_min must be less than amount_max",
    ),
    (
        "amount_max-alone",
        {"goal": goal(count=..., amount_max=10)},
        EVENT_AT("count"),
        "give either count or amount_min",
    ),
    ("amount_max-with-count", {"goal": goal(amount_max=10)}, EVENT_AT("amount_max"), "amount_max needs amount_min"),
    (
        "streak-with-range",
        {"goal": goal(count=..., amount_min=1, amount_max=2, streak={"period": "day", "periods": 2})},
        EVENT_AT("streak"),
        "cannot use an amount range",
    ),
    ("count-zero", {"goal": goal(count=0)}, EVENT_AT("count"), "greater_than_equal"),
    ("amount_min-zero", {"goal": goal(count=..., amount_min=0)}, EVENT_AT("amount_min"), "greater_than"),
    ("amount_min-negative", {"goal": goal(count=..., amount_min=-5)}, EVENT_AT("amount_min"), "greater_than"),
    (
        "amount_max-negative",
        {"goal": goal(count=..., amount_min=1, amount_max=-5)},
        EVENT_AT("amount_max"),
        "greater_than",
    ),
    ("tags-duplicated", {"goal": goal(tags=["a", "a"])}, EVENT_AT("tags"), "tags must be unique"),
    ("tag-blank", {"goal": goal(tags=["  "])}, EVENT_AT("tags", 0), "string_pattern_mismatch"),
    ("tag_match-unknown", {"goal": goal(tag_match="most")}, EVENT_AT("tag_match"), "literal_error"),
    ("event_type-missing", {"goal": goal(event_type=...)}, EVENT_AT("event_type"), "missing"),
    ("event_type-blank", {"goal": goal(event_type=" ")}, EVENT_AT("event_type"), "string_pattern_mismatch"),
    (
        "streak-period-month",
        {"goal": goal(streak={"period": "month", "periods": 2})},
        EVENT_AT("streak", "period"),
        "literal_error",
    ),
    (
        "streak-zero-periods",
        {"goal": goal(streak={"period": "day", "periods": 0})},
        EVENT_AT("streak", "periods"),
        "greater_than_equal",
    ),
    ("goal-kind-unknown", {"goal": {"kind": "quiz"}}, ("goal",), "union_tag_invalid"),
    ("goal-kind-missing", {"goal": {"event_type": "x", "count": 1}}, ("goal",), "union_tag_not_found"),
    ("goal-missing", {"goal": ...}, ("goal",), "missing"),
    # manual goals: the rule approval needs a condition; surveys need questions
    (
        "rule-approval-without-condition",
        {"goal": goal(MANUAL, approval={"mode": "rule"})},
        MANUAL_AT("approval", "mode"),
        "approval mode rule needs min_points or segment",
    ),
    (
        "min_points-on-manual-approval",
        {"goal": goal(MANUAL, approval={"mode": "manual", "min_points": 5})},
        MANUAL_AT("approval", "mode"),
        "apply only to approval mode rule",
    ),
    (
        "segment-on-auto-approval",
        {"goal": goal(MANUAL, approval={"mode": "auto", "segment": "s"})},
        MANUAL_AT("approval", "mode"),
        "apply only to approval mode rule",
    ),
    (
        "approval-mode-unknown",
        {"goal": goal(MANUAL, approval={"mode": "vote"})},
        MANUAL_AT("approval", "mode"),
        "literal_error",
    ),
    (
        "rule-min_points-negative",
        {"goal": goal(MANUAL, approval={"mode": "rule", "min_points": -1})},
        MANUAL_AT("approval", "min_points"),
        "greater_than_equal",
    ),
    ("survey-without-questions", {"goal": goal(MANUAL, proof=["survey"])}, MANUAL_AT("questions"), "needs questions"),
    (
        "survey-with-no-questions",
        {"goal": goal(MANUAL, proof=["survey"], questions=[])},
        MANUAL_AT("questions"),
        "a survey proof needs questions",
    ),
    (
        "questions-without-survey",
        {"goal": goal(MANUAL, questions=[{"id": "q", "text": "?"}])},
        MANUAL_AT("questions"),
        "questions need a survey proof",
    ),
    (
        "question-without-text",
        {"goal": goal(MANUAL, proof=["survey"], questions=[{"id": "q", "text": ""}])},
        MANUAL_AT("questions", 0, "text"),
        "string_too_short",
    ),
    ("proof-empty", {"goal": goal(MANUAL, proof=[])}, MANUAL_AT("proof"), "too_short"),
    ("proof-duplicated", {"goal": goal(MANUAL, proof=["link", "link"])}, MANUAL_AT("proof"), "must be unique"),
    ("proof-unknown", {"goal": goal(MANUAL, proof=["fax"])}, MANUAL_AT("proof", 0), "literal_error"),
    # social goals
    ("social-platform-unknown", {"goal": goal(SOCIAL, platform="myspace")}, SOCIAL_AT("platform"), "literal_error"),
    ("social-action-unknown", {"goal": goal(SOCIAL, action="poke")}, SOCIAL_AT("action"), "literal_error"),
    ("social-target-missing", {"goal": goal(SOCIAL, target=...)}, SOCIAL_AT("target"), "missing"),
    ("social-count-zero", {"goal": goal(SOCIAL, count=0)}, SOCIAL_AT("count"), "greater_than_equal"),
    # max_completions only for recurring_on_completion
    *[
        (
            f"max_completions-on-{t}",
            {"type": t, "max_completions": 3, **({"recurrence": {"every": "day"}} if t == "recurring" else {})},
            ("max_completions",),
            "max_completions applies only to type recurring_on_completion",
        )
        for t in ("generally_available", "locked", "featured", "recurring")
    ],
    (
        "max_completions-zero",
        {"type": "recurring_on_completion", "max_completions": 0},
        ("max_completions",),
        "greater_than_equal",
    ),
    # recurrence required for, and only for, recurring
    ("recurring-without-recurrence", {"type": "recurring"}, ("recurrence",), "a recurring mission needs recurrence"),
    *[
        (
            f"recurrence-on-{t}",
            {"type": t, "recurrence": {"every": "day"}},
            ("recurrence",),
            "recurrence applies only to type recurring",
        )
        for t in ("generally_available", "locked", "featured", "recurring_on_completion")
    ],
    *[
        (f"recurrence-{name}", {"type": "recurring", "recurrence": rec}, ("recurrence", *field), fragment)
        for name, rec, field, fragment in [
            ("week-without-weekdays", {"every": "week"}, ["weekdays"], "a weekly recurrence needs weekdays"),
            ("week-empty-weekdays", {"every": "week", "weekdays": []}, ["weekdays"], "needs weekdays"),
            ("week-duplicate-weekdays", {"every": "week", "weekdays": ["mon", "mon"]}, ["weekdays"], "unique"),
            ("weekday-unknown", {"every": "week", "weekdays": ["monday"]}, ["weekdays", 0], "literal_error"),
            ("weekdays-on-day", {"every": "day", "weekdays": ["mon"]}, ["weekdays"], "only to every=week"),
            ("month-without-day", {"every": "month"}, ["day"], "a monthly recurrence needs day"),
            ("month-day-zero", {"every": "month", "day": 0}, ["day"], "greater_than_equal"),
            ("month-day-32", {"every": "month", "day": 32}, ["day"], "less_than_equal"),
            ("day-on-week", {"every": "week", "weekdays": ["mon"], "day": 3}, ["day"], "only to every=month"),
            ("every-empty", {"every": ""}, ["every"], "string_too_short"),
            ("every-missing", {}, ["every"], "missing"),
        ]
    ],
    # time_to_complete: not for recurring_on_completion; positive; no months or years
    (
        "time_to_complete-on-recurring_on_completion",
        {"type": "recurring_on_completion", "time_to_complete": "P1D"},
        ("time_to_complete",),
        "time_to_complete does not apply to type recurring_on_completion",
    ),
    *[
        (f"time_to_complete-{given!r}", {"time_to_complete": given}, ("time_to_complete",), fragment)
        for given, fragment in [
            (0, "must be a positive duration"),
            (-30, "must be a positive duration"),
            ("PT0S", "must be a positive duration"),
            ("P0D", "must be a positive duration"),
            ("-PT30S", "must be a positive duration"),
            ("P1M", "months and years have no fixed length"),
            ("p1m", "months and years have no fixed length"),
            ("P1Y", "months and years have no fixed length"),
            ("P1Y2M3D", "months and years have no fixed length"),
            ("-P1M", "months and years have no fixed length"),
            ("soon", "time_delta_parsing"),
        ]
    ],
    # unlock only for locked; trigger only for featured
    *[
        (
            f"unlock-on-{t}",
            {"type": t, "unlock": {"min_tier": "gold"}},
            ("unlock",),
            "unlock applies only to type locked",
        )
        for t in ("generally_available", "featured", "recurring_on_completion")
    ],
    (
        "unlock-on-recurring",
        {"type": "recurring", "recurrence": {"every": "day"}, "unlock": {}},
        ("unlock",),
        "unlock applies only to type locked",
    ),
    ("trigger-on-generally_available", {"trigger": {"segment": "s"}}, ("trigger",), "trigger applies only to type"),
    # rewards: exactly one kind
    ("reward-empty", {"reward": {}}, ("reward",), "a reward is exactly one of points, item or direct"),
    ("reward-points-and-item", {"reward": {"points": 5, "item": "mug"}}, ("reward",), "exactly one"),
    ("reward-item-and-direct", {"reward": {"item": "mug", "direct": "hug"}}, ("reward",), "exactly one"),
    ("reward-all-three", {"reward": {"points": 5, "item": "mug", "direct": "hug"}}, ("reward",), "exactly one"),
    ("reward-zero-points", {"reward": {"points": 0}}, ("reward", "points"), "greater_than_equal"),
    ("budget_cap-zero", {"budget_cap": {"points": 0}}, ("budget_cap", "points"), "greater_than_equal"),
    # time zone, start/end
    *[
        (f"timezone-{tz!r}", {"timezone": tz}, ("timezone",), "unknown IANA time zone")
        for tz in ["Mars/Olympus_Mons", "", "UTC+2", "+02:00", "/etc/localtime", "../zoneinfo/UTC", "Europe/"]
    ],
    ("start-equals-end", {"start_at": S, "end_at": S}, ("end_at",), "start_at must be before end_at"),
    ("start-after-end", {"start_at": E, "end_at": S}, ("end_at",), "start_at must be before end_at"),
    ("start-naive-string", {"start_at": "2030-01-01T00:00:00"}, ("start_at",), "timezone_aware"),
    ("end-naive-string", {"end_at": "2030-01-01T00:00:00"}, ("end_at",), "timezone_aware"),
    ("start-naive-datetime", {"start_at": datetime(2030, 1, 1)}, ("start_at",), "timezone_aware"),
    ("end-naive-datetime", {"end_at": datetime(2030, 1, 1)}, ("end_at",), "timezone_aware"),
    # the rest of the top level
    ("name-missing", {"name": ...}, ("name",), "missing"),
    ("name-empty", {"name": ""}, ("name",), "string_too_short"),
    ("name-blank", {"name": "   "}, ("name",), "string_pattern_mismatch"),
    ("name-too-long", {"name": "x" * 201}, ("name",), "string_too_long"),
    ("type-unknown", {"type": "seasonal"}, ("type",), "enum"),
    ("type-missing", {"type": ...}, ("type",), "missing"),
    ("callback_url-not-a-url", {"callback_url": "not a url"}, ("callback_url",), "url_parsing"),
    (
        "action_button-bad-url",
        {"action_button": {"label": "Go", "url": "nope"}},
        ("action_button", "url"),
        "url_parsing",
    ),
]


@pytest.mark.parametrize(("fields", "loc", "fragment"), [pytest.param(*r[1:], id=r[0]) for r in REJECTED])
def test_invalid_specs_are_rejected_at_the_right_location(
    fields: dict[str, Any], loc: tuple[Any, ...], fragment: str
) -> None:
    assert_rejected(fields, loc, fragment)


@pytest.mark.parametrize("every", ["P1M", "P0D", "fortnight"], ids=lambda every: f"every={every}")
def test_an_invalid_recurrence_period_is_reported_on_every(every: str) -> None:
    """The error names the field that is wrong: `recurrence.every`, like every other recurrence rule
    names `recurrence.weekdays` or `recurrence.day`."""
    assert_rejected({"type": "recurring", "recurrence": {"every": every}}, ("recurrence", "every"), "every must be")


def test_the_host_local_time_zone_alias_is_not_an_iana_name() -> None:
    """§3: resets are computed in the mission's `timezone` (IANA name). `localtime` is a file many
    Linux hosts keep in /usr/share/zoneinfo as a link to /etc/localtime: accepting it makes a
    mission's clock depend on the host that evaluates it."""
    assert_rejected({"timezone": "localtime"}, ("timezone",), "unknown IANA time zone")


UNKNOWN_FIELD_AT_EVERY_LEVEL = [
    ("top-level", {"colour": "red"}, ("colour",)),
    ("event-goal", {"goal": goal(colour="red")}, (*EVENT_LOC, "colour")),
    ("streak", {"goal": goal(streak={"period": "day", "periods": 2, "x": 1})}, (*EVENT_LOC, "streak", "x")),
    ("manual-goal", {"goal": goal(MANUAL, colour="red")}, (*MANUAL_LOC, "colour")),
    ("approval", {"goal": goal(MANUAL, approval={"mode": "auto", "x": 1})}, (*MANUAL_LOC, "approval", "x")),
    (
        "survey-question",
        {"goal": goal(MANUAL, proof=["survey"], questions=[{"id": "q", "text": "?", "x": 1}])},
        (*MANUAL_LOC, "questions", 0, "x"),
    ),
    ("social-goal", {"goal": goal(SOCIAL, colour="red")}, (*SOCIAL_LOC, "colour")),
    ("reward", {"reward": {"points": 5, "x": 1}}, ("reward", "x")),
    ("recurrence", {"type": "recurring", "recurrence": {"every": "day", "x": 1}}, ("recurrence", "x")),
    ("unlock", {"type": "locked", "unlock": {"x": 1}}, ("unlock", "x")),
    ("budget_cap", {"budget_cap": {"points": 5, "x": 1}}, ("budget_cap", "x")),
    ("action_button", {"action_button": {"label": "Go", "url": "https://e.com", "x": 1}}, ("action_button", "x")),
    ("images", {"images": {"x": 1}}, ("images", "x")),
    ("trigger", {"type": "featured", "trigger": {"segment": "s", "x": 1}}, ("trigger", "x")),
]


@pytest.mark.parametrize(("fields", "loc"), [pytest.param(*r[1:], id=r[0]) for r in UNKNOWN_FIELD_AT_EVERY_LEVEL])
def test_unknown_fields_are_rejected_at_every_level(fields: dict[str, Any], loc: tuple[Any, ...]) -> None:
    assert_rejected(fields, loc, "extra_forbidden")


def test_several_field_errors_are_all_reported() -> None:
    errors = errors_of(name="", timezone="Nowhere/Land", colour=1)
    assert {e["loc"] for e in errors} == {("name",), ("timezone",), ("colour",)}


# --- §1 status transitions -----------------------------------------------------------------------

ALLOWED = {
    (MissionStatus.DRAFT, "activate"): MissionStatus.ACTIVE,
    (MissionStatus.DRAFT, "archive"): MissionStatus.ARCHIVED,
    (MissionStatus.ACTIVE, "archive"): MissionStatus.ARCHIVED,
    (MissionStatus.ACTIVE, "pause"): MissionStatus.PAUSED,
    (MissionStatus.PAUSED, "resume"): MissionStatus.ACTIVE,
    (MissionStatus.PAUSED, "archive"): MissionStatus.ARCHIVED,
    (MissionStatus.ACTIVE, "delete"): MissionStatus.DELETED,
    (MissionStatus.PAUSED, "delete"): MissionStatus.DELETED,
    (MissionStatus.ARCHIVED, "delete"): MissionStatus.DELETED,
}
ACTIONS = ("activate", "archive", "pause", "resume", "delete")
PAIRS = [(status, action) for status in MissionStatus for action in ACTIONS]


@pytest.mark.parametrize(("status", "action"), PAIRS, ids=[f"{s.value}-{a}" for s, a in PAIRS])
def test_every_status_and_action_pair(status: MissionStatus, action: str) -> None:
    """§1: draft → active → archived, draft → archived, active ⇄ paused → archived, and the
    deletion of what had journeys (a draft is deleted outright, no status). Nothing else (409);
    a deleted mission is gone (404)."""
    if (status, action) in ALLOWED:
        assert transition(status, action) is ALLOWED[(status, action)]
        return
    if status is MissionStatus.DELETED:
        with pytest.raises(NotFound):
            transition(status, action)
        return
    with pytest.raises(Conflict) as info:
        transition(status, action)
    assert info.value.code == "invalid_transition"
    assert info.value.details == {"status": status.value, "action": action}


def test_no_action_returns_a_mission_to_draft_or_revives_an_archived_one() -> None:
    reachable = {transition(s, a) for s, a in ALLOWED}
    assert MissionStatus.DRAFT not in reachable
    for action in ("activate", "archive", "pause", "resume"):
        with pytest.raises(Conflict):
            transition(MissionStatus.ARCHIVED, action)


def test_deleting_what_had_journeys_needs_the_missions_own_id() -> None:
    check_delete_confirmed("mis_1", MissionStatus.DRAFT, None)
    for status in (MissionStatus.ACTIVE, MissionStatus.PAUSED, MissionStatus.ARCHIVED):
        with pytest.raises(Conflict) as info:
            check_delete_confirmed("mis_1", status, None)
        assert info.value.code == "confirmation_required" and "?confirm=mis_1" in info.value.message
        with pytest.raises(Invalid) as bad:
            check_delete_confirmed("mis_1", status, "mis_2")
        assert bad.value.details == [{"field": "confirm", "reason": "must be mis_1"}]
        check_delete_confirmed("mis_1", status, "mis_1")


def test_a_surveys_questions_are_locked_once_answered_and_nothing_else_is() -> None:
    questions = [{"id": "q1", "text": "Why?"}]
    survey = valid(goal={"kind": "manual", "proof": ["survey", "text"], "questions": questions})
    reworded = valid(goal={"kind": "manual", "proof": ["survey", "text"], "questions": [{"id": "q1", "text": "How?"}]})
    dropped = valid(goal={"kind": "manual", "proof": ["text"]})
    renamed = survey.model_copy(update={"name": "renamed"})
    for changed in (reworded, dropped):
        check_survey_lock("mis_1", survey, changed, answered=False)
        with pytest.raises(Conflict) as info:
            check_survey_lock("mis_1", survey, changed, answered=True)
        assert info.value.code == "survey_locked" and "/v1/missions/mis_1/clone" in info.value.message
    check_survey_lock("mis_1", survey, renamed, answered=True)
    check_survey_lock("mis_1", valid(), valid(name="x"), answered=True)


# --- editing: merge patch and immutable fields ---------------------------------------------------


def test_an_active_mission_keeps_its_type_and_goal_kind() -> None:
    current = valid()
    check_active_patch(current, valid(name="renamed", goal=goal(count=5)))
    with pytest.raises(Conflict) as info:
        check_active_patch(current, valid(type="recurring_on_completion"))
    assert (info.value.code, info.value.details) == ("immutable_field", {"field": "type"})
    with pytest.raises(Conflict) as info:
        check_active_patch(current, valid(goal=MANUAL))
    assert (info.value.code, info.value.details) == ("immutable_field", {"field": "goal.kind"})

"""User segments (docs/missions.md §7): each rule kind, combinators, validation, round trips,
`depends_on`, `next_time_change`, the members CSV, and properties against a naive reference."""

from __future__ import annotations

import operator
import re
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from domain.errors import FieldInvalid, Invalid
from domain.segment_csv import parse_member_csv
from domain.segment_evaluation import FACTS, UserFacts, depends_on, evaluate, next_time_change
from domain.segment_rules import MAX_DEPTH, MAX_NODES, SegmentRule

NOW = datetime(2030, 6, 1, 12, 0, tzinfo=UTC)
PARIS_SUMMER = timezone(timedelta(hours=2))
US = timedelta(microseconds=1)


def rule(body: Any) -> SegmentRule:
    return SegmentRule.model_validate(body)


def facts(**fields: Any) -> UserFacts:
    return UserFacts(user_id="u1", **fields)


def holds(body: Any, now: datetime = NOW, **fields: Any) -> bool:
    return evaluate(rule(body), facts(**fields), now)


def attr(name: str, op: str, *value: Any) -> dict[str, Any]:
    cond: dict[str, Any] = {"name": name, "op": op}
    if value:
        cond["value"] = value[0]
    return {"attribute": cond}


def where(error: dict[str, Any]) -> tuple[Any, ...]:
    """pydantic's location plus the field a `FieldInvalid` names (as the API reports it)."""
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, FieldInvalid) and cause.field:
        return (*error["loc"], cause.field)
    return tuple(error["loc"])


def errors_of(body: Any) -> list[tuple[tuple[Any, ...], str]]:
    with pytest.raises(ValidationError) as info:
        SegmentRule.model_validate(body)
    return [(where(e), e["msg"]) for e in info.value.errors()]


# --- UserFacts --------------------------------------------------------------------------------


def test_user_facts_defaults_and_frozen() -> None:
    f = UserFacts(user_id="u1")
    assert (f.points, f.tier, f.attributes, f.joined_at, f.completed_missions, f.last_active_at) == (
        0,
        None,
        {},
        None,
        frozenset(),
        None,
    )
    with pytest.raises(ValidationError):
        f.points = 3  # type: ignore[misc]
    assert UserFacts(user_id="u", completed_missions=["m1", "m1"]).completed_missions == frozenset({"m1"})  # type: ignore[arg-type]


def test_user_facts_refuse_naive_instants() -> None:
    with pytest.raises(ValidationError):
        UserFacts(user_id="u", joined_at=datetime(2030, 1, 1))


def test_evaluate_refuses_a_naive_now() -> None:
    with pytest.raises(ValueError, match="aware"):
        evaluate(rule({"points_at_least": 1}), facts(), datetime(2030, 1, 1))
    with pytest.raises(ValueError, match="aware"):
        next_time_change(rule({"points_at_least": 1}), facts(), datetime(2030, 1, 1))


# --- leaves -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("threshold", "points", "expected"),
    [(100, 99, False), (100, 100, True), (100, 101, True), (0, 0, True), (1, 0, False), (5, -3, False)],
)
def test_points_at_least(threshold: int, points: int, expected: bool) -> None:
    assert holds({"points_at_least": threshold}, points=points) is expected


@pytest.mark.parametrize(
    ("tier", "expected"), [("gold", True), ("platinum", True), ("silver", False), ("Gold", False), (None, False)]
)
def test_tier_in(tier: str | None, expected: bool) -> None:
    assert holds({"tier_in": ["gold", "platinum"]}, tier=tier) is expected


ATTRS: dict[str, Any] = {
    "country": "FR",
    "age": 30,
    "score": 2.5,
    "vip": True,
    "nothing": None,
    "tags": ["beta", "mobile", 7],
    "bio": "loves hiking and tea",
    "birthday": "1995-04-12",
    "signed_at": "2030-01-01T10:00:00+02:00",
    "naive_at": "2030-01-01T10:00:00",
    "profile": {"k": "v"},
}


@pytest.mark.parametrize(
    ("name", "op", "value", "expected"),
    [
        # eq / ne
        pytest.param("country", "eq", "FR", True, id="eq-str"),
        pytest.param("country", "eq", "fr", False, id="eq-case-sensitive"),
        pytest.param("age", "eq", 30, True, id="eq-int"),
        pytest.param("age", "eq", 30.0, True, id="eq-int-float"),
        pytest.param("age", "eq", "30", False, id="eq-int-vs-str"),
        pytest.param("vip", "eq", True, True, id="eq-bool"),
        pytest.param("vip", "eq", 1, False, id="eq-bool-is-not-1"),
        pytest.param("missing", "eq", "FR", False, id="eq-missing"),
        pytest.param("nothing", "eq", "FR", False, id="eq-null-is-missing"),
        pytest.param("tags", "eq", "beta", False, id="eq-list-attribute"),
        pytest.param("country", "ne", "DE", True, id="ne-different"),
        pytest.param("country", "ne", "FR", False, id="ne-same"),
        pytest.param("missing", "ne", "FR", False, id="ne-missing"),
        pytest.param("age", "ne", "FR", False, id="ne-type-mismatch"),
        pytest.param("vip", "ne", 0, False, id="ne-bool-vs-int"),
        pytest.param("age", "ne", 31, True, id="ne-number"),
        # ordering: numbers
        pytest.param("age", "gt", 29, True, id="gt-below"),
        pytest.param("age", "gt", 30, False, id="gt-boundary"),
        pytest.param("age", "gte", 30, True, id="gte-boundary"),
        pytest.param("age", "lt", 30, False, id="lt-boundary"),
        pytest.param("age", "lte", 30, True, id="lte-boundary"),
        pytest.param("score", "lt", 3, True, id="lt-float-int"),
        pytest.param("score", "gte", 2.5, True, id="gte-float"),
        pytest.param("country", "gt", 1, False, id="gt-str-attribute-vs-number"),
        pytest.param("vip", "gte", 0, False, id="gte-bool-is-not-a-number"),
        pytest.param("missing", "lt", 100, False, id="lt-missing"),
        pytest.param("tags", "gt", 1, False, id="gt-list"),
        # ordering: ISO dates and date-times
        pytest.param("birthday", "lt", "2000-01-01", True, id="lt-date"),
        pytest.param("birthday", "gte", "1995-04-12", True, id="gte-date-boundary"),
        pytest.param("birthday", "gt", "1995-04-12", False, id="gt-date-boundary"),
        pytest.param("birthday", "lt", "2000-01-01T00:00:00Z", False, id="date-vs-datetime"),
        pytest.param("signed_at", "lt", "2030-01-01T09:00:00Z", True, id="datetime-across-offsets"),
        pytest.param("signed_at", "gte", "2030-01-01T08:00:00Z", True, id="datetime-equal-instant"),
        pytest.param("signed_at", "gt", "2030-01-01T08:00:00Z", False, id="datetime-gt-equal-instant"),
        pytest.param("signed_at", "gt", "2030-01-01", False, id="datetime-vs-date"),
        pytest.param("naive_at", "gt", "2000-01-01T00:00:00Z", False, id="naive-attribute"),
        pytest.param("country", "gt", "2000-01-01", False, id="not-iso-attribute"),
        pytest.param("age", "gt", "2000-01-01", False, id="number-vs-date"),
        # in
        pytest.param("country", "in", ["DE", "FR"], True, id="in-hit"),
        pytest.param("country", "in", ["DE", "IT"], False, id="in-miss"),
        pytest.param("age", "in", ["30", 31], False, id="in-type-mismatch"),
        pytest.param("age", "in", [1, 30.0], True, id="in-number"),
        pytest.param("tags", "in", ["beta"], False, id="in-list-attribute"),
        pytest.param("missing", "in", ["FR"], False, id="in-missing"),
        # contains
        pytest.param("bio", "contains", "hiking", True, id="contains-substring"),
        pytest.param("bio", "contains", "Hiking", False, id="contains-case-sensitive"),
        pytest.param("bio", "contains", 3, False, id="contains-number-in-text"),
        pytest.param("tags", "contains", "mobile", True, id="contains-list-member"),
        pytest.param("tags", "contains", "mob", False, id="contains-list-no-substring"),
        pytest.param("tags", "contains", 7, True, id="contains-list-number"),
        pytest.param("tags", "contains", "7", False, id="contains-list-type-mismatch"),
        pytest.param("age", "contains", 3, False, id="contains-number-attribute"),
        pytest.param("profile", "contains", "k", False, id="contains-object"),
        pytest.param("missing", "contains", "x", False, id="contains-missing"),
    ],
)
def test_attribute(name: str, op: str, value: Any, expected: bool) -> None:
    assert holds(attr(name, op, value), attributes=ATTRS) is expected


@pytest.mark.parametrize(
    ("name", "expected"), [("country", True), ("vip", True), ("tags", True), ("nothing", False), ("missing", False)]
)
def test_attribute_exists(name: str, expected: bool) -> None:
    assert holds(attr(name, "exists"), attributes=ATTRS) is expected


def test_attribute_exists_counts_falsy_values() -> None:
    for value in (0, "", False, []):
        assert holds(attr("x", "exists"), attributes={"x": value})


JOIN = datetime(2030, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("joined_at", "before", "after"),
    [
        pytest.param(JOIN - US, True, False, id="just-before"),
        pytest.param(JOIN, False, True, id="at-the-instant-is-after"),
        pytest.param(JOIN + US, False, True, id="just-after"),
        pytest.param(datetime(2030, 1, 1, 1, 59, tzinfo=PARIS_SUMMER), True, False, id="other-offset-before"),
        pytest.param(datetime(2030, 1, 1, 2, 0, tzinfo=PARIS_SUMMER), False, True, id="other-offset-same-instant"),
        pytest.param(None, False, False, id="unknown-matches-neither"),
    ],
)
def test_joined_before_and_after(joined_at: datetime | None, before: bool, after: bool) -> None:
    assert holds({"joined_before": "2030-01-01T00:00:00Z"}, joined_at=joined_at) is before
    assert holds({"joined_after": "2030-01-01T00:00:00Z"}, joined_at=joined_at) is after


def test_joined_between_is_half_open() -> None:
    between = {"all": [{"joined_after": "2030-01-01T00:00:00Z"}, {"joined_before": "2030-02-01T00:00:00Z"}]}
    assert holds(between, joined_at=JOIN)
    assert not holds(between, joined_at=datetime(2030, 2, 1, tzinfo=UTC))


def test_completed_mission() -> None:
    assert holds({"completed_mission": "m1"}, completed_missions=frozenset({"m1", "m2"}))
    assert not holds({"completed_mission": "m3"}, completed_missions=frozenset({"m1", "m2"}))
    assert not holds({"completed_mission": "m1"})


@pytest.mark.parametrize(
    ("last_active_at", "joined_at", "expected"),
    [
        pytest.param(NOW - timedelta(days=7), None, True, id="exactly-the-duration"),
        pytest.param(NOW - timedelta(days=7) + US, None, False, id="just-under"),
        pytest.param(NOW - timedelta(days=30), None, True, id="long-ago"),
        pytest.param(NOW, None, False, id="active-now"),
        pytest.param(NOW + timedelta(days=1), None, False, id="active-in-the-future"),
        pytest.param(NOW - timedelta(days=1), NOW - timedelta(days=300), False, id="activity-beats-joining"),
        pytest.param(None, NOW - timedelta(days=7), True, id="never-active-from-joining"),
        pytest.param(None, NOW - timedelta(days=6), False, id="never-active-joined-recently"),
        pytest.param(None, None, False, id="nothing-known"),
    ],
)
def test_inactive_for(last_active_at: datetime | None, joined_at: datetime | None, expected: bool) -> None:
    fields = {"last_active_at": last_active_at, "joined_at": joined_at}
    assert holds({"inactive_for": "P7D"}, **fields) is expected
    assert holds({"inactive_for": 7 * 86400}, **fields) is expected
    assert holds({"inactive_for": "604800"}, **fields) is expected


# --- combinators ------------------------------------------------------------------------------


def test_all_any_not() -> None:
    yes, no = {"points_at_least": 0}, {"points_at_least": 1}
    assert holds({"all": [yes, yes]}) and not holds({"all": [yes, no]})
    assert holds({"any": [no, yes]}) and not holds({"any": [no, no]})
    assert holds({"all": [yes]}) and not holds({"any": [no]})
    assert holds({"not": no}) and not holds({"not": yes})
    assert holds({"not": {"not": yes}})


def test_nested_rule() -> None:
    gold_fr_or_big = {
        "any": [
            {"all": [{"tier_in": ["gold"]}, attr("country", "eq", "FR")]},
            {"all": [{"points_at_least": 1000}, {"not": {"completed_mission": "intro"}}]},
        ]
    }
    assert holds(gold_fr_or_big, tier="gold", attributes={"country": "FR"})
    assert not holds(gold_fr_or_big, tier="gold", attributes={"country": "DE"})
    assert holds(gold_fr_or_big, points=1000)
    assert not holds(gold_fr_or_big, points=1000, completed_missions=frozenset({"intro"}))


def nested_not(depth: int) -> dict[str, Any]:
    body: dict[str, Any] = {"points_at_least": 1}
    for _ in range(depth - 1):
        body = {"not": body}
    return body


def test_depth_limit() -> None:
    assert rule(nested_not(MAX_DEPTH))
    assert errors_of(nested_not(MAX_DEPTH + 1)) == [(("not",), f"Value error, rules may nest at most {MAX_DEPTH} deep")]
    deep_in_all = {"all": [{"points_at_least": 1}, nested_not(MAX_DEPTH)]}
    assert [w for w, _ in errors_of(deep_in_all)] == [("all",)]


def test_a_very_deep_body_is_refused_without_recursing() -> None:
    assert errors_of(nested_not(5000))[0][0] == ("not",)


def test_node_limit() -> None:
    wide = {"any": [{"completed_mission": f"m{i}"} for i in range(100)]}
    assert rule({"all": [wide] * 4})
    assert 4 * 101 + 1 <= MAX_NODES < 5 * 101 + 1
    assert errors_of({"all": [wide] * 5}) == [(("all",), f"Value error, a rule may have at most {MAX_NODES} nodes")]


# --- validation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field", "fragment"),
    [
        pytest.param({}, (), "exactly one of the keys", id="no-key"),
        pytest.param({"points_at_least": 1, "tier_in": ["a"]}, ("tier_in",), "exactly one key", id="two-keys"),
        pytest.param({"nope": 1}, ("nope",), "Extra inputs", id="unknown-key"),
        pytest.param({"not_": {"points_at_least": 1}}, ("not_",), "Extra inputs", id="field-name-is-not-a-key"),
        pytest.param({"not": None}, ("not",), "must not be null", id="null"),
        pytest.param({"points_at_least": -1}, ("points_at_least",), "greater than or equal", id="points-negative"),
        pytest.param({"points_at_least": 1.5}, ("points_at_least",), "integer", id="points-float"),
        pytest.param({"points_at_least": "5"}, ("points_at_least",), "integer", id="points-text"),
        pytest.param({"points_at_least": True}, ("points_at_least",), "integer", id="points-bool"),
        pytest.param({"tier_in": []}, ("tier_in",), "at least 1", id="tier-in-empty"),
        pytest.param({"tier_in": ["gold", "gold"]}, ("tier_in",), "unique", id="tier-in-duplicates"),
        pytest.param({"tier_in": [""]}, ("tier_in", 0), "at least 1", id="tier-in-blank"),
        pytest.param({"tier_in": "gold"}, ("tier_in",), "list", id="tier-in-not-a-list"),
        pytest.param({"joined_before": "2030-01-01T00:00:00"}, ("joined_before",), "timezone", id="naive-instant"),
        pytest.param({"joined_after": "soon"}, ("joined_after",), "datetime", id="bad-instant"),
        pytest.param({"completed_mission": ""}, ("completed_mission",), "at least 1", id="blank-mission"),
        pytest.param({"inactive_for": "P1M"}, ("inactive_for",), "months", id="duration-months"),
        pytest.param({"inactive_for": 0}, ("inactive_for",), "positive", id="duration-zero"),
        pytest.param({"inactive_for": "-PT1H"}, ("inactive_for",), "positive", id="duration-negative"),
        pytest.param({"inactive_for": "a while"}, ("inactive_for",), "timedelta", id="duration-garbage"),
        pytest.param({"all": []}, ("all",), "at least 1", id="all-empty"),
        pytest.param({"any": []}, ("any",), "at least 1", id="any-empty"),
        pytest.param({"any": [{}]}, ("any", 0), "exactly one of the keys", id="child-without-key"),
        pytest.param({"all": [{"points_at_least": 1}, {"bad": 1}]}, ("all", 1, "bad"), "Extra", id="child-unknown"),
        pytest.param({"not": [{"points_at_least": 1}]}, ("not",), "valid dictionary", id="not-a-list"),
        pytest.param({"any": [{"points_at_least": 1}] * 101}, ("any",), "at most 100", id="too-many-children"),
        pytest.param({"attribute": {"op": "eq", "value": 1}}, ("attribute", "name"), "required", id="attr-no-name"),
        pytest.param({"attribute": {"name": "x", "op": "like", "value": 1}}, ("attribute", "op"), "", id="bad-op"),
        pytest.param({"attribute": {"name": "x", "op": "eq"}}, ("attribute", "value"), "needs a value", id="no-value"),
        pytest.param(
            {"attribute": {"name": "x", "op": "eq", "value": None}}, ("attribute", "value"), "needs", id="null-value"
        ),
        pytest.param(
            {"attribute": {"name": "x", "op": "exists", "value": True}},
            ("attribute", "value"),
            "takes no value",
            id="exists-with-value",
        ),
        pytest.param(
            {"attribute": {"name": "x", "op": "in", "value": "FR"}},
            ("attribute", "value"),
            "non-empty list",
            id="in-not-a-list",
        ),
        pytest.param(
            {"attribute": {"name": "x", "op": "in", "value": []}}, ("attribute", "value"), "non-empty", id="in-empty"
        ),
        pytest.param(
            {"attribute": {"name": "x", "op": "eq", "value": ["FR"]}},
            ("attribute", "value"),
            "not a list",
            id="eq-list",
        ),
        pytest.param(
            {"attribute": {"name": "x", "op": "gt", "value": "abc"}},
            ("attribute", "value"),
            "ISO 8601",
            id="gt-text",
        ),
        pytest.param(
            {"attribute": {"name": "x", "op": "gt", "value": "2030-01-01T00:00:00"}},
            ("attribute", "value"),
            "time zone",
            id="gt-naive-datetime",
        ),
        pytest.param(
            {"attribute": {"name": "x", "op": "lte", "value": True}},
            ("attribute", "value"),
            "compares numbers",
            id="lte-bool",
        ),
        pytest.param(
            {"attribute": {"name": "x", "op": "eq", "value": {"a": 1}}},
            ("attribute", "value"),
            "must be a string, a number, a boolean or a list of those",
            id="object-value",
        ),
        pytest.param(
            {"attribute": {"name": "x", "op": "exists", "extra": 1}},
            ("attribute", "extra"),
            "Extra",
            id="attribute-unknown-key",
        ),
    ],
)
def test_validation_errors_name_the_field(body: Any, field: tuple[Any, ...], fragment: str) -> None:
    errors = errors_of(body)
    assert any(where == field and fragment in msg for where, msg in errors), errors


def test_infinite_number_refused() -> None:
    assert errors_of({"attribute": {"name": "x", "op": "gt", "value": float("inf")}})


def test_kind_and_children() -> None:
    r = rule({"all": [{"points_at_least": 1}, {"not": {"tier_in": ["a"]}}]})
    assert r.kind == "all" and [c.kind for c in r.children()] == ["points_at_least", "not"]
    assert r.children()[1].children()[0].kind == "tier_in" and r.children()[0].children() == []


# --- round trip -------------------------------------------------------------------------------

CANONICAL: list[dict[str, Any]] = [
    {"points_at_least": 0},
    {"tier_in": ["gold", "platinum"]},
    {"attribute": {"name": "country", "op": "eq", "value": "FR"}},
    {"attribute": {"name": "age", "op": "gte", "value": 18}},
    {"attribute": {"name": "score", "op": "lt", "value": 2.5}},
    {"attribute": {"name": "vip", "op": "ne", "value": False}},
    {"attribute": {"name": "country", "op": "in", "value": ["FR", 1, 2.5, True]}},
    {"attribute": {"name": "tags", "op": "contains", "value": "beta"}},
    {"attribute": {"name": "since", "op": "gt", "value": "2030-01-01"}},
    {"attribute": {"name": "email", "op": "exists"}},
    {"joined_before": "2030-01-01T00:00:00Z"},
    {"joined_after": "2030-01-01T10:30:00+02:00"},
    {"completed_mission": "m_123"},
    {"inactive_for": "P7D"},
    {"inactive_for": "PT1H30M"},
    {"inactive_for": "P400D"},
    {"inactive_for": "P1DT2H0.5S"},
    {
        "all": [
            {"any": [{"tier_in": ["gold"]}, {"points_at_least": 500}]},
            {"not": {"completed_mission": "intro"}},
            {"not": {"inactive_for": "P30D"}},
        ]
    },
]


@pytest.mark.parametrize("body", CANONICAL)
def test_round_trip(body: dict[str, Any]) -> None:
    r = rule(body)
    assert r.model_dump(mode="json", exclude_none=True) == body
    assert rule(r.model_dump(mode="json", exclude_none=True)) == r
    assert SegmentRule.model_validate_json(r.model_dump_json(exclude_none=True)) == r


@pytest.mark.parametrize(
    ("body", "canonical"),
    [
        ({"inactive_for": 3600}, {"inactive_for": "PT1H"}),
        ({"inactive_for": "86400"}, {"inactive_for": "P1D"}),
        ({"inactive_for": "P52W"}, {"inactive_for": "P364D"}),
        ({"inactive_for": 0.25}, {"inactive_for": "PT0.25S"}),
        ({"inactive_for": "PT90M"}, {"inactive_for": "PT1H30M"}),
        ({"joined_before": "2030-01-01T00:00:00+00:00"}, {"joined_before": "2030-01-01T00:00:00Z"}),
    ],
)
def test_dump_is_canonical(body: dict[str, Any], canonical: dict[str, Any]) -> None:
    assert rule(body).model_dump(mode="json", exclude_none=True) == canonical
    assert rule(canonical) == rule(body)


# --- depends_on -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"points_at_least": 1}, {"points"}),
        ({"tier_in": ["gold"]}, {"tier"}),
        (attr("country", "exists"), {"profile"}),
        ({"joined_before": "2030-01-01T00:00:00Z"}, {"profile"}),
        ({"joined_after": "2030-01-01T00:00:00Z"}, {"profile"}),
        ({"completed_mission": "m1"}, {"completions"}),
        ({"inactive_for": "P1D"}, {"activity", "time", "profile"}),
        ({"not": {"points_at_least": 1}}, {"points"}),
        ({"all": [{"points_at_least": 1}, {"any": [{"tier_in": ["a"]}, {"completed_mission": "m"}]}]},
         {"points", "tier", "completions"}),
    ],
)  # fmt: skip
def test_depends_on(body: Any, expected: set[str]) -> None:
    assert depends_on(rule(body)) == frozenset(expected)
    assert depends_on(rule(body)) <= FACTS


# --- next_time_change -------------------------------------------------------------------------

WEEK = {"inactive_for": "P7D"}


def test_next_time_change_of_inactive_for() -> None:
    seen = NOW - timedelta(days=2)
    f = facts(last_active_at=seen)
    assert next_time_change(rule(WEEK), f, NOW) == seen + timedelta(days=7)
    assert next_time_change(rule({"not": WEEK}), f, NOW) == seen + timedelta(days=7)
    # Already inactive long enough: it stays so while nothing else changes.
    assert next_time_change(rule(WEEK), facts(last_active_at=NOW - timedelta(days=8)), NOW) is None
    # At the instant itself the rule already holds: nothing left to wait for.
    assert next_time_change(rule(WEEK), f, seen + timedelta(days=7)) is None
    assert next_time_change(rule(WEEK), f, seen + timedelta(days=7) - US) == seen + timedelta(days=7)


def test_next_time_change_for_a_user_never_active() -> None:
    joined = NOW - timedelta(days=1)
    assert next_time_change(rule(WEEK), facts(joined_at=joined), NOW) == joined + timedelta(days=7)
    assert next_time_change(rule(WEEK), facts(), NOW) is None


@pytest.mark.parametrize(
    "body",
    [
        {"joined_before": "2031-01-01T00:00:00Z"},
        {"joined_after": "2031-01-01T00:00:00Z"},
        {"points_at_least": 1},
        attr("since", "lt", "2031-01-01"),
    ],
)
def test_rules_that_do_not_compare_with_now_never_change_with_time(body: Any) -> None:
    f = facts(joined_at=NOW, attributes={"since": "2030-01-01"}, last_active_at=NOW)
    assert next_time_change(rule(body), f, NOW) is None
    assert evaluate(rule(body), f, NOW) == evaluate(rule(body), f, datetime(2032, 1, 1, tzinfo=UTC))


def test_next_time_change_ignores_flips_that_cannot_change_the_result() -> None:
    f = facts(points=5, last_active_at=NOW - timedelta(days=1))
    # A false, timeless sibling pins `all` to false; a true one pins `any` to true.
    assert next_time_change(rule({"all": [{"points_at_least": 10}, WEEK]}), f, NOW) is None
    assert next_time_change(rule({"any": [{"points_at_least": 1}, WEEK]}), f, NOW) is None
    assert next_time_change(rule({"all": [{"points_at_least": 1}, WEEK]}), f, NOW) == NOW + timedelta(days=6)


def test_next_time_change_picks_the_first_flip_that_matters() -> None:
    f = facts(last_active_at=NOW - timedelta(days=1))
    # inactive 2 days (flips in 1 day) AND NOT inactive 3 days (flips in 2 days): true for one day.
    window = rule({"all": [{"inactive_for": "P2D"}, {"not": {"inactive_for": "P3D"}}]})
    first = next_time_change(window, f, NOW)
    assert first == NOW + timedelta(days=1)
    assert next_time_change(window, f, first) == NOW + timedelta(days=2)
    assert next_time_change(window, f, NOW + timedelta(days=2)) is None
    # Of two flips, the earlier cannot change `any` when the later child is... also false: both count.
    either = rule({"any": [{"inactive_for": "P5D"}, {"inactive_for": "P3D"}]})
    assert next_time_change(either, f, NOW) == NOW + timedelta(days=2)
    # Here the earlier flip is masked (`all` still needs the later one): the later one is returned.
    both = rule({"all": [{"inactive_for": "P5D"}, {"inactive_for": "P3D"}]})
    assert next_time_change(both, f, NOW) == NOW + timedelta(days=4)


def test_next_time_change_past_year_9999_is_never() -> None:
    huge = rule({"inactive_for": 999_999_999 * 86400})
    assert next_time_change(huge, facts(last_active_at=NOW), NOW) is None
    assert not evaluate(huge, facts(last_active_at=NOW), NOW)


# --- members CSV ------------------------------------------------------------------------------


def test_csv_good_file() -> None:
    assert parse_member_csv("user_id,name\nalice,Alice\nbob,Bob\n") == (["alice", "bob"], [])


def test_csv_header_any_case_any_column_other_columns_ignored() -> None:
    assert parse_member_csv("name, User_ID ,x\nAlice,alice,1\nBob,bob\n") == (["alice", "bob"], [])


def test_csv_bom_crlf_quotes() -> None:
    text = '\ufeffUSER_ID,note\r\n"alice","hello, world"\r\n"b""ob",x\r\ncarol\r\n'
    assert parse_member_csv(text) == (["alice", 'b"ob', "carol"], [])
    assert parse_member_csv("user_id\ralice\rbob") == (["alice", "bob"], [])


def test_csv_header_only_and_blank_lines() -> None:
    assert parse_member_csv("user_id\n") == ([], [])
    assert parse_member_csv("\n\nuser_id\n\nalice\n\n") == (["alice"], [])


def test_csv_bad_rows_are_reported_by_line() -> None:
    long_ok, too_long = "a" * 200, "a" * 201
    text = "\n".join(
        [
            "user_id,note",  # 1
            "alice,x",  # 2
            ",empty",  # 3
            "",  # 4: blank, skipped
            f"{too_long},x",  # 5
            "a b,x",  # 6
            "bob/1,x",  # 7
            "alice,again",  # 8
            '"multi',  # 9: a quoted id across two lines
            'line",x',  # 10
            "tab\there,x",  # 11
            f"{long_ok},x",  # 12
            "carol,x",  # 13
            "Alice,x",  # 14: ids are case-sensitive
        ]
    )
    ids, errors = parse_member_csv(text)
    assert ids == ["alice", long_ok, "carol", "Alice"]
    assert errors == [
        {"line": 3, "reason": "empty user id"},
        {"line": 5, "reason": "user id longer than 200 characters"},
        {"line": 6, "reason": "user id contains whitespace or one of / : ? # %"},
        {"line": 7, "reason": "user id contains whitespace or one of / : ? # %"},
        {"line": 8, "reason": "duplicate of line 2"},
        {"line": 9, "reason": "user id contains whitespace or one of / : ? # %"},
        {"line": 11, "reason": "user id contains whitespace or one of / : ? # %"},
    ]


@pytest.mark.parametrize("bad", ["a:b", "a?b", "a#b", "a%b", "a/b", " a", "a ", "a\u00a0b"])
def test_csv_refuses_the_characters_api_user_ids_refuse(bad: str) -> None:
    ids, errors = parse_member_csv(f'user_id\n"{bad}"\n')
    assert ids == [] and errors == [{"line": 2, "reason": "user id contains whitespace or one of / : ? # %"}]


def test_csv_short_row_has_an_empty_id() -> None:
    assert parse_member_csv("name,user_id\nAlice\n") == ([], [{"line": 2, "reason": "empty user id"}])


def test_csv_too_many_rows_stops_reading() -> None:
    ids, errors = parse_member_csv("user_id\na\nb\n\nc\nbad id\n", max_rows=2)
    assert ids == ["a", "b"]
    assert errors == [{"line": 5, "reason": "more than 2 rows; the rest was not read"}]
    assert parse_member_csv("user_id\na\nb\n", max_rows=2) == (["a", "b"], [])


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param("id,name\nalice,A\n", 1, id="no-user_id-column"),
        pytest.param("alice\nbob\n", 1, id="headerless-single-column"),
        pytest.param("\n\nid\nalice\n", 3, id="header-after-blank-lines"),
        pytest.param("user_id,USER_ID\na,b\n", 1, id="two-user_id-columns"),
        pytest.param("", 1, id="empty"),
        pytest.param("\n\n", 1, id="only-blank-lines"),
    ],
)
def test_csv_without_a_user_id_header_is_invalid(text: str, line: int) -> None:
    with pytest.raises(Invalid) as info:
        parse_member_csv(text)
    assert info.value.code == "invalid_csv"
    assert [d["line"] for d in info.value.details] == [line] and info.value.details[0]["reason"]


def test_csv_unreadable_is_invalid() -> None:
    with pytest.raises(Invalid) as info:
        parse_member_csv("user_id\nalice\n" + "x" * 200_000 + "\n")
    assert info.value.code == "invalid_csv" and info.value.details[0]["line"] == 3


# --- properties against a naive reference -----------------------------------------------------

NAMES = ["country", "age", "tags", "when", "flag"]
TIERS = ["bronze", "silver", "gold"]
MISSIONS = ["m1", "m2", "m3"]
ISO_DATES = ["2029-12-31", "2030-01-01", "2030-06-01"]
ISO_TIMES = ["2030-01-01T00:00:00Z", "2030-01-01T01:00:00+01:00", "2030-06-01T12:00:00Z", "2030-06-01T12:00:00"]
INSTANTS = [NOW + timedelta(hours=h) for h in (-24 * 400, -24 * 10, -49, -1, 0, 1, 24 * 3)] + [
    datetime(2030, 6, 1, 14, 0, tzinfo=PARIS_SUMMER)
]

texts = st.sampled_from(["FR", "DE", "fr", "", "beta", *ISO_DATES, *ISO_TIMES])
numbers = st.one_of(st.integers(-3, 40), st.sampled_from([0.5, 2.5, 30.0, -1.0]))
scalars = st.one_of(st.booleans(), numbers, texts)
attr_values = st.one_of(st.none(), scalars, st.lists(scalars, max_size=3), st.just({"k": 1}))
instants = st.sampled_from(INSTANTS)


def iso(t: datetime) -> str:
    return t.isoformat().replace("+00:00", "Z")


@st.composite
def attribute_rules(draw: st.DrawFn) -> dict[str, Any]:
    name = draw(st.sampled_from(NAMES))
    op = draw(st.sampled_from(["eq", "ne", "gt", "gte", "lt", "lte", "in", "contains", "exists"]))
    cond: dict[str, Any] = {"name": name, "op": op}
    if op in ("eq", "ne", "contains"):
        cond["value"] = draw(scalars)
    elif op == "in":
        cond["value"] = draw(st.lists(scalars, min_size=1, max_size=3))
    elif op != "exists":
        cond["value"] = draw(st.one_of(numbers, st.sampled_from(ISO_DATES + ISO_TIMES[:3])))
    return {"attribute": cond}


leaves = st.one_of(
    st.builds(lambda n: {"points_at_least": n}, st.integers(0, 60)),
    st.builds(lambda t: {"tier_in": t}, st.lists(st.sampled_from(TIERS), min_size=1, max_size=3, unique=True)),
    attribute_rules(),
    st.builds(lambda t: {"joined_before": iso(t)}, instants),
    st.builds(lambda t: {"joined_after": iso(t)}, instants),
    st.builds(lambda m: {"completed_mission": m}, st.sampled_from(MISSIONS)),
    st.builds(lambda d: {"inactive_for": d}, st.sampled_from([1, 3600, 86400 * 2, "P1D", "PT49H", "P30D", "P400D"])),
)


def height(body: dict[str, Any]) -> int:
    kids = body.get("all") or body.get("any") or ([body["not"]] if "not" in body else [])
    return 1 + max((height(k) for k in kids), default=0)


rule_bodies = st.recursive(
    leaves,
    lambda kids: st.one_of(
        st.builds(lambda k: {"all": k}, st.lists(kids, min_size=1, max_size=3)),
        st.builds(lambda k: {"any": k}, st.lists(kids, min_size=1, max_size=3)),
        st.builds(lambda k: {"not": k}, kids),
    ),
    max_leaves=8,
).filter(lambda b: height(b) <= MAX_DEPTH)

user_facts = st.builds(
    UserFacts,
    user_id=st.just("u1"),
    points=st.integers(-5, 60),
    tier=st.one_of(st.none(), st.sampled_from(TIERS)),
    attributes=st.dictionaries(st.sampled_from(NAMES), attr_values, max_size=4),
    joined_at=st.one_of(st.none(), instants),
    completed_missions=st.frozensets(st.sampled_from(MISSIONS)),
    last_active_at=st.one_of(st.none(), instants),
)


def _kind(x: Any) -> str:
    if type(x) is bool:
        return "bool"
    if type(x) in (int, float):
        return "number"
    return {str: "text", list: "list"}.get(type(x), "other")


def _eq(a: Any, b: Any) -> bool:
    return _kind(a) == _kind(b) and _kind(a) in ("bool", "number", "text") and a == b


def _iso_value(s: Any) -> tuple[str, Any] | None:
    if type(s) is not str:
        return None
    if re.fullmatch(r"\d{4}-\d\d-\d\d", s):
        return ("date", date.fromisoformat(s))
    try:
        t = datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        return None
    return ("datetime", t) if t.tzinfo is not None else None


def ref_attribute(cond: dict[str, Any], attributes: dict[str, Any]) -> bool:
    if attributes.get(cond["name"]) is None:
        return False
    a, op, v = attributes[cond["name"]], cond["op"], cond.get("value")
    if op == "exists":
        return True
    if op == "eq":
        return _eq(a, v)
    if op == "ne":
        return _kind(a) == _kind(v) and _kind(a) in ("bool", "number", "text") and a != v
    if op == "in":
        return any(_eq(a, x) for x in v)
    if op == "contains":
        if _kind(a) == "text":
            return _kind(v) == "text" and v in a
        return _kind(a) == "list" and any(_eq(x, v) for x in a)
    cmp = {"gt": operator.gt, "gte": operator.ge, "lt": operator.lt, "lte": operator.le}[op]
    if _kind(v) == "number":
        return _kind(a) == "number" and cmp(a, v)
    left, right = _iso_value(a), _iso_value(v)
    return left is not None and right is not None and left[0] == right[0] and cmp(left[1], right[1])


def _seconds(d: Any) -> float:
    if isinstance(d, int):
        return d
    return {"P1D": 86400, "PT49H": 49 * 3600, "P30D": 30 * 86400, "P400D": 400 * 86400}[d]


def ref_evaluate(body: dict[str, Any], f: UserFacts, now: datetime) -> bool:
    """A naive evaluator over the JSON itself."""
    ((key, arg),) = body.items()
    if key == "all":
        return all(ref_evaluate(b, f, now) for b in arg)
    if key == "any":
        return any(ref_evaluate(b, f, now) for b in arg)
    if key == "not":
        return not ref_evaluate(arg, f, now)
    if key == "points_at_least":
        return f.points >= arg
    if key == "tier_in":
        return f.tier in arg
    if key == "attribute":
        return ref_attribute(arg, f.attributes)
    if key == "completed_mission":
        return arg in f.completed_missions
    if key in ("joined_before", "joined_after"):
        if f.joined_at is None:
            return False
        at = datetime.fromisoformat(arg.replace("Z", "+00:00"))
        return f.joined_at < at if key == "joined_before" else not f.joined_at < at
    assert key == "inactive_for"
    since = f.last_active_at or f.joined_at
    return since is not None and (now - since).total_seconds() >= _seconds(arg)


@settings(max_examples=300, deadline=None)
@given(rule_bodies, user_facts, instants)
def test_evaluate_matches_the_reference(body: dict[str, Any], f: UserFacts, now: datetime) -> None:
    assert evaluate(rule(body), f, now) == ref_evaluate(body, f, now)


@settings(max_examples=200, deadline=None)
@given(rule_bodies, user_facts, instants)
def test_not_negates(body: dict[str, Any], f: UserFacts, now: datetime) -> None:
    if height(body) < MAX_DEPTH:
        assert evaluate(rule({"not": body}), f, now) is (not evaluate(rule(body), f, now))


@settings(max_examples=200, deadline=None)
@given(st.lists(rule_bodies, min_size=1, max_size=4), user_facts, instants)
def test_all_and_any_agree_with_python(bodies: list[dict[str, Any]], f: UserFacts, now: datetime) -> None:
    if max(height(b) for b in bodies) < MAX_DEPTH:
        each = [evaluate(rule(b), f, now) for b in bodies]
        assert evaluate(rule({"all": bodies}), f, now) is all(each)
        assert evaluate(rule({"any": bodies}), f, now) is any(each)


@settings(max_examples=200, deadline=None)
@given(rule_bodies)
def test_round_trip_property(body: dict[str, Any]) -> None:
    r = rule(body)
    dumped = r.model_dump(mode="json", exclude_none=True)
    assert rule(dumped) == r and rule(dumped).model_dump(mode="json", exclude_none=True) == dumped


#: Which UserFacts fields each fact of `depends_on` covers.
FIELDS_OF = {
    "points": ["points"],
    "tier": ["tier"],
    "profile": ["attributes", "joined_at"],
    "completions": ["completed_missions"],
    "activity": ["last_active_at"],
}


@settings(max_examples=300, deadline=None)
@given(rule_bodies, user_facts, user_facts, instants, instants)
def test_only_what_a_rule_depends_on_changes_it(
    body: dict[str, Any], f: UserFacts, other: UserFacts, now: datetime, later: datetime
) -> None:
    r = rule(body)
    deps = depends_on(r)
    changed = {
        field: getattr(other, field) for fact, fields in FIELDS_OF.items() if fact not in deps for field in fields
    }
    assert evaluate(r, f.model_copy(update=changed), now) == evaluate(r, f, now)
    if "time" not in deps:
        assert evaluate(r, f, later) == evaluate(r, f, now)
        assert next_time_change(r, f, now) is None


@settings(max_examples=300, deadline=None)
@given(rule_bodies, user_facts, instants, st.lists(st.floats(0, 1), max_size=5))
def test_next_time_change_is_exact(body: dict[str, Any], f: UserFacts, now: datetime, fractions: list[float]) -> None:
    r = rule(body)
    current = evaluate(r, f, now)
    change = next_time_change(r, f, now)
    horizon = change if change is not None else now + timedelta(days=1000)
    assert change is None or change > now
    for fraction in fractions:
        probe = now + (horizon - now) * fraction
        if probe < horizon:
            assert evaluate(r, f, probe) == current
    if change is not None:
        assert evaluate(r, f, change) != current
        assert evaluate(r, f, change - US) == current

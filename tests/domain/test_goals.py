"""Event goals (docs/missions.md §5): matching, progress, targets - examples and properties
checked against the reference model."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.goals import advance, changes_progress, event_matches, is_met, target_of
from domain.missions import EventGoal, ManualGoal, SocialGoal
from tests.domain.reference import RefEvent, RefGoal, ref_goal_run, ref_matches


def event_goal(**fields: Any) -> EventGoal:
    body = {"kind": "event", "event_type": "buy", **fields}
    if "amount_min" not in body and "count" not in body:
        body["count"] = 1
    return EventGoal.model_validate(body)


D = Decimal


# --- event_matches -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("goal_tags", "tag_match", "event_tags", "expected"),
    [
        pytest.param([], "any", [], True, id="no-tags-matches-untagged"),
        pytest.param([], "any", ["x", "y"], True, id="no-tags-matches-any-tags"),
        pytest.param([], "all", ["x"], True, id="no-tags-all-matches-anything"),
        pytest.param(["a", "b"], "any", ["b"], True, id="any-one-selected-tag"),
        pytest.param(["a", "b"], "any", ["z", "a"], True, id="any-with-extra-tags"),
        pytest.param(["a", "b"], "any", ["z"], False, id="any-none-selected"),
        pytest.param(["a", "b"], "any", [], False, id="any-untagged-event"),
        pytest.param(["a", "b"], "all", ["a", "b"], True, id="all-exactly"),
        pytest.param(["a", "b"], "all", ["b", "z", "a"], True, id="all-superset"),
        pytest.param(["a", "b"], "all", ["a"], False, id="all-missing-one"),
        pytest.param(["a", "b"], "all", [], False, id="all-untagged-event"),
        pytest.param(["a"], "all", ["a", "a"], True, id="all-duplicate-event-tags"),
        pytest.param(["A"], "any", ["a"], False, id="tags-are-case-sensitive"),
    ],
)
def test_event_matches_tags(goal_tags: list[str], tag_match: str, event_tags: list[str], expected: bool) -> None:
    goal = event_goal(tags=goal_tags, tag_match=tag_match)
    assert event_matches(goal, "buy", event_tags) is expected


@pytest.mark.parametrize("event_type", ["sell", "Buy", "buy ", ""])
def test_event_matches_only_its_event_type(event_type: str) -> None:
    assert not event_matches(event_goal(), event_type, [])
    assert not event_matches(event_goal(tags=["a"]), event_type, ["a"])


def test_event_matches_accepts_any_iterable_of_tags() -> None:
    goal = event_goal(tags=["a", "b"], tag_match="all")
    assert event_matches(goal, "buy", iter(["a", "b"]))
    assert event_matches(goal, "buy", ("b", "a"))


# --- advance: count ------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [None, D(0), D(-5), D(1), D("1000.5")])
def test_count_counts_every_matching_event_whatever_its_value(value: Decimal | None) -> None:
    goal = event_goal(count=3)
    assert advance(goal, D(0), value) == 1
    assert advance(goal, D(2), value) == 3
    assert changes_progress(goal, value)


def test_count_completes_on_the_nth_matching_event() -> None:
    goal = event_goal(count=3)
    progress = D(0)
    met = []
    for value in [None, D(-1), D(7), D(1)]:
        progress = advance(goal, progress, value)
        met.append(is_met(goal, progress))
    assert met == [False, False, True, True]


# --- advance: accumulate (amount_min alone) --------------------------------------------------------


def test_accumulate_sums_values_and_completes_when_the_sum_reaches_min() -> None:
    goal = event_goal(amount_min=100)
    progress = D(0)
    trail = []
    for value in [D(30), D("39.5"), D("30.5"), D(1)]:
        progress = advance(goal, progress, value)
        trail.append((progress, is_met(goal, progress)))
    assert trail == [(D(30), False), (D("69.5"), False), (D(100), True), (D(101), True)]


def test_accumulate_is_exact_in_decimals() -> None:
    goal = event_goal(amount_min=D("0.3"))
    progress = advance(goal, advance(goal, D(0), D("0.1")), D("0.2"))
    assert progress == D("0.3")
    assert is_met(goal, progress)


@pytest.mark.parametrize("value", [None, D(0), D(-10), D("-0.01")])
def test_accumulate_ignores_missing_zero_and_negative_values(value: Decimal | None) -> None:
    """Decision: §5 says "values accumulate"; an event without a value adds nothing, and progress
    never goes backwards (a negative value is not a refund of progress)."""
    goal = event_goal(amount_min=10)
    assert advance(goal, D(4), value) == D(4)
    assert not changes_progress(goal, value)


def test_accumulate_counts_positive_values() -> None:
    goal = event_goal(amount_min=10)
    assert changes_progress(goal, D("0.000001"))
    assert advance(goal, D(4), D("0.5")) == D("4.5")


# --- advance: range (amount_min + amount_max) -------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "completes"),
    [
        pytest.param(D(10), True, id="min-inclusive"),
        pytest.param(D("10.000001"), True, id="just-above-min"),
        pytest.param(D("49.999999"), True, id="just-below-max"),
        pytest.param(D(50), False, id="max-exclusive"),
        pytest.param(D("9.999999"), False, id="below-min"),
        pytest.param(D(75), False, id="above-max"),
        pytest.param(D(0), False, id="zero"),
        pytest.param(D(-20), False, id="negative"),
        pytest.param(None, False, id="no-value"),
    ],
)
def test_range_is_min_inclusive_max_exclusive(value: Decimal | None, completes: bool) -> None:
    goal = event_goal(amount_min=10, amount_max=50)
    after = advance(goal, D(0), value)
    assert is_met(goal, after) is completes
    assert after == (D(1) if completes else D(0))
    assert changes_progress(goal, value) is completes


def test_range_does_not_accumulate() -> None:
    goal = event_goal(amount_min=10, amount_max=50)
    progress = D(0)
    for value in [D(5), D(5), D(5), D(60)]:  # 5+5+5 = 15 would be in range if summed
        progress = advance(goal, progress, value)
    assert progress == 0
    assert not is_met(goal, progress)


def test_completing_a_higher_range_never_completes_a_lower_one() -> None:
    """Tiered missions: 10-50, 50-100, 100-500. A purchase of 75 completes the middle one only."""
    tiers = [event_goal(amount_min=lo, amount_max=hi) for lo, hi in [(10, 50), (50, 100), (100, 500)]]
    assert [is_met(g, advance(g, D(0), D(75))) for g in tiers] == [False, True, False]
    assert [is_met(g, advance(g, D(0), D(500))) for g in tiers] == [False, False, False]
    assert [is_met(g, advance(g, D(0), D(50))) for g in tiers] == [False, True, False]


def test_a_met_range_stays_met_whatever_comes_next() -> None:
    goal = event_goal(amount_min=10, amount_max=50)
    progress = advance(goal, D(0), D(20))
    for value in [D(1), D(99), None, D(20)]:
        progress = advance(goal, progress, value)
        assert is_met(goal, progress)


# --- targets and is_met ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("goal", "target"),
    [
        pytest.param(event_goal(count=7), (D(7), "events"), id="count"),
        pytest.param(event_goal(amount_min=D("12.5")), (D("12.5"), "amount"), id="accumulate"),
        pytest.param(event_goal(amount_min=10, amount_max=20), (D(1), "events"), id="range"),
        pytest.param(ManualGoal(kind="manual", proof=["link"]), (D(1), "submissions"), id="manual"),
        pytest.param(
            SocialGoal(kind="social", platform="x", action="follow", target="@q"), (D(1), "verifications"), id="social"
        ),
        pytest.param(
            SocialGoal(kind="social", platform="x", action="hashtag_post", target="#q", count=3),
            (D(3), "posts"),
            id="social-posts",
        ),
    ],
)
def test_target_of(goal: Any, target: tuple[Decimal, str]) -> None:
    assert target_of(goal) == target


@pytest.mark.parametrize(
    ("goal", "current", "met"),
    [
        (event_goal(count=3), D(2), False),
        (event_goal(count=3), D(3), True),
        (event_goal(count=3), D(9), True),  # a revision lowered the target below progress
        (event_goal(amount_min=10), D("9.99"), False),
        (event_goal(amount_min=10), D(10), True),
        (event_goal(amount_min=10, amount_max=20), D(0), False),
        (event_goal(amount_min=10, amount_max=20), D(1), True),
        (ManualGoal(kind="manual", proof=["link"]), D(0), False),
        (ManualGoal(kind="manual", proof=["link"]), D(1), True),
        (SocialGoal(kind="social", platform="x", action="follow", target="@q"), D(1), True),
    ],
)
def test_is_met(goal: Any, current: Decimal, met: bool) -> None:
    assert is_met(goal, current) is met


# --- properties against the reference model ---------------------------------------------------------

EVENT_TYPES = ["buy", "play", "share"]
TAGS = ["a", "b", "c", "d"]
values = st.none() | st.integers(-20, 120).map(Decimal) | st.decimals("-5", "120", places=2)


@st.composite
def goals(draw: st.DrawFn) -> tuple[EventGoal, RefGoal]:
    event_type = draw(st.sampled_from(EVENT_TYPES[:2]))
    tags = tuple(draw(st.lists(st.sampled_from(TAGS[:3]), unique=True, max_size=3)))
    tag_match = draw(st.sampled_from(["any", "all"]))
    kind = draw(st.sampled_from(["count", "accumulate", "range"]))
    measure: dict[str, Any] = {}
    if kind == "count":
        measure["count"] = draw(st.integers(1, 6))
    elif kind == "accumulate":
        measure["amount_min"] = draw(st.integers(1, 200).map(Decimal) | st.decimals("0.01", "200", places=2))
    else:
        low = draw(st.integers(1, 80))
        measure["amount_min"] = Decimal(low)
        measure["amount_max"] = Decimal(low + draw(st.integers(1, 60)))
    goal = EventGoal(kind="event", event_type=event_type, tags=list(tags), tag_match=tag_match, **measure)
    return goal, RefGoal(event_type=event_type, tags=tags, tag_match=tag_match, **measure)


events = st.builds(
    RefEvent,
    type=st.sampled_from(EVENT_TYPES),
    tags=st.lists(st.sampled_from(TAGS), max_size=4).map(tuple),
    value=values,
)


@settings(max_examples=400, deadline=None)
@given(goals(), st.lists(events, max_size=25))
def test_folding_advance_agrees_with_the_reference(pair: tuple[EventGoal, RefGoal], stream: list[RefEvent]) -> None:
    goal, ref = pair
    progress = Decimal(0)
    completed_at = None
    for i, event in enumerate(stream):
        matched = event_matches(goal, event.type, list(event.tags))
        assert matched is ref_matches(ref, event)
        if not matched:
            continue
        progress = advance(goal, progress, event.value)
        if completed_at is None and is_met(goal, progress):
            completed_at = i
    expected_progress, expected_completion = ref_goal_run(ref, stream)
    assert progress == expected_progress
    assert completed_at == expected_completion


@settings(max_examples=300, deadline=None)
@given(goals(), st.integers(0, 10).map(Decimal), values)
def test_changes_progress_is_an_exact_prefilter(
    pair: tuple[EventGoal, RefGoal], current: Decimal, value: Decimal | None
) -> None:
    """An event the router drops (changes_progress False) is one that would change nothing, and
    progress never goes down."""
    goal, _ = pair
    if goal.amount_max is not None:
        current = min(current, Decimal(1))  # a range goal's progress is 0 or 1
    after = advance(goal, current, value)
    assert after >= current
    if not changes_progress(goal, value):
        assert after == current
    elif current == 0:
        assert after > current

"""The pure rules of system events (`domain.system_events`)."""

from __future__ import annotations

from datetime import UTC, datetime

from domain.goals import event_matches
from domain.missions import EventGoal
from domain.system_events import (
    MISSION_COMPLETED_EVENT,
    NOT_COUNTED,
    completion_tags,
    tiers_passed,
    widget_opened_id,
)


def test_tiers_passed_going_up_lists_each_tier_once_and_going_down_none() -> None:
    tiers = ["bronze", "silver", "gold"]
    assert tiers_passed(tiers, None, "silver") == ["bronze", "silver"]
    assert tiers_passed(tiers, "bronze", "gold") == ["silver", "gold"]
    assert tiers_passed(tiers, "gold", "silver") == []
    assert tiers_passed(tiers, "silver", None) == []


def test_a_completion_of_a_completion_counter_counts_for_no_goal() -> None:
    goal = EventGoal(kind="event", event_type=MISSION_COMPLETED_EVENT, count=3)
    tagged = EventGoal(kind="event", event_type=MISSION_COMPLETED_EVENT, count=1, tags=["category:c1"])
    plain = completion_tags("m1", "c1", counts_completions=False)
    counter = completion_tags("m2", "c1", counts_completions=True)
    assert plain == ["mission:m1", "category:c1"] and NOT_COUNTED in counter
    assert event_matches(goal, MISSION_COMPLETED_EVENT, plain) and event_matches(tagged, MISSION_COMPLETED_EVENT, plain)
    assert not event_matches(goal, MISSION_COMPLETED_EVENT, counter)
    assert not event_matches(tagged, MISSION_COMPLETED_EVENT, counter)


def test_widget_opens_share_an_id_within_a_minute() -> None:
    a = widget_opened_id("u", datetime(2026, 1, 1, 10, 0, 1, tzinfo=UTC))
    b = widget_opened_id("u", datetime(2026, 1, 1, 10, 0, 59, tzinfo=UTC))
    c = widget_opened_id("u", datetime(2026, 1, 1, 10, 1, 0, tzinfo=UTC))
    assert a == b != c

"""A segment trigger's grant recorded before `start_at` takes effect at S (issue 12.5): the user
neither sees the featured mission nor progresses it before S, and does both from S on."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from domain.journey import EnrolmentStatus, MissionContext, event_can_change, status_at
from domain.projection import Tab, is_visible, project
from tests.domain.reference import day, make_ctx, make_journey

S = day(2)


def _ctx() -> MissionContext:
    ctx: MissionContext = make_ctx("featured", start_at=S)
    return ctx


def test_a_grant_dated_at_s_hides_the_mission_until_s() -> None:
    ctx, journey = _ctx(), make_journey(granted_at=S)
    assert project(ctx, journey, day(1)) is None
    assert not is_visible(ctx, journey, day(1))
    assert is_visible(ctx, journey)  # without a moment: granted at all (the old reading)
    shown = project(ctx, journey, S)
    assert shown is not None and shown.tab is Tab.AVAILABLE and "featured" in shown.chips
    assert status_at(ctx, journey, day(1)) is EnrolmentStatus.LOCKED


def test_events_count_from_s_on_only() -> None:
    ctx, journey = _ctx(), make_journey(granted_at=S)

    def counts(at: datetime) -> bool:
        return event_can_change(ctx, journey, event_type="buy", tags=[], value=Decimal(1), at=at)

    assert not counts(day(1))
    assert counts(S)
    assert counts(day(3))

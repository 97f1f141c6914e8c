"""Linked accounts, the targeting rule, and the verification state the journey keeps (pure)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.errors import Cooldown, Invalid
from domain.missions import MissionSpec
from domain.social_cooldown import VerificationState, ensure_may_verify
from domain.social_targets import check_handles, has_linked_account
from domain.social_verification import SocialFailure, Verdict, failure_detail

NOW = datetime(2030, 5, 1, 12, tzinfo=UTC)


def spec(goal: dict[str, object]) -> MissionSpec:
    return MissionSpec.model_validate({"name": "m", "type": "generally_available", "goal": goal})


SOCIAL = spec({"kind": "social", "platform": "x", "action": "follow", "target": "@brand"})
EVENT = spec({"kind": "event", "event_type": "deposit", "count": 1})


def test_usable_handles_pass() -> None:
    check_handles({"x": "@Alice", "discord": "222222222222222222", "youtube": "https://youtube.com/@Chan"})
    check_handles({})


@pytest.mark.parametrize(
    ("social", "field"),
    [
        ({"x": "not a handle!"}, "social.x"),
        ({"telegram": "@alice"}, "social.telegram"),
        ({"myspace": "alice"}, "social.myspace"),
    ],
)
def test_unusable_handles_name_their_platform(social: dict[str, str], field: str) -> None:
    with pytest.raises(Invalid) as raised:
        check_handles(social)
    assert raised.value.code == "invalid_social_handle"
    assert raised.value.details[0]["field"] == field


def test_a_social_mission_needs_a_usable_handle_on_its_platform() -> None:
    assert has_linked_account(SOCIAL, {"x": "alice"})
    assert not has_linked_account(SOCIAL, {})
    assert not has_linked_account(SOCIAL, {"tiktok": "alice"}), "another platform does not count"
    assert not has_linked_account(SOCIAL, {"x": "no way!"}), "an unusable handle counts as none"
    assert has_linked_account(EVENT, {}), "other goals never need one"


def test_a_running_check_holds_its_platform_until_it_ends() -> None:
    running = VerificationState(status="running", requested_at=NOW, ends_by=NOW + timedelta(minutes=15))
    with pytest.raises(Cooldown) as raised:
        ensure_may_verify([running.as_check("x", "m1")], "x", NOW + timedelta(minutes=1))
    assert raised.value.details["retry_after_seconds"] == 14 * 60
    ensure_may_verify([running.as_check("x", "m1")], "tiktok", NOW)
    ended = running.model_copy(update={"status": "failed", "ended_at": NOW + timedelta(minutes=6)})
    ensure_may_verify([ended.as_check("x", "m1")], "x", NOW + timedelta(minutes=7))


def test_what_the_user_reads_when_a_check_did_not_pass() -> None:
    verdict = Verdict.of(0, 1, "@alice does not follow @brand on X")
    assert failure_detail("x", SocialFailure.NOT_DONE, "ignored", verdict) == verdict.detail
    assert failure_detail("x", SocialFailure.REJECTED, "X has no account @alice", None) == "X has no account @alice"
    review = failure_detail("x", SocialFailure.NOT_CONFIGURED, "set QUESTLINE_SOCIAL_X_TOKEN", None)
    assert "manual review" in review and "QUESTLINE" not in review

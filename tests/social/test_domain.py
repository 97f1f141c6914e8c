"""domain/social_*.py: the support matrix, handles and targets, hashtags, verdicts, failures and the cooldown."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import get_args

import pytest

from domain.errors import Cooldown, Invalid
from domain.missions import SocialGoal
from domain.social_cooldown import SocialCheck, check_ends_by, ensure_may_verify, retry_after
from domain.social_support import ACTIONS, PLATFORMS, support, supported, supported_actions
from domain.social_targets import (
    check_goal,
    contains_text,
    handle_for,
    hashtags_in,
    normalise_handle,
    normalise_hashtag,
    normalise_target,
)
from domain.social_verification import NON_RETRYABLE, SocialFailure, Verdict, after_failure
from tests.social.scenarios import goal

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
DELAY, TIMEOUT = timedelta(minutes=5), timedelta(minutes=10)


# --- the matrix ----------------------------------------------------------------------------------


def test_platforms_and_actions_are_the_goals() -> None:
    fields = SocialGoal.model_fields
    assert set(PLATFORMS) == set(get_args(fields["platform"].annotation))
    assert set(ACTIONS) == set(get_args(fields["action"].annotation))


def test_the_matrix() -> None:
    assert {p: supported_actions(p) for p in PLATFORMS} == {
        "x": ["follow", "like", "repost", "comment", "post", "hashtag_post"],
        "discord": ["join"],
        "telegram": ["join"],
        "instagram": ["post", "hashtag_post"],
        "tiktok": ["follow", "like", "repost", "post", "hashtag_post"],
        "youtube": ["follow", "comment", "post", "hashtag_post"],
    }


@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize("action", ACTIONS)
def test_every_pair_says_how_or_why_not(platform: str, action: str) -> None:
    entry = support(platform, action)
    assert entry.supported is supported(platform, action)
    assert len(entry.how) > 10


def test_unknown_names_are_unsupported() -> None:
    assert not supported("myspace", "follow")
    assert not supported("x", "poke")


def test_check_goal_refuses_an_unsupported_pair_with_the_reason() -> None:
    with pytest.raises(Invalid) as raised:
        check_goal(goal("youtube", "like", "https://youtu.be/dQw4w9WgXcQ"))
    assert raised.value.code == "not_supported"
    assert raised.value.details[0]["field"] == "goal.action"
    assert "OAuth" in raised.value.details[0]["reason"]
    assert "follow, comment, post, hashtag_post" in raised.value.message


def test_check_goal_refuses_a_target_that_does_not_fit() -> None:
    with pytest.raises(Invalid) as raised:
        check_goal(goal("discord", "join", "https://discord.gg/abcdef"))
    assert (raised.value.code, raised.value.details[0]["field"]) == ("invalid_social_target", "goal.target")


def test_check_goal_refuses_a_count_on_an_action_done_once() -> None:
    with pytest.raises(Invalid) as raised:
        check_goal(goal("x", "follow", "@brand", count=3))
    assert raised.value.details[0]["field"] == "goal.count"
    check_goal(goal("x", "hashtag_post", "#brand", count=3))


# --- handles and targets -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("platform", "written", "normalised"),
    [
        ("x", "@Brand", "brand"),
        ("x", "brand", "brand"),
        ("x", " https://x.com/Brand ", "brand"),
        ("x", "twitter.com/Brand/", "brand"),
        ("instagram", "@Some.Body_1", "some.body_1"),
        ("instagram", "https://www.instagram.com/somebody/", "somebody"),
        ("tiktok", "https://www.tiktok.com/@Dancer.1", "dancer.1"),
        ("tiktok", "@dancer", "dancer"),
        ("youtube", "UCabcdefghijklmnopqrstuv", "UCabcdefghijklmnopqrstuv"),
        ("youtube", "https://www.youtube.com/channel/UCabcdefghijklmnopqrstuv", "UCabcdefghijklmnopqrstuv"),
        ("youtube", "@MyChannel", "@mychannel"),
        ("youtube", "youtube.com/@MyChannel", "@mychannel"),
        ("discord", "222222222222222222", "222222222222222222"),
        ("discord", "<@!222222222222222222>", "222222222222222222"),
        ("telegram", "4242", "4242"),
    ],
)
def test_handles(platform: str, written: str, normalised: str) -> None:
    assert normalise_handle(platform, written) == normalised  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("platform", "written"),
    [
        ("x", "way_too_long_for_x_names"),
        ("x", "https://instagram.com/brand"),
        ("x", "bad name"),
        ("discord", "alice#1234"),
        ("telegram", "@alice"),
        ("youtube", "https://vimeo.com/@someone"),
    ],
)
def test_unusable_handles(platform: str, written: str) -> None:
    with pytest.raises(Invalid) as raised:
        normalise_handle(platform, written)  # type: ignore[arg-type]
    assert raised.value.code == "invalid_social_handle"
    assert raised.value.details[0]["field"] == f"social.{platform}"


def test_handle_for_hides_missing_or_unusable_handles() -> None:
    social = {"x": "@Alice", "discord": "alice#1", "telegram": ""}
    assert handle_for(social, "x") == "alice"
    assert handle_for(social, "discord") is None
    assert handle_for(social, "telegram") is None
    assert handle_for(social, "youtube") is None


@pytest.mark.parametrize(
    ("platform", "action", "written", "normalised"),
    [
        ("x", "like", "https://x.com/brand/status/1790000000000000001?s=20", "1790000000000000001"),
        ("x", "repost", "twitter.com/brand/status/17", "17"),
        ("x", "comment", "1790000000000000001", "1790000000000000001"),
        ("x", "follow", "@Brand", "brand"),
        ("tiktok", "like", "https://www.tiktok.com/@brand/video/7300000000000000001", "7300000000000000001"),
        ("youtube", "comment", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=5", "dQw4w9WgXcQ"),
        ("youtube", "comment", "https://youtu.be/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("youtube", "comment", "https://youtube.com/shorts/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("youtube", "follow", "https://www.youtube.com/@Brand", "@brand"),
        ("x", "post", "  I joined!  ", "I joined!"),
        ("instagram", "hashtag_post", "#Café", "cafe"),
        ("discord", "join", "111111111111111111", "111111111111111111"),
        ("discord", "join", "https://discord.com/channels/111111111111111111/222222222222222222", "111111111111111111"),
        ("telegram", "join", "https://t.me/Questline_News", "@questline_news"),
        ("telegram", "join", "@Questline_News", "@questline_news"),
        ("telegram", "join", "-1001234567890", "-1001234567890"),
    ],
)
def test_targets(platform: str, action: str, written: str, normalised: str) -> None:
    assert normalise_target(platform, action, written) == normalised  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("platform", "action", "written"),
    [
        ("x", "like", "https://x.com/brand"),
        ("x", "like", "https://tiktok.com/@brand/video/1"),
        ("tiktok", "like", "https://vm.tiktok.com/ZMabc/"),
        ("youtube", "comment", "https://youtube.com/@brand"),
        ("discord", "join", "https://discord.gg/abcdef"),
        ("telegram", "join", "https://t.me/+AbCdEf123"),
        ("telegram", "join", "https://t.me/joinchat/AbCdEf123"),
        ("x", "post", "   "),
        ("x", "hashtag_post", "#"),
        ("x", "hashtag_post", "two words"),
    ],
)
def test_unusable_targets(platform: str, action: str, written: str) -> None:
    with pytest.raises(Invalid) as raised:
        normalise_target(platform, action, written)  # type: ignore[arg-type]
    assert raised.value.code == "invalid_social_target"


# --- text and hashtags ---------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["#Café", "café", "CAFE", "#cafe", " #CaFé "])
def test_hashtags_are_compared_without_hash_case_or_accents(written: str) -> None:
    assert normalise_hashtag(written) == "cafe"


def test_hashtags_in_text() -> None:
    assert hashtags_in("Morning #Café and #Brand_2025! #brand") == {"cafe", "brand_2025", "brand"}
    assert hashtags_in("no tags, just C# and # alone") == set()


def test_contains_text_ignores_case_accents_and_spacing() -> None:
    assert contains_text("Wow, I just  JOINED   Québec fans", "i just joined quebec")
    assert not contains_text("I joined", "I just joined")


# --- verdicts and failures -----------------------------------------------------------------------


def test_verdict_of() -> None:
    assert Verdict.of(2, 3, "x") == Verdict(done=False, found=2, needed=3, detail="x")
    assert Verdict.of(4, 3, "x").done


def test_after_failure() -> None:
    assert after_failure(SocialFailure.NOT_DONE) == "not_done"
    assert after_failure(SocialFailure.REJECTED) == "not_done"
    for kind in (SocialFailure.UNAVAILABLE, SocialFailure.NOT_CONFIGURED, SocialFailure.UNSUPPORTED, None, "other"):
        assert after_failure(kind) == "manual_review"
    assert set(NON_RETRYABLE) == {"social_rejected", "social_not_configured", "social_unsupported"}


# --- the cooldown --------------------------------------------------------------------------------


def check(platform: str = "x", *, at: datetime = NOW, ended: datetime | None = None) -> SocialCheck:
    return SocialCheck(
        platform=platform,  # type: ignore[arg-type]
        mission_id="mis_1",
        requested_at=at,
        ends_by=check_ends_by(at, DELAY, TIMEOUT),
        ended_at=ended,
    )


def test_no_previous_check_allows() -> None:
    assert retry_after(None, NOW) is None
    ensure_may_verify([], "x", NOW)


def test_a_running_check_refuses_until_it_can_no_longer_run() -> None:
    running = check()
    assert running.ends_by == NOW + timedelta(minutes=15)
    assert retry_after(running, NOW + timedelta(minutes=1)) == running.ends_by
    assert retry_after(running, NOW + timedelta(minutes=15)) is None, "a check that never reported its end is over"


def test_an_ended_check_allows_at_once() -> None:
    assert retry_after(check(ended=NOW + timedelta(minutes=6)), NOW + timedelta(minutes=7)) is None


def test_cooldown_is_per_platform_and_says_when() -> None:
    checks = [check("x"), check("tiktok", at=NOW - timedelta(hours=1), ended=NOW - timedelta(minutes=50))]
    ensure_may_verify(checks, "tiktok", NOW)
    ensure_may_verify(checks, "youtube", NOW)
    with pytest.raises(Cooldown) as raised:
        ensure_may_verify(checks, "x", NOW + timedelta(minutes=2))
    error = raised.value
    assert error.code == "social_check_running"
    assert error.details["platform"] == "x"
    assert error.details["mission_id"] == "mis_1"
    assert error.details["retry_after"] == (NOW + timedelta(minutes=15)).isoformat()
    assert error.details["retry_after_seconds"] == 13 * 60


def test_cooldown_looks_at_the_latest_check_of_the_platform() -> None:
    old = check(at=NOW - timedelta(hours=2), ended=NOW - timedelta(hours=2))
    new = check(at=NOW)
    with pytest.raises(Cooldown):
        ensure_may_verify([new, old], "x", NOW + timedelta(seconds=1))
    ensure_may_verify([old], "x", NOW)

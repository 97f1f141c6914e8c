"""The `verify_social` activity's error classification, run in Temporal's ActivityEnvironment against the emulator."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

import httpx
import pytest
from temporalio.exceptions import ApplicationError
from temporalio.testing import ActivityEnvironment

from activities.social import SocialActivities
from devstack.social_emulator import Emulator
from domain.missions import SocialGoal
from domain.social_verification import SocialFailure, Verdict, VerifySocial
from settings import Settings
from tests.social.conftest import social_settings
from tests.social.scenarios import SCENARIOS, ago, goal

MINUTE = timedelta(minutes=1)


def request(social_goal: SocialGoal, handle: str, requested_at: datetime, **fields: object) -> VerifySocial:
    return VerifySocial.model_validate(
        {
            "mission_id": "mis_social",
            "user_id": "alice",
            "goal": social_goal,
            "handle": handle,
            "requested_at": requested_at,
            **fields,
        }
    )


async def attempt(activities: SocialActivities, payload: VerifySocial, scheduled: datetime | None = None) -> Verdict:
    """One attempt, started (by the server's clock) at `scheduled` (default: as the user asked)."""
    env = ActivityEnvironment()
    when = scheduled or payload.requested_at
    env.info = dataclasses.replace(env.info, started_time=when, attempt=1)
    result: Verdict = await env.run(activities.verify_social, payload)
    return result


async def failure(
    activities: SocialActivities, payload: VerifySocial, scheduled: datetime | None = None
) -> ApplicationError:
    with pytest.raises(ApplicationError) as raised:
        await attempt(activities, payload, scheduled)
    return raised.value


@pytest.fixture
def activities(http: httpx.AsyncClient, settings: Settings) -> SocialActivities:
    return SocialActivities(http, settings)


async def test_done_returns_the_verdict(emu: Emulator, activities: SocialActivities) -> None:
    social_goal, handle = SCENARIOS[("x", "hashtag_post")](emu, True, 0)
    verdict = await attempt(activities, request(social_goal, handle, ago(minutes=5)))
    assert (verdict.done, verdict.found, verdict.needed) == (True, 1, 1)


async def test_not_done_is_retryable_with_the_verdict_until_the_deadline(
    emu: Emulator, activities: SocialActivities
) -> None:
    social_goal, handle = SCENARIOS[("tiktok", "hashtag_post")](emu, False, 0)
    asked = ago(minutes=6)
    error = await failure(activities, request(social_goal, handle, asked))
    assert (error.type, error.non_retryable) == (SocialFailure.NOT_DONE, False)
    assert Verdict.model_validate(error.details[0]) == Verdict(
        done=False, found=0, needed=1, detail="found 0 of 1 TikTok videos by @alice with #questline"
    )
    # Past requested_at + delay (5 min) + timeout (10 min) the same answer is final.
    final = await failure(activities, request(social_goal, handle, asked), asked + 15 * MINUTE)
    assert (final.type, final.non_retryable) == (SocialFailure.NOT_DONE, True)


async def test_an_explicit_deadline_wins(emu: Emulator, activities: SocialActivities) -> None:
    social_goal, handle = SCENARIOS[("x", "follow")](emu, False, 0)
    asked = ago(minutes=1)
    payload = request(social_goal, handle, asked, deadline=asked + MINUTE)
    assert (await failure(activities, payload, asked)).non_retryable is False
    assert (await failure(activities, payload, asked + MINUTE)).non_retryable is True


async def test_a_post_that_appears_later_passes_on_a_later_attempt(emu: Emulator, activities: SocialActivities) -> None:
    social_goal, handle = SCENARIOS[("youtube", "hashtag_post")](emu, True, 1)
    payload = request(social_goal, handle, ago(minutes=5))
    assert (await failure(activities, payload)).type == SocialFailure.NOT_DONE
    assert (await attempt(activities, payload)).done


@pytest.mark.parametrize("platform", ["x", "discord", "telegram", "instagram", "tiktok", "youtube"])
async def test_a_platform_5xx_is_retryable_then_final(
    platform: str, emu: Emulator, activities: SocialActivities
) -> None:
    from tests.social.scenarios import ONE_PER_PLATFORM

    social_goal, handle = ONE_PER_PLATFORM[platform](emu, True, 0)
    asked = ago(minutes=5)
    emu.fail(platform, 502, times=2)
    error = await failure(activities, request(social_goal, handle, asked))
    assert (error.type, error.non_retryable) == (SocialFailure.UNAVAILABLE, False)
    final = await failure(activities, request(social_goal, handle, asked), asked + 16 * MINUTE)
    assert (final.type, final.non_retryable) == (SocialFailure.UNAVAILABLE, True)


async def test_a_rate_limit_asks_for_the_platforms_wait(emu: Emulator, activities: SocialActivities) -> None:
    social_goal, handle = SCENARIOS[("discord", "join")](emu, True, 0)
    asked = ago(minutes=5)
    emu.rate_limit("discord", retry_after=30)
    error = await failure(activities, request(social_goal, handle, asked))
    assert (error.type, error.non_retryable, error.next_retry_delay) == (
        SocialFailure.UNAVAILABLE,
        False,
        timedelta(seconds=30),
    )


async def test_a_rate_limit_past_the_deadline_leaves_one_last_try(emu: Emulator, activities: SocialActivities) -> None:
    social_goal, handle = SCENARIOS[("telegram", "join")](emu, True, 0)
    asked = ago(minutes=5)
    emu.rate_limit("telegram", retry_after=600)
    error = await failure(activities, request(social_goal, handle, asked), asked + 14 * MINUTE)
    assert error.next_retry_delay == MINUTE, "the wait is cut to the deadline"


async def test_missing_credentials_are_not_retried(emu: Emulator, emu_url: str, http: httpx.AsyncClient) -> None:
    activities = SocialActivities(http, social_settings(emu, emu_url, social_youtube_key=""))
    social_goal, handle = SCENARIOS[("youtube", "follow")](emu, True, 0)
    error = await failure(activities, request(social_goal, handle, ago(minutes=5)))
    assert (error.type, error.non_retryable) == (SocialFailure.NOT_CONFIGURED, True)
    assert "QUESTLINE_SOCIAL_YOUTUBE_KEY" in error.message


async def test_unsupported_is_not_retried(activities: SocialActivities) -> None:
    error = await failure(activities, request(goal("instagram", "follow", "@brand"), "alice", ago(minutes=5)))
    assert (error.type, error.non_retryable) == (SocialFailure.UNSUPPORTED, True)


async def test_a_rejected_account_is_not_retried(emu: Emulator, activities: SocialActivities) -> None:
    emu.instagram.account("alice", business=False)
    error = await failure(activities, request(goal("instagram", "post", "hello"), "alice", ago(minutes=5)))
    assert (error.type, error.non_retryable) == (SocialFailure.REJECTED, True)

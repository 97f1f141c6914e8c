"""Every platform client against the emulator over real HTTP: each supported action done, not done and
visible only on a later call; platform failures, rate limits, credentials and unsupported pairs."""

from __future__ import annotations

import socket
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from devstack.social_emulator import Emulator
from domain.social_support import ACTIONS, PLATFORMS, supported
from settings import Settings
from social.errors import NotConfigured, RateLimited, Rejected, Unavailable, Unsupported
from social.verifiers import Verifiers
from tests.social.conftest import social_settings
from tests.social.scenarios import (
    CHANNEL,
    DISCORD_USER,
    GUILD,
    ONE_PER_PLATFORM,
    SCENARIOS,
    TELEGRAM_USER,
    ago,
    goal,
)

SUPPORTED = sorted(SCENARIOS)
UNSUPPORTED = [(p, a) for p in PLATFORMS for a in ACTIONS if not supported(p, a)]
#: Each platform's credential settings.
CREDENTIALS = {
    "x": ("social_x_token",),
    "discord": ("social_discord_token",),
    "telegram": ("social_telegram_token",),
    "instagram": ("social_instagram_token", "social_instagram_account_id"),
    "tiktok": ("social_tiktok_client_key", "social_tiktok_client_secret"),
    "youtube": ("social_youtube_key",),
}


def pair_id(pair: tuple[str, str]) -> str:
    return "-".join(pair)


def test_every_supported_pair_has_a_scenario() -> None:
    assert set(SCENARIOS) == {(p, a) for p in PLATFORMS for a in ACTIONS if supported(p, a)}


# --- each supported action -----------------------------------------------------------------------


@pytest.mark.parametrize("pair", SUPPORTED, ids=pair_id)
async def test_done(pair: tuple[str, str], emu: Emulator, verifiers: Verifiers) -> None:
    social_goal, handle = SCENARIOS[pair](emu, True, 0)
    verdict = await verifiers.check(social_goal, handle, None)
    assert verdict.done, verdict
    assert (verdict.found, verdict.needed) == (1, 1)


@pytest.mark.parametrize("pair", SUPPORTED, ids=pair_id)
async def test_not_done(pair: tuple[str, str], emu: Emulator, verifiers: Verifiers) -> None:
    social_goal, handle = SCENARIOS[pair](emu, False, 0)
    verdict = await verifiers.check(social_goal, handle, None)
    assert not verdict.done, verdict
    assert (verdict.found, verdict.needed) == (0, 1)
    assert verdict.detail


@pytest.mark.parametrize("pair", SUPPORTED, ids=pair_id)
async def test_not_visible_yet_then_visible(pair: tuple[str, str], emu: Emulator, verifiers: Verifiers) -> None:
    """The platform shows the action only from its second listing on (as a post that takes minutes)."""
    social_goal, handle = SCENARIOS[pair](emu, True, 1)
    first = await verifiers.check(social_goal, handle, None)
    second = await verifiers.check(social_goal, handle, None)
    assert (first.done, second.done) == (False, True)


# --- failures, per platform ----------------------------------------------------------------------


@pytest.mark.parametrize("platform", PLATFORMS)
async def test_a_platform_5xx_is_retryable(platform: str, emu: Emulator, verifiers: Verifiers) -> None:
    social_goal, handle = ONE_PER_PLATFORM[platform](emu, True, 0)
    emu.fail(platform, 503)
    with pytest.raises(Unavailable) as raised:
        await verifiers.check(social_goal, handle, None)
    assert raised.value.retryable
    assert (await verifiers.check(social_goal, handle, None)).done, "the next try gets through"


#: What each platform says about how long to wait when it rate limits (emulated with 7 s).
WAIT = {
    "x": timedelta(seconds=7),  # x-rate-limit-reset
    "discord": timedelta(seconds=7),  # body retry_after
    "telegram": timedelta(seconds=7),  # parameters.retry_after
    "instagram": None,  # code 4, no time given
    "tiktok": None,  # 429 rate_limit_exceeded, no header
    "youtube": None,  # 403 quotaExceeded
}


@pytest.mark.parametrize("platform", PLATFORMS)
async def test_a_rate_limit_is_retryable_and_says_how_long(platform: str, emu: Emulator, verifiers: Verifiers) -> None:
    social_goal, handle = ONE_PER_PLATFORM[platform](emu, True, 0)
    emu.rate_limit(platform, retry_after=7)
    with pytest.raises(RateLimited) as raised:
        await verifiers.check(social_goal, handle, None)
    assert raised.value.retryable
    expected, got = WAIT[platform], raised.value.retry_after
    if expected is None:
        assert got is None
    else:
        assert got is not None and abs(got - expected) <= timedelta(seconds=1.5), got


@pytest.mark.parametrize("platform", PLATFORMS)
async def test_missing_credentials_are_not_configured_and_call_nothing(
    platform: str, emu: Emulator, emu_url: str, http: httpx.AsyncClient
) -> None:
    for name in CREDENTIALS[platform]:
        verifiers = Verifiers(http, social_settings(emu, emu_url, **{name: ""}))
        social_goal, handle = ONE_PER_PLATFORM[platform](emu, True, 0)
        with pytest.raises(NotConfigured) as raised:
            await verifiers.check(social_goal, handle, None)
        assert not raised.value.retryable
        assert f"QUESTLINE_{name.upper()}" in raised.value.detail
        assert not verifiers.configured(social_goal.platform)
    assert emu.requests_to(platform) == 0


@pytest.mark.parametrize("platform", PLATFORMS)
async def test_refused_credentials_are_not_configured(
    platform: str, emu: Emulator, emu_url: str, http: httpx.AsyncClient
) -> None:
    name = CREDENTIALS[platform][0]
    wrong = "999:wrong" if platform == "telegram" else "wrong-credential"
    verifiers = Verifiers(http, social_settings(emu, emu_url, **{name: wrong}))
    social_goal, handle = ONE_PER_PLATFORM[platform](emu, True, 0)
    with pytest.raises(NotConfigured):
        await verifiers.check(social_goal, handle, None)
    assert emu.requests_to(platform) >= 1


@pytest.mark.parametrize("pair", UNSUPPORTED, ids=pair_id)
async def test_unsupported_pairs_are_refused_without_a_call(
    pair: tuple[str, str], emu: Emulator, verifiers: Verifiers
) -> None:
    platform, action = pair
    with pytest.raises(Unsupported) as raised:
        await verifiers.check(goal(platform, action, "anything"), "alice", None)
    assert not raised.value.retryable
    assert emu.requests_to(platform) == 0


async def test_an_unreachable_platform_is_retryable(emu: Emulator, emu_url: str, http: httpx.AsyncClient) -> None:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{free.getsockname()[1]}"
    verifiers = Verifiers(http, social_settings(emu, emu_url, social_x_base_url=closed))
    with pytest.raises(Unavailable) as raised:
        await verifiers.check(goal("x", "follow", "brand"), "alice", None)
    assert "could not be reached" in raised.value.detail


async def test_a_handle_the_platform_cannot_use_is_rejected(verifiers: Verifiers) -> None:
    with pytest.raises(Rejected):
        await verifiers.check(goal("discord", "join", GUILD), "alice#1234", None)


# --- counts and the `since` bound ----------------------------------------------------------------

COUNTED = [pair for pair in SUPPORTED if pair[1] in ("post", "hashtag_post")]


@pytest.mark.parametrize("pair", COUNTED, ids=pair_id)
async def test_count_needs_that_many_posts_since_the_bound(
    pair: tuple[str, str], emu: Emulator, verifiers: Verifiers
) -> None:
    """Two matching posts after `since` (and one before it) do not make three."""
    platform, action = pair
    text = "#Questline" if action == "hashtag_post" else "Questline rocks"
    target = "questline" if action == "hashtag_post" else "questline rocks"
    handle = "alice"
    posts = {
        "x": lambda at: emu.x.post("alice", text, at=at),
        "instagram": lambda at: emu.instagram.post("alice", text, at=at),
        "tiktok": lambda at: emu.tiktok.post("alice", text, at=at),
    }
    if platform == "youtube":
        handle = emu.youtube.channel("@alice")
        posts["youtube"] = lambda at: emu.youtube.upload(handle, text, at=at)
    posts[platform](ago(days=3))
    posts[platform](ago(hours=2))
    posts[platform](ago(minutes=5))
    three = goal(platform, action, target, count=3)
    verdict = await verifiers.check(three, handle, ago(days=1))
    assert (verdict.done, verdict.found, verdict.needed) == (False, 2, 3), verdict
    assert (await verifiers.check(three, handle, ago(days=4))).done
    two = goal(platform, action, target, count=2)
    assert (await verifiers.check(two, handle, ago(days=1))).done


@pytest.mark.parametrize(("written", "target"), [("#Café", "cafe"), ("#CAFE", "#café"), ("#café", "Café")])
@pytest.mark.parametrize("platform", ["x", "instagram", "tiktok", "youtube"])
async def test_hashtags_match_without_hash_case_or_accents(
    platform: str, written: str, target: str, emu: Emulator, verifiers: Verifiers
) -> None:
    handle = "alice"
    if platform == "x":
        emu.x.post("alice", f"coffee time {written}")
    elif platform == "instagram":
        emu.instagram.post("alice", f"coffee time {written}")
    elif platform == "tiktok":
        emu.tiktok.post("alice", "coffee time", hashtags=[written.lstrip("#")])
    else:
        handle = emu.youtube.channel("@alice")
        emu.youtube.upload(handle, "coffee", f"time {written}")
    assert (await verifiers.check(goal(platform, "hashtag_post", target), handle, None)).done


# --- platform specifics --------------------------------------------------------------------------


async def test_x_unknown_account_is_rejected(emu: Emulator, verifiers: Verifiers) -> None:
    emu.x.account("brand")
    with pytest.raises(Rejected, match="no account @ghost"):
        await verifiers.check(goal("x", "follow", "brand"), "ghost", None)


async def test_x_follow_on_a_later_page(emu: Emulator, verifiers: Verifiers) -> None:
    emu.x.follow("alice", "brand")
    for n in range(1000):  # newer follows push the brand to the second page of 1,000
        emu.x.follow("alice", f"acct{n}")
    assert (await verifiers.check(goal("x", "follow", "brand"), "alice", None)).done


async def test_x_a_repost_is_not_the_users_post(emu: Emulator, verifiers: Verifiers) -> None:
    original = emu.x.post("bob", "#Questline is great")
    emu.x.post("alice", "RT @bob: #Questline is great", repost_of=original)
    assert not (await verifiers.check(goal("x", "hashtag_post", "questline"), "alice", None)).done


async def test_discord_bot_outside_the_server_is_not_configured(emu: Emulator, verifiers: Verifiers) -> None:
    with pytest.raises(NotConfigured, match="bot is not in server"):
        await verifiers.check(goal("discord", "join", GUILD), DISCORD_USER, None)


@pytest.mark.parametrize(
    ("status", "is_member", "done"),
    [
        ("creator", None, True),
        ("administrator", None, True),
        ("member", None, True),
        ("restricted", True, True),
        ("restricted", False, False),
        ("left", None, False),
        ("kicked", None, False),
    ],
)
async def test_telegram_statuses(
    status: str, is_member: bool | None, done: bool, emu: Emulator, verifiers: Verifiers
) -> None:
    emu.telegram.member(CHANNEL, TELEGRAM_USER, status, is_member=is_member)
    verdict = await verifiers.check(goal("telegram", "join", CHANNEL), TELEGRAM_USER, None)
    assert verdict.done is done


async def test_telegram_unknown_chat_is_rejected(verifiers: Verifiers) -> None:
    with pytest.raises(Rejected, match="chat not found"):
        await verifiers.check(goal("telegram", "join", "@nosuchchannel"), TELEGRAM_USER, None)


async def test_instagram_personal_account_is_rejected(emu: Emulator, verifiers: Verifiers) -> None:
    emu.instagram.account("alice", business=False)
    emu.instagram.post("alice", "#questline")
    with pytest.raises(Rejected, match="cannot be found"):
        await verifiers.check(goal("instagram", "hashtag_post", "questline"), "alice", None)


async def test_instagram_reads_later_pages(emu: Emulator, verifiers: Verifiers) -> None:
    emu.instagram.post("alice", "#questline", at=ago(days=2))
    for n in range(60):
        emu.instagram.post("alice", f"post {n}", at=ago(hours=1, minutes=n))
    assert (await verifiers.check(goal("instagram", "hashtag_post", "questline"), "alice", ago(days=3))).done


async def test_tiktok_reuses_its_token_and_renews_a_refused_one(emu: Emulator, verifiers: Verifiers) -> None:
    social_goal, handle = SCENARIOS[("tiktok", "follow")](emu, True, 0)
    assert (await verifiers.check(social_goal, handle, None)).done
    assert (await verifiers.check(social_goal, handle, None)).done
    assert emu.tiktok.tokens_issued == 1
    emu.tiktok.expire_tokens()
    assert (await verifiers.check(social_goal, handle, None)).done
    assert emu.tiktok.tokens_issued == 2


async def test_tiktok_unknown_user_is_rejected(verifiers: Verifiers) -> None:
    with pytest.raises(Rejected, match="does not exist"):
        await verifiers.check(goal("tiktok", "follow", "brand"), "ghost", None)


async def test_youtube_private_subscriptions_are_rejected(emu: Emulator, verifiers: Verifiers) -> None:
    alice = emu.youtube.channel("@alice", public_subscriptions=False)
    emu.youtube.subscribe(alice, emu.youtube.channel("@brand"))
    with pytest.raises(Rejected, match="not allowed"):
        await verifiers.check(goal("youtube", "follow", "@brand"), alice, None)


async def test_youtube_unknown_handle_is_rejected(emu: Emulator, verifiers: Verifiers) -> None:
    emu.youtube.channel("@brand")
    with pytest.raises(Rejected, match="no channel @ghost"):
        await verifiers.check(goal("youtube", "follow", "@brand"), "@ghost", None)


async def test_settings_default_to_the_real_apis() -> None:
    defaults = Settings(env="test")
    assert defaults.social_x_base_url == "https://api.x.com"
    assert defaults.social_discord_base_url == "https://discord.com/api/v10"
    assert defaults.social_telegram_base_url == "https://api.telegram.org"
    assert defaults.social_instagram_base_url.startswith("https://graph.facebook.com/v")
    assert defaults.social_tiktok_base_url == "https://open.tiktokapis.com"
    assert defaults.social_youtube_base_url == "https://www.googleapis.com/youtube/v3"
    assert (defaults.social_check_delay, defaults.social_check_timeout) == (timedelta(minutes=5), timedelta(minutes=10))


async def test_a_post_in_the_same_second_as_since_counts(emu: Emulator, verifiers: Verifiers) -> None:
    """Platforms date posts to the whole second; `since` has microseconds (an activation, an
    anchor). A post made in that same second is not "before" it."""
    since = datetime(2026, 6, 1, 12, 0, 0, 900_000, tzinfo=UTC)
    emu.instagram.account("alice")
    emu.instagram.post("alice", "#Questline at noon", at=since + timedelta(milliseconds=50))
    hashtag = goal("instagram", "hashtag_post", "questline")
    assert (await verifiers.check(hashtag, "@alice", since)).done
    assert not (await verifiers.check(hashtag, "@alice", since + timedelta(seconds=1))).done

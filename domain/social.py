"""Social goals (mission-semantics.md §5): what can be verified, how handles and targets are written,
what a verification found, and when a user may ask again.

Pure: no I/O and no clock (time is always a parameter), so the enrolment workflow can call it
through the sandbox and the API can call it before starting anything. The platform clients live
in `social/` and the activity in `activities/social.py`; this module is what they agree on:

- `support(platform, action)` — the matrix of what each platform's public API can verify, with the
  endpoint used or the reason it cannot (`check_goal` turns a refusal into a 422 `not_supported`).
- `normalise_handle` / `normalise_target` — `@Brand`, `brand` and `https://x.com/Brand` are one
  account; post URLs become post ids; hashtags lose `#`, case and accents.
- `VerifySocial` → `Verdict` — the activity's payloads; `SocialFailure` — its `ApplicationError.type`s
  and `after_failure` — what the journey does when the retries end on one of them.
- `check_ends_by` / `retry_after` / `ensure_may_verify` — the per-platform cooldown: a user cannot
  ask again on a platform until the previous check there has ended (429 until then).
- `check_handles` / `has_linked_account` — what a user links (`PUT /v1/users` `social`) and the
  targeting rule: a user without a usable handle on a mission's platform does not see it.
- `VerificationState` — the latest check as the journey records it (and the mission view shows).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Literal, get_args
from urllib.parse import parse_qs, urlsplit

from pydantic import BaseModel, ConfigDict, Field

from domain.errors import Cooldown, Invalid
from domain.missions import MissionSpec, SocialGoal

Platform = Literal["x", "discord", "telegram", "instagram", "tiktok", "youtube"]
Action = Literal["follow", "like", "repost", "comment", "post", "join", "hashtag_post"]
PLATFORMS: tuple[Platform, ...] = get_args(Platform)
ACTIONS: tuple[Action, ...] = get_args(Action)
#: Actions whose `count` is a number of posts; every other action is done once.
COUNTED: frozenset[Action] = frozenset({"post", "hashtag_post"})

# --- the support matrix ------------------------------------------------------------------------

#: How each verifiable (platform, action) is checked: the public endpoint the client calls.
_HOW: dict[tuple[Platform, Action], str] = {
    ("x", "follow"): "GET /2/users/:id/following lists the accounts the user follows",
    ("x", "like"): "GET /2/users/:id/liked_tweets lists the posts the user liked, newest first",
    ("x", "repost"): "GET /2/users/:id/tweets: a post of the user that references the target as `retweeted`",
    ("x", "comment"): "GET /2/users/:id/tweets: a post of the user that references the target as `replied_to`",
    ("x", "post"): "GET /2/users/:id/tweets: posts of the user whose text contains the target text",
    ("x", "hashtag_post"): "GET /2/users/:id/tweets: posts of the user carrying the hashtag (`entities.hashtags`)",
    ("discord", "join"): "GET /guilds/{guild.id}/members/{user.id} with a bot that is in the server",
    ("telegram", "join"): "Bot API getChatMember with a bot that administers the channel or group",
    ("instagram", "post"): "business_discovery of the user's recent media: captions containing the target text",
    ("instagram", "hashtag_post"): "business_discovery of the user's recent media: captions carrying the hashtag",
    ("tiktok", "follow"): "Research API POST /v2/research/user/following/",
    ("tiktok", "like"): "Research API POST /v2/research/user/liked_videos/",
    ("tiktok", "repost"): "Research API POST /v2/research/user/reposted_videos/",
    (
        "tiktok",
        "post",
    ): "Research API POST /v2/research/video/query/: the user's videos describing the text",
    ("tiktok", "hashtag_post"): "Research API POST /v2/research/video/query/: the user's videos carrying the hashtag",
    (
        "youtube",
        "follow",
    ): "subscriptions.list?channelId=<user>&forChannelId=<target> (public subscriptions only)",
    ("youtube", "comment"): "commentThreads.list?videoId=<target>: a top-level comment by the user's channel",
    ("youtube", "post"): "the user's uploads (playlistItems.list): titles or descriptions containing the text",
    (
        "youtube",
        "hashtag_post",
    ): "the user's uploads (playlistItems.list): titles or descriptions carrying the hashtag",
}

#: Why the other pairs cannot be verified, per platform, with per-action exceptions.
_WHY_NOT: dict[Platform, str] = {
    "x": "X has nothing a user joins that its public API can check",
    "discord": "a Discord bot can only see who is a member of a server (action `join`)",
    "telegram": "the Telegram Bot API can only tell whether a user is a member of a chat (action `join`)",
    "instagram": "Instagram's API does not show who follows an account or likes, reposts or comments on media",
    "tiktok": "TikTok has nothing a user joins",
    "youtube": "YouTube's API cannot verify this action",
}
_WHY_NOT_ACTION: dict[tuple[Platform, Action], str] = {
    ("instagram", "join"): "Instagram has nothing a user joins",
    (
        "tiktok",
        "comment",
    ): "TikTok's Research API returns comments without their author: a user's comment cannot be found",
    ("youtube", "like"): "YouTube shows a video's likes only to the user who gave them (OAuth), never to a third party",
    ("youtube", "repost"): "YouTube has no reposts",
    ("youtube", "join"): "YouTube channel memberships are not visible to the API",
}

#: What a user links per platform (`PUT /v1/users/{id}` `social`), as shown in errors.
HANDLE_FORMS: dict[Platform, str] = {
    "x": "an X username (`@name`, `name` or the profile URL)",
    "discord": "a Discord user id (17-20 digits; usernames cannot be looked up)",
    "telegram": "a numeric Telegram user id (the Bot API cannot look up usernames)",
    "instagram": "the username of an Instagram Business or Creator account",
    "tiktok": "a TikTok username (`@name`, `name` or the profile URL)",
    "youtube": "a YouTube channel id (`UC...`), `@handle` or channel URL",
}


@dataclass(frozen=True)
class Support:
    """Whether a (platform, action) pair can be verified, and how (or why not)."""

    supported: bool
    how: str
    """The endpoint a verification calls; for an unsupported pair, the reason."""


def support(platform: str, action: str) -> Support:
    """The matrix entry for a (platform, action) pair; unknown names are unsupported."""
    if platform not in PLATFORMS or action not in ACTIONS:
        return Support(False, f"unknown platform or action: {platform} {action}")
    pair = (platform, action)
    how = _HOW.get(pair)
    if how is not None:
        return Support(True, how)
    return Support(False, _WHY_NOT_ACTION.get(pair) or _WHY_NOT[pair[0]])


def supported(platform: str, action: str) -> bool:
    """True when the platform's API can verify the action."""
    return support(platform, action).supported


def supported_actions(platform: Platform) -> list[Action]:
    """The actions a platform can verify, in `ACTIONS` order."""
    return [a for a in ACTIONS if (platform, a) in _HOW]


def check_goal(goal: SocialGoal) -> None:
    """Raises `Invalid` (422) when the goal cannot be verified as written: unsupported pair, a target
    that does not fit the action, or a `count` on an action that is done once."""
    found = support(goal.platform, goal.action)
    if not found.supported:
        can = ", ".join(supported_actions(goal.platform))
        raise Invalid(
            "not_supported",
            f"{goal.action} cannot be verified on {goal.platform}: {found.how} (supported: {can})",
            [{"field": "goal.action", "reason": found.how}],
        )
    normalise_target(goal.platform, goal.action, goal.target)
    if goal.count > 1 and goal.action not in COUNTED:
        raise Invalid(
            "invalid_social_goal",
            f"count applies only to post and hashtag_post, not to {goal.action}",
            [{"field": "goal.count", "reason": "count applies only to post and hashtag_post"}],
        )


# --- text, hashtags, handles and targets -------------------------------------------------------

_SPACES = re.compile(r"\s+")
_HASHTAG_IN_TEXT = re.compile(r"#(\w+)")


def fold(text: str) -> str:
    """Text as compared: accents removed, case folded, runs of whitespace made one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", bare.casefold()).strip()


def normalise_hashtag(tag: str) -> str:
    """`#Café` → `cafe`: without `#`, case-insensitive, no accents (`Invalid` when nothing is left)."""
    folded = fold(tag.strip().lstrip("#"))
    if not re.fullmatch(r"\w+", folded):
        raise _bad_target("hashtag_post", tag, "a hashtag is one word of letters, digits or _, with or without #")
    return folded


def hashtags_in(text: str) -> set[str]:
    """The normalised hashtags written in a caption, title or description."""
    return {fold(tag) for tag in _HASHTAG_IN_TEXT.findall(unicodedata.normalize("NFC", text))}


def contains_text(haystack: str, needle: str) -> bool:
    """True when `haystack` contains `needle`, ignoring case, accents and spacing."""
    return fold(needle) in fold(haystack)


@dataclass(frozen=True)
class _Url:
    host: str
    path: list[str]
    query: dict[str, list[str]]


_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_BARE_HOST = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/|$)", re.IGNORECASE)


def _url(text: str) -> _Url | None:
    """The text as a URL (scheme optional), or None when it is not one."""
    if _SCHEME.match(text):
        parts = urlsplit(text)
    elif _BARE_HOST.match(text):
        parts = urlsplit("https://" + text)
    else:
        return None
    host = (parts.hostname or "").lower()
    for prefix in ("www.", "m.", "mobile."):
        host = host.removeprefix(prefix)
    return _Url(host, [p for p in parts.path.split("/") if p], parse_qs(parts.query))


def _bad_handle(platform: Platform, handle: str) -> Invalid:
    return Invalid(
        "invalid_social_handle",
        f"{handle!r} is not usable on {platform}: expected {HANDLE_FORMS[platform]}",
        [{"field": f"social.{platform}", "reason": f"expected {HANDLE_FORMS[platform]}"}],
    )


def _bad_target(action: str, target: str, reason: str) -> Invalid:
    return Invalid(
        "invalid_social_target",
        f"target {target!r} does not fit {action}: {reason}",
        [{"field": "goal.target", "reason": reason}],
    )


_ACCOUNT = {
    "x": (re.compile(r"[A-Za-z0-9_]{1,15}"), {"x.com", "twitter.com"}),
    "instagram": (re.compile(r"[A-Za-z0-9._]{1,30}"), {"instagram.com"}),
    "tiktok": (re.compile(r"[A-Za-z0-9._]{2,24}"), {"tiktok.com"}),
}
_YOUTUBE_CHANNEL = re.compile(r"UC[A-Za-z0-9_-]{22}")
_YOUTUBE_HANDLE = re.compile(r"[A-Za-z0-9._-]{3,30}")
_YOUTUBE_HOSTS = {"youtube.com", "youtu.be", "music.youtube.com"}
_SNOWFLAKE = re.compile(r"\d{17,20}")


def normalise_handle(platform: Platform, handle: str) -> str:
    """A user's linked account as the platform's API wants it (`Invalid` when it cannot be used).

    x, instagram, tiktok: the lower-case username (`@Brand`, `brand` and the profile URL are one);
    youtube: the channel id `UC...` as written, or `@handle` in lower case; discord, telegram: the
    numeric user id (neither API looks users up by name).
    """
    text = handle.strip()
    if platform in _ACCOUNT:
        pattern, hosts = _ACCOUNT[platform]
        url = _url(text)
        if url is not None:
            if url.host not in hosts or not url.path:
                raise _bad_handle(platform, handle)
            text = url.path[0]
        name = text.removeprefix("@")
        if not pattern.fullmatch(name):
            raise _bad_handle(platform, handle)
        return name.lower()
    if platform == "youtube":
        url = _url(text)
        if url is not None:
            if url.host not in _YOUTUBE_HOSTS or not url.path:
                raise _bad_handle(platform, handle)
            text = url.path[1] if url.path[0] in ("channel", "c", "user") and len(url.path) > 1 else url.path[0]
        if _YOUTUBE_CHANNEL.fullmatch(text):
            return text
        name = text.removeprefix("@")
        if not _YOUTUBE_HANDLE.fullmatch(name):
            raise _bad_handle(platform, handle)
        return "@" + name.lower()
    if platform == "discord":
        match = re.fullmatch(r"<@!?(\d+)>", text)
        user_id = match.group(1) if match else text
        if not _SNOWFLAKE.fullmatch(user_id):
            raise _bad_handle(platform, handle)
        return user_id
    if platform == "telegram":
        if not re.fullmatch(r"\d{1,15}", text):
            raise _bad_handle(platform, handle)
        return text
    raise _bad_handle(platform, handle)


def check_handles(social: Mapping[str, str]) -> None:
    """Raises `Invalid` (422 `invalid_social_handle`, field `social.<platform>`) for an unknown
    platform or a handle the platform's API could not use."""
    for platform, handle in social.items():
        if platform not in PLATFORMS:
            raise Invalid(
                "invalid_social_handle",
                f"{platform!r} is not a platform Questline verifies (one of {', '.join(PLATFORMS)})",
                [{"field": f"social.{platform}", "reason": "unknown platform"}],
            )
        normalise_handle(platform, handle)


def needs_handle(spec: MissionSpec) -> SocialGoal | None:
    """The mission's social goal when seeing it depends on a linked account; None otherwise."""
    return spec.goal if isinstance(spec.goal, SocialGoal) else None


def has_linked_account(spec: MissionSpec, social: Mapping[str, str]) -> bool:
    """§5 targeting: a social mission is seen only by users with a usable handle on its platform."""
    goal = needs_handle(spec)
    return goal is None or handle_for(social, goal.platform) is not None


def handle_for(social: Mapping[str, str], platform: Platform) -> str | None:
    """The user's usable handle on a platform, or None (then the mission is hidden from the user)."""
    raw = social.get(platform)
    if not raw:
        return None
    try:
        return normalise_handle(platform, raw)
    except Invalid:
        return None


def _post_id(platform: Platform, action: Action, target: str) -> str:
    text = target.strip()
    url = _url(text)
    if platform == "x":
        if url is None and re.fullmatch(r"\d{1,20}", text):
            return text
        if url is not None and url.host in ("x.com", "twitter.com") and "status" in url.path:
            post = url.path[url.path.index("status") + 1 : url.path.index("status") + 2]
            if post and re.fullmatch(r"\d{1,20}", post[0]):
                return post[0]
        raise _bad_target(action, target, "expected an X post URL (https://x.com/<user>/status/<id>) or post id")
    if platform == "tiktok":
        if url is None and re.fullmatch(r"\d{1,20}", text):
            return text
        if url is not None and url.host == "tiktok.com" and "video" in url.path:
            video = url.path[url.path.index("video") + 1 : url.path.index("video") + 2]
            if video and re.fullmatch(r"\d{1,20}", video[0]):
                return video[0]
        raise _bad_target(action, target, "expected a TikTok video URL (https://www.tiktok.com/@<user>/video/<id>)")
    if platform == "youtube":
        video_id = re.compile(r"[A-Za-z0-9_-]{11}")
        if url is None and video_id.fullmatch(text):
            return text
        if url is not None and url.host in _YOUTUBE_HOSTS:
            candidates = url.query.get("v", [])
            if url.host == "youtu.be" and url.path:
                candidates = [url.path[0]]
            elif len(url.path) >= 2 and url.path[0] in ("shorts", "live", "embed"):
                candidates = [url.path[1]]
            if candidates and video_id.fullmatch(candidates[0]):
                return candidates[0]
        raise _bad_target(action, target, "expected a YouTube video URL or 11-character video id")
    raise _bad_target(action, target, f"{platform} posts cannot be targeted")


def _join_target(platform: Platform, target: str) -> str:
    text = target.strip()
    url = _url(text)
    if platform == "discord":
        if url is not None and url.host in ("discord.com", "discordapp.com") and url.path[:1] == ["channels"]:
            text = url.path[1] if len(url.path) > 1 else ""
        if not _SNOWFLAKE.fullmatch(text):
            raise _bad_target("join", target, "expected a Discord server id (invite links cannot be checked)")
        return text
    if platform == "telegram":
        if url is not None:
            if url.host not in ("t.me", "telegram.me") or not url.path or url.path[0] in ("joinchat", "addlist"):
                raise _bad_target(
                    "join", target, "expected a public t.me link, an @username or a numeric chat id (not an invite)"
                )
            # t.me/s/<name> is the public preview of the channel <name>.
            text = url.path[1] if url.path[0] == "s" and len(url.path) > 1 else url.path[0]
        if re.fullmatch(r"-\d{1,20}", text):
            return text
        name = text.removeprefix("@")
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{3,31}", name):
            raise _bad_target(
                "join",
                target,
                "expected a public @username or a numeric chat id (private invite links cannot be checked)",
            )
        return "@" + name.lower()
    raise _bad_target("join", target, f"{platform} has nothing to join")


def normalise_target(platform: Platform, action: Action, target: str) -> str:
    """The goal's target as the platform's API wants it (`Invalid` naming `goal.target` otherwise).

    follow: the account (as `normalise_handle`); like, repost, comment: the post id (from its URL);
    post: the text; hashtag_post: the normalised hashtag; join: the server id (discord) or the
    chat's `@username` / numeric id (telegram).
    """
    if action == "follow":
        try:
            return normalise_handle(platform, target)
        except Invalid as exc:
            raise _bad_target(action, target, f"expected {HANDLE_FORMS[platform]}") from exc
    if action in ("like", "repost", "comment"):
        return _post_id(platform, action, target)
    if action == "post":
        if not fold(target):
            raise _bad_target(action, target, "the text to post must not be blank")
        return target.strip()
    if action == "hashtag_post":
        return normalise_hashtag(target)
    return _join_target(platform, target)


# --- the verification's payloads and outcomes --------------------------------------------------


class Verdict(BaseModel):
    """What one verification found on the platform."""

    model_config = ConfigDict(frozen=True)

    done: bool
    found: int = Field(ge=0)
    """Matching items found (posts, or 1 for a follow, like, membership...)."""
    needed: int = Field(ge=1)
    detail: str
    """A sentence for the user: what was checked and what was (not) found."""

    @classmethod
    def of(cls, found: int, needed: int, detail: str) -> Verdict:
        """A verdict that is done when `found` reaches `needed`."""
        return cls(done=found >= needed, found=found, needed=needed, detail=detail)


class VerifySocial(BaseModel):
    """Input of the `verify_social` activity: check one user's social action for one mission."""

    mission_id: str
    user_id: str
    goal: SocialGoal
    handle: str
    """The user's linked account on `goal.platform`, as stored (normalised by the verifier)."""
    requested_at: datetime
    """When the user asked (`POST .../verify`): the cooldown and the retry budget count from it."""
    since: datetime | None = None
    """Posts created before it do not count (e.g. the journey's anchor); None = any recent post."""
    deadline: datetime | None = None
    """After it, a failed attempt is final; None = `requested_at` + check delay + check timeout."""


#: Name of the activity (`activities/social.py`), for `workflow.execute_activity`.
VERIFY_SOCIAL = "verify_social"


class SocialFailure(StrEnum):
    """The `ApplicationError.type` of a failed `verify_social` attempt (never classify by message)."""

    NOT_DONE = "social_not_done"
    """The action was not found (yet): retried until the deadline; details carry the `Verdict`."""
    REJECTED = "social_rejected"
    """The platform refused for good: unknown or private account, bad target. Not retried."""
    UNAVAILABLE = "social_unavailable"
    """Timeouts, 5xx, rate limits (`next_retry_delay` honours Retry-After): retried until the deadline."""
    NOT_CONFIGURED = "social_not_configured"
    """No (or refused) credentials for the platform. Not retried."""
    UNSUPPORTED = "social_unsupported"
    """The platform cannot verify the action (see `support`). Not retried."""


#: Types the activity never retries (it also marks them non-retryable itself).
NON_RETRYABLE: tuple[str, ...] = (
    SocialFailure.REJECTED,
    SocialFailure.NOT_CONFIGURED,
    SocialFailure.UNSUPPORTED,
)
#: Suggested retry policy of the activity (the workflow builds a `RetryPolicy` from these).
RETRY_INITIAL_INTERVAL = timedelta(seconds=15)
RETRY_BACKOFF = 2.0
RETRY_MAXIMUM_INTERVAL = timedelta(minutes=2)
#: One attempt calls a few pages of one platform, each with a 10 s timeout.
ATTEMPT_TIMEOUT = timedelta(minutes=2)

Outcome = Literal["not_done", "manual_review"]


def after_failure(failure_type: str | None) -> Outcome:
    """What the journey does once `verify_social` failed for good, by the last failure's type.

    `not_done`: back to available, the user sees why (not found, unknown or private account) and
    may ask again. `manual_review`: the platform could not give an answer (unreachable, rate
    limited past the budget, not configured, unsupported): the submission goes to the review
    queue instead of passing or failing silently.
    """
    if failure_type in (SocialFailure.NOT_DONE, SocialFailure.REJECTED):
        return "not_done"
    return "manual_review"


#: Platform names as users read them.
LABELS: dict[Platform, str] = {
    "x": "X",
    "discord": "Discord",
    "telegram": "Telegram",
    "instagram": "Instagram",
    "tiktok": "TikTok",
    "youtube": "YouTube",
}


def failure_detail(platform: Platform, failure_type: str | None, message: str, verdict: Verdict | None) -> str:
    """The sentence a user sees when a check ended without passing.

    Not found: the verdict's own detail; refused for good: the platform's (safe) reason; anything
    that goes to manual review: that it did (configuration details are for operators, not users).
    """
    if failure_type == SocialFailure.NOT_DONE and verdict is not None:
        return verdict.detail
    if failure_type == SocialFailure.REJECTED:
        return message
    return f"{LABELS[platform]} could not confirm it right now; your request was sent for manual review"


# --- the cooldown --------------------------------------------------------------------------------


class SocialCheck(BaseModel):
    """The latest verification a user asked for on one platform."""

    model_config = ConfigDict(frozen=True)

    platform: Platform
    mission_id: str
    requested_at: datetime
    ends_by: datetime
    """The latest it can still be running (`check_ends_by`)."""
    ended_at: datetime | None = None
    """When it ended (passed, not found or sent to review); None while it runs."""


VerificationStatus = Literal["running", "passed", "failed", "review"]


class VerificationState(BaseModel):
    """The latest check a user asked for on one journey (`POST .../verify`), as the journey keeps it.

    `running` until the check ends; then `passed` (the mission completed), `failed` (not found, or
    the platform refused: `detail` says why and the user may ask again) or `review` (the platform
    could not answer: a submission waits in the manual review queue).
    """

    model_config = ConfigDict(frozen=True)

    status: VerificationStatus
    requested_at: datetime
    ends_by: datetime
    """The latest the check can run (`check_ends_by`): the cooldown's end while it runs."""
    ended_at: datetime | None = None
    detail: str | None = None
    """A sentence for the user once the check ended."""
    found: int | None = None
    needed: int | None = None
    failure: str | None = None
    """The last attempt's `SocialFailure` when it did not pass."""

    def as_check(self, platform: Platform, mission_id: str) -> SocialCheck:
        """This check as the cooldown rule reads it."""
        return SocialCheck(
            platform=platform,
            mission_id=mission_id,
            requested_at=self.requested_at,
            ends_by=self.ends_by,
            ended_at=self.ended_at if self.status != "running" else None,
        )


def check_ends_by(requested_at: datetime, delay: timedelta, timeout: timedelta) -> datetime:
    """The latest a check asked at `requested_at` can run: the initial delay, then the retry budget."""
    return requested_at + delay + timeout


def retry_after(previous: SocialCheck | None, now: datetime) -> datetime | None:
    """None when a new check may start at `now`; otherwise when it may (the 429's Retry-After).

    A check that never recorded its end is over once `ends_by` passed (a lost end must not lock
    the user out forever).
    """
    if previous is None or previous.ended_at is not None or now >= previous.ends_by:
        return None
    return previous.ends_by


def ensure_may_verify(checks: Iterable[SocialCheck], platform: Platform, now: datetime) -> None:
    """Raises `Cooldown` (429) while the user's latest check on `platform` runs; other platforms are independent."""
    mine = [c for c in checks if c.platform == platform]
    latest = max(mine, key=lambda c: c.requested_at) if mine else None
    until = retry_after(latest, now)
    if until is None or latest is None:
        return
    raise Cooldown(
        "social_check_running",
        f"a {platform} check is still running; ask again after it ends",
        {
            "platform": platform,
            "mission_id": latest.mission_id,
            "retry_after": until.isoformat(),
            "retry_after_seconds": max(1, int((until - now).total_seconds() + 0.999)),
        },
    )

"""Social platforms and actions (docs/missions.md §5), and what each platform's public API can verify.

- `support(platform, action)` — the matrix of what each platform's public API can verify, with the
  endpoint used or the reason it cannot (`domain.social_targets.check_goal` turns a refusal into a
  422 `not_supported`).
- `HANDLE_FORMS` — what a user links per platform, as errors show it.

Pure, like the other `domain.social_*` modules: the platform clients (`social/`), the activity
(`activities/social.py`), the enrolment workflow and the API all agree on these.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

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

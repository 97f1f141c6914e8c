"""How social handles and targets are written (docs/missions.md §5), and the rules built on them.

- `normalise_handle` / `normalise_target` — `@Brand`, `brand` and `https://x.com/Brand` are one
  account; post URLs become post ids; hashtags lose `#`, case and accents (`fold`, `hashtags_in`,
  `contains_text` compare text the same way).
- `check_goal` — a social goal that cannot be verified as written is a 422.
- `check_handles` / `has_linked_account` — what a user links (`PUT /v1/users` `social`) and the
  targeting rule: a user without a usable handle on a mission's platform does not see it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from domain.errors import Invalid
from domain.missions import MissionSpec, SocialGoal
from domain.social_support import COUNTED, HANDLE_FORMS, PLATFORMS, Action, Platform, support, supported_actions


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

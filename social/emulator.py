"""A local emulator of the platform endpoints the `social` clients call, for tests and development.

One HTTP server serves every platform under its own prefix, with the real paths, parameters,
response shapes and error shapes (see each client's docstring):

    /x/2/...                 X API v2                   QUESTLINE_SOCIAL_X_BASE_URL=<url>/x
    /discord/api/v10/...     Discord REST               QUESTLINE_SOCIAL_DISCORD_BASE_URL=<url>/discord/api/v10
    /telegram/bot<token>/... Telegram Bot API           QUESTLINE_SOCIAL_TELEGRAM_BASE_URL=<url>/telegram
    /instagram/v21.0/...     Instagram Graph API        QUESTLINE_SOCIAL_INSTAGRAM_BASE_URL=<url>/instagram/v21.0
    /tiktok/v2/...           TikTok OAuth + Research    QUESTLINE_SOCIAL_TIKTOK_BASE_URL=<url>/tiktok
    /youtube/v3/...          YouTube Data API v3        QUESTLINE_SOCIAL_YOUTUBE_BASE_URL=<url>/youtube/v3

State is set in Python (`emulator.x.follow("alice", "brand")`) or over HTTP
(`POST /_emulator/x/follow {"user": "alice", "target": "brand"}`, `POST /_emulator/reset`).
Anything added with `hidden_reads=n` stays invisible to the next n listings that would show it
(a post that takes a while to appear); `fail(platform, 503)` and `rate_limit(platform, 5)` make the
next requests to a platform fail as that platform does. Credentials are checked like the real
APIs do, against `Credentials`.

    python -m social.emulator --port 8700    # prints the QUESTLINE_SOCIAL_* variables to use
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import math
import re
import socket
import threading
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route

Handler = Callable[[Request], Awaitable[Response]]


@dataclass(frozen=True)
class Credentials:
    """What the emulator accepts; the matching settings come from `Emulator.settings(url)`."""

    x_token: str = "emulator-x-token"
    discord_token: str = "emulator-discord-token"
    telegram_token: str = "123456:emulator-telegram-token"
    instagram_token: str = "emulator-instagram-token"
    instagram_account_id: str = "17841400000000001"
    tiktok_client_key: str = "emulator-tiktok-key"
    tiktok_client_secret: str = "emulator-tiktok-secret"
    youtube_key: str = "emulator-youtube-key"


@dataclass
class Fact:
    """Something the platform shows (a follow, like, membership, post) once its hidden reads are used up."""

    value: Any
    hidden_reads: int = 0
    at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def visible(self) -> bool:
        """True when this listing shows it; a hidden fact uses up one read instead."""
        if self.hidden_reads > 0:
            self.hidden_reads -= 1
            return False
        return True


@dataclass
class Failure:
    """An injected failure for the next request to a platform."""

    status: int
    retry_after: int | None = None


def _json(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(body, status_code=status, headers=headers)


def _page(values: list[Any], token: str | None, size: int) -> tuple[list[Any], str | None]:
    """One page of `values` from the offset `token`; the next page's token, or None at the end."""
    start = int(token) if token and token.isdigit() else 0
    end = start + max(size, 1)
    return values[start:end], (str(end) if end < len(values) else None)


def _when(value: datetime | str | None) -> datetime:
    if value is None:
        return datetime.now(UTC)
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


_ids = itertools.count(1)


def _next_id() -> int:
    return next(_ids)


class World:
    """One platform's state and endpoints."""

    name = ""
    ops: tuple[str, ...] = ()

    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator
        self.credentials = emulator.credentials
        self.clear()

    def clear(self) -> None:
        """Forgets everything."""

    def routes(self) -> list[BaseRoute]:
        """The platform's endpoints (relative to its prefix)."""
        return []

    def authorized(self, request: Request) -> bool:
        """True when the request carries the platform's credentials."""
        return True

    def unauthorized(self) -> Response:
        """The platform's answer to bad credentials."""
        return _json({"error": "unauthorized"}, 401)

    def failure(self, failure: Failure) -> Response:
        """The platform's answer to an injected failure (`status` 429 = its rate-limit answer)."""
        return _json({"error": "failure"}, failure.status)

    def route(self, path: str, endpoint: Handler, methods: tuple[str, ...] = ("GET",)) -> Route:
        """A route whose endpoint runs after failure injection and the credentials check, under the lock."""

        async def guarded(request: Request) -> Response:
            failure = self.emulator.take_failure(self.name, request)
            if failure is not None:
                return self.failure(failure)
            if not self.authorized(request):
                return self.unauthorized()
            with self.emulator.lock:
                return await endpoint(request)

        return Route(path, guarded, methods=list(methods))


# --- X -----------------------------------------------------------------------------------------


@dataclass
class Tweet:
    """A post on X."""

    id: str
    author: str
    text: str
    created_at: datetime
    repost_of: str | None = None
    reply_to: str | None = None
    fact: Fact = field(default_factory=lambda: Fact(None))


class XWorld(World):
    """X API v2: users by username, following, liked tweets, user timelines."""

    name = "x"
    ops = ("account", "follow", "like", "post")

    def clear(self) -> None:
        """Forgets every account and post."""
        self.names: dict[str, str] = {}
        self.ids: dict[str, str] = {}
        self.following: dict[str, list[Fact]] = defaultdict(list)
        self.likes: dict[str, list[Fact]] = defaultdict(list)
        self.tweets: list[Tweet] = []

    def account(self, username: str) -> str:
        """The account's id (created on first use)."""
        key = username.lstrip("@").lower()
        if key not in self.ids:
            self.ids[key] = str(1_000_000_000 + _next_id())
            self.names[key] = username.lstrip("@")
        return self.ids[key]

    def follow(self, user: str, target: str, hidden_reads: int = 0) -> None:
        """`user` follows `target`."""
        self.account(target)
        self.following[self.account(user)].insert(0, Fact(target.lstrip("@").lower(), hidden_reads))

    def like(self, user: str, post_id: str, hidden_reads: int = 0) -> None:
        """`user` likes the post."""
        self.likes[self.account(user)].insert(0, Fact(str(post_id), hidden_reads))

    def post(
        self,
        user: str,
        text: str,
        at: datetime | str | None = None,
        repost_of: str | None = None,
        reply_to: str | None = None,
        hidden_reads: int = 0,
    ) -> str:
        """A post (or repost, or reply) by `user`; returns its id."""
        tweet_id = str(1_800_000_000_000_000_000 + _next_id())
        tweet = Tweet(tweet_id, self.account(user), text, _when(at), repost_of, reply_to, Fact(None, hidden_reads))
        self.tweets.append(tweet)
        return tweet_id

    def routes(self) -> list[BaseRoute]:
        """The endpoints the X client calls."""
        return [
            self.route("/2/users/by/username/{username}", self._by_username),
            self.route("/2/users/{id}/following", self._following),
            self.route("/2/users/{id}/liked_tweets", self._liked),
            self.route("/2/users/{id}/tweets", self._timeline),
        ]

    def authorized(self, request: Request) -> bool:
        """A bearer token."""
        return request.headers.get("authorization") == f"Bearer {self.credentials.x_token}"

    def unauthorized(self) -> Response:
        """X's 401."""
        return _json({"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"}, 401)

    def failure(self, failure: Failure) -> Response:
        """429 with the rate-limit headers, or a problem document."""
        if failure.status == 429:
            reset = int(time.time()) + (failure.retry_after or 900)
            headers = {"x-rate-limit-limit": "15", "x-rate-limit-remaining": "0", "x-rate-limit-reset": str(reset)}
            body = {"title": "Too Many Requests", "detail": "Too Many Requests", "type": "about:blank", "status": 429}
            return _json(body, 429, headers)
        title = "Service Unavailable" if failure.status == 503 else "Internal Server Error"
        return _json({"title": title, "detail": title, "type": "about:blank", "status": failure.status}, failure.status)

    def _user(self, user_id: str) -> dict[str, str]:
        key = next(k for k, v in self.ids.items() if v == user_id)
        return {"id": user_id, "name": self.names[key], "username": self.names[key]}

    async def _by_username(self, request: Request) -> Response:
        key = request.path_params["username"].lower()
        if key not in self.ids:
            name = request.path_params["username"]
            error = {
                "value": name,
                "detail": f"Could not find user with username: [{name}].",
                "title": "Not Found Error",
                "resource_type": "user",
                "parameter": "username",
                "resource_id": name,
                "type": "https://api.twitter.com/2/problems/resource-not-found",
            }
            return _json({"errors": [error]})
        return _json({"data": self._user(self.ids[key])})

    def _listing(self, request: Request, values: list[Any]) -> Response:
        size = int(request.query_params.get("max_results", "100"))
        page, token = _page(values, request.query_params.get("pagination_token"), size)
        meta: dict[str, Any] = {"result_count": len(page)}
        if token:
            meta["next_token"] = token
        return _json({"data": page, "meta": meta} if page else {"meta": meta})

    async def _following(self, request: Request) -> Response:
        visible = [f.value for f in self.following[request.path_params["id"]] if f.visible()]
        return self._listing(request, [self._user(self.ids[name]) for name in visible])

    async def _liked(self, request: Request) -> Response:
        visible = [f.value for f in self.likes[request.path_params["id"]] if f.visible()]
        return self._listing(request, [{"id": v, "text": f"post {v}", "edit_history_tweet_ids": [v]} for v in visible])

    async def _timeline(self, request: Request) -> Response:
        start = request.query_params.get("start_time")
        since = _when(start) if start else None
        fields = set(request.query_params.get("tweet.fields", "").split(","))
        mine = sorted(
            (t for t in self.tweets if t.author == request.path_params["id"]), key=lambda t: t.created_at, reverse=True
        )
        shown = [t for t in mine if (since is None or t.created_at >= since) and t.fact.visible()]
        return self._listing(request, [self._tweet(t, fields) for t in shown])

    def _tweet(self, tweet: Tweet, fields: set[str]) -> dict[str, Any]:
        out: dict[str, Any] = {"id": tweet.id, "text": tweet.text, "edit_history_tweet_ids": [tweet.id]}
        if "created_at" in fields:
            out["created_at"] = tweet.created_at.strftime("%Y-%m-%dT%H:%M:%S.000Z")
        references = [{"type": "retweeted", "id": tweet.repost_of}] if tweet.repost_of else []
        references += [{"type": "replied_to", "id": tweet.reply_to}] if tweet.reply_to else []
        if references and "referenced_tweets" in fields:
            out["referenced_tweets"] = references
        tags = [{"start": m.start(), "end": m.end(), "tag": m.group(1)} for m in re.finditer(r"#(\w+)", tweet.text)]
        if tags and "entities" in fields:
            out["entities"] = {"hashtags": tags}
        return out


# --- Discord -----------------------------------------------------------------------------------


class DiscordWorld(World):
    """Discord REST: guild members."""

    name = "discord"
    ops = ("server", "join")

    def clear(self) -> None:
        """Forgets every server."""
        self.guilds: dict[str, dict[str, Fact]] = {}

    def server(self, guild_id: str) -> None:
        """A server the bot is in."""
        self.guilds.setdefault(str(guild_id), {})

    def join(self, guild_id: str, user_id: str, hidden_reads: int = 0) -> None:
        """`user_id` joins the server (the bot is in it)."""
        self.server(guild_id)
        self.guilds[str(guild_id)][str(user_id)] = Fact(True, hidden_reads)

    def routes(self) -> list[BaseRoute]:
        """The endpoint the Discord client calls."""
        return [self.route("/guilds/{guild}/members/{user}", self._member)]

    def authorized(self, request: Request) -> bool:
        """A bot token."""
        return request.headers.get("authorization") == f"Bot {self.credentials.discord_token}"

    def unauthorized(self) -> Response:
        """Discord's 401."""
        return _json({"message": "401: Unauthorized", "code": 0}, 401)

    def failure(self, failure: Failure) -> Response:
        """429 with `retry_after` in the body, or a 5xx."""
        if failure.status == 429:
            wait = float(failure.retry_after or 1)
            body = {"message": "You are being rate limited.", "retry_after": wait, "global": False}
            return _json(body, 429, {"Retry-After": str(math.ceil(wait))})
        return _json({"message": "Service Unavailable", "code": 0}, failure.status)

    async def _member(self, request: Request) -> Response:
        guild, user = request.path_params["guild"], request.path_params["user"]
        if guild not in self.guilds:
            return _json({"message": "Unknown Guild", "code": 10004}, 404)
        fact = self.guilds[guild].get(user)
        if fact is None or not fact.visible():
            return _json({"message": "Unknown Member", "code": 10007}, 404)
        member: dict[str, Any] = {
            "user": {"id": user, "username": f"user{user[-4:]}", "global_name": None},
            "nick": None,
            "roles": [],
            "joined_at": fact.at.isoformat(),
            "deaf": False,
            "mute": False,
            "flags": 0,
        }
        return _json(member)


# --- Telegram ----------------------------------------------------------------------------------


class TelegramWorld(World):
    """Telegram Bot API: getChatMember."""

    name = "telegram"
    ops = ("chat", "member")

    def clear(self) -> None:
        """Forgets every chat."""
        self.chats: dict[str, dict[str, Fact]] = {}

    @staticmethod
    def _key(chat: str) -> str:
        return chat.lower() if chat.startswith("@") else chat

    def chat(self, chat: str) -> None:
        """A chat the bot administers (`@channel` or numeric id)."""
        self.chats.setdefault(self._key(chat), {})

    def member(
        self, chat: str, user_id: str, status: str = "member", is_member: bool | None = None, hidden_reads: int = 0
    ) -> None:
        """The user's status in the chat (`member`, `left`, `kicked`, `restricted`...)."""
        self.chat(chat)
        self.chats[self._key(chat)][str(user_id)] = Fact((status, is_member), hidden_reads)

    def routes(self) -> list[BaseRoute]:
        """The method the Telegram client calls (the token is in the path)."""
        return [self.route("/{bot}/getChatMember", self._get_chat_member, ("GET", "POST"))]

    def authorized(self, request: Request) -> bool:
        """The bot token in the path."""
        return request.path_params.get("bot") == f"bot{self.credentials.telegram_token}"

    def unauthorized(self) -> Response:
        """The Bot API's 401."""
        return _json({"ok": False, "error_code": 401, "description": "Unauthorized"}, 401)

    def failure(self, failure: Failure) -> Response:
        """429 with `parameters.retry_after`, or a 5xx."""
        if failure.status == 429:
            wait = failure.retry_after or 1
            body = {
                "ok": False,
                "error_code": 429,
                "description": f"Too Many Requests: retry after {wait}",
                "parameters": {"retry_after": wait},
            }
            return _json(body, 429)
        return _json({"ok": False, "error_code": failure.status, "description": "Bad Gateway"}, failure.status)

    async def _get_chat_member(self, request: Request) -> Response:
        chat = self._key(request.query_params.get("chat_id", ""))
        user = request.query_params.get("user_id", "")
        if chat not in self.chats:
            return _json({"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}, 400)
        if not user.isdigit():
            return _json({"ok": False, "error_code": 400, "description": "Bad Request: invalid user_id specified"}, 400)
        fact = self.chats[chat].get(user)
        status, is_member = fact.value if fact is not None and fact.visible() else ("left", None)
        result: dict[str, Any] = {"status": status, "user": {"id": int(user), "is_bot": False, "first_name": "User"}}
        if status == "restricted":
            result |= {"is_member": bool(is_member), "until_date": 0}
        return _json({"ok": True, "result": result})


# --- Instagram ---------------------------------------------------------------------------------


_DISCOVERY = re.compile(r"business_discovery\.username\(([^)]*)\)\{media((?:\.\w+\([^)]*\))*)\{([^}]*)\}\}")


class InstagramWorld(World):
    """Instagram Graph API: business discovery of an account's media."""

    name = "instagram"
    ops = ("account", "post")

    def clear(self) -> None:
        """Forgets every account."""
        self.accounts: dict[str, dict[str, Any]] = {}

    def account(self, username: str, business: bool = True) -> str:
        """An Instagram account (business discovery sees only Business and Creator accounts); its id."""
        key = username.lstrip("@").lower()
        if key not in self.accounts:
            self.accounts[key] = {"id": str(17_841_500_000_000_000 + _next_id()), "business": business, "media": []}
        self.accounts[key]["business"] = business
        return str(self.accounts[key]["id"])

    def post(self, username: str, caption: str, at: datetime | str | None = None, hidden_reads: int = 0) -> str:
        """A post by `username` with `caption`; returns its id."""
        self.account(username, self.accounts.get(username.lstrip("@").lower(), {}).get("business", True))
        media_id = str(18_000_000_000_000_000 + _next_id())
        media = {"id": media_id, "caption": caption, "timestamp": _when(at)}
        self.accounts[username.lstrip("@").lower()]["media"].append(Fact(media, hidden_reads))
        return media_id

    def routes(self) -> list[BaseRoute]:
        """The node the Instagram client reads."""
        return [self.route("/{node}", self._node)]

    def authorized(self, request: Request) -> bool:
        """An access token parameter."""
        return request.query_params.get("access_token") == self.credentials.instagram_token

    def unauthorized(self) -> Response:
        """The Graph API's invalid-token error (HTTP 400, code 190)."""
        return self._error(400, "Invalid OAuth access token - Cannot parse access token", 190)

    def failure(self, failure: Failure) -> Response:
        """Rate limits are code 4 with HTTP 400; server errors are transient code 2."""
        if failure.status == 429:
            return self._error(400, "(#4) Application request limit reached", 4, transient=True)
        return self._error(
            failure.status, "An unexpected error has occurred. Please retry your request later.", 2, True
        )

    @staticmethod
    def _error(status: int, message: str, code: int, transient: bool = False, subcode: int | None = None) -> Response:
        error: dict[str, Any] = {
            "message": message,
            "type": "OAuthException",
            "code": code,
            "is_transient": transient,
            "fbtrace_id": "AemulatorTrace",
        }
        if subcode is not None:
            error |= {
                "error_subcode": subcode,
                "error_user_title": "Cannot find User",
                "error_user_msg": "The user cannot be found.",
            }
        return _json({"error": error}, status)

    async def _node(self, request: Request) -> Response:
        if request.path_params["node"] != self.credentials.instagram_account_id:
            return self._error(400, "Unsupported get request. Object does not exist or cannot be loaded.", 100)
        match = _DISCOVERY.fullmatch(request.query_params.get("fields", ""))
        if match is None:
            return self._error(400, "(#100) Tried accessing nonexisting field", 100)
        username, modifiers, wanted = match.group(1).lower(), match.group(2), match.group(3).split(",")
        account = self.accounts.get(username)
        if account is None or not account["business"]:
            return self._error(400, "Invalid user id", 110, subcode=2207013)
        args = dict(re.findall(r"\.(\w+)\(([^)]*)\)", modifiers))
        shown = [f.value for f in reversed(account["media"]) if f.visible()]
        shown.sort(key=lambda m: m["timestamp"], reverse=True)
        page, after = _page(shown, args.get("after"), int(args.get("limit", "25")))
        data = []
        for media in page:
            item = {"id": media["id"]}
            if "caption" in wanted:
                item["caption"] = media["caption"]
            if "timestamp" in wanted:
                item["timestamp"] = media["timestamp"].strftime("%Y-%m-%dT%H:%M:%S+0000")
            if "permalink" in wanted:
                item["permalink"] = f"https://www.instagram.com/p/{media['id']}/"
            data.append(item)
        start = args.get("after") or "0"
        paging: dict[str, Any] = {"cursors": {"before": start, "after": after or str(int(start) + len(page))}}
        if after:
            paging["next"] = f"{request.url}&after={after}"
        discovery = {"id": account["id"], "media": {"data": data, "paging": paging}}
        return _json({"business_discovery": discovery, "id": self.credentials.instagram_account_id})


# --- TikTok ------------------------------------------------------------------------------------


@dataclass
class Video:
    """A TikTok video."""

    id: str
    username: str
    description: str
    hashtags: list[str]
    created_at: datetime
    fact: Fact


class TikTokWorld(World):
    """TikTok: client access tokens and the Research API's user and video queries."""

    name = "tiktok"
    ops = ("account", "follow", "like", "repost", "post", "expire_tokens")

    def clear(self) -> None:
        """Forgets every user, video and token."""
        self.users: dict[str, dict[str, list[Fact]]] = {}
        self.videos: list[Video] = []
        self.tokens: set[str] = set()
        self.tokens_issued = 0

    def account(self, username: str) -> None:
        """A TikTok user."""
        self.users.setdefault(username.lstrip("@").lower(), {"following": [], "liked": [], "reposted": []})

    def _add(self, user: str, kind: str, value: str, hidden_reads: int) -> None:
        self.account(user)
        self.users[user.lstrip("@").lower()][kind].insert(0, Fact(value, hidden_reads))

    def follow(self, user: str, target: str, hidden_reads: int = 0) -> None:
        """`user` follows `target`."""
        self.account(target)
        self._add(user, "following", target.lstrip("@").lower(), hidden_reads)

    def like(self, user: str, video_id: str, hidden_reads: int = 0) -> None:
        """`user` likes the video."""
        self._add(user, "liked", str(video_id), hidden_reads)

    def repost(self, user: str, video_id: str, hidden_reads: int = 0) -> None:
        """`user` reposts the video."""
        self._add(user, "reposted", str(video_id), hidden_reads)

    def post(
        self,
        user: str,
        description: str,
        hashtags: list[str] | None = None,
        at: datetime | str | None = None,
        hidden_reads: int = 0,
    ) -> str:
        """A video by `user` (hashtags default to those written in the description); its id."""
        self.account(user)
        video_id = str(7_300_000_000_000_000_000 + _next_id())
        tags = hashtags if hashtags is not None else re.findall(r"#(\w+)", description)
        video = Video(video_id, user.lstrip("@").lower(), description, tags, _when(at), Fact(None, hidden_reads))
        self.videos.append(video)
        return video_id

    def expire_tokens(self) -> None:
        """Every issued token is refused from now on (as after its 2 hours)."""
        self.tokens.clear()

    def routes(self) -> list[BaseRoute]:
        """The endpoints the TikTok client calls."""
        return [
            self.route("/v2/oauth/token/", self._token, ("POST",)),
            self.route("/v2/research/user/following/", self._following, ("POST",)),
            self.route("/v2/research/user/liked_videos/", self._liked, ("POST",)),
            self.route("/v2/research/user/reposted_videos/", self._reposted, ("POST",)),
            self.route("/v2/research/video/query/", self._query, ("POST",)),
        ]

    def authorized(self, request: Request) -> bool:
        """A live client access token (the token endpoint checks the key and secret itself)."""
        if request.url.path.endswith("/oauth/token/"):
            return True
        header = request.headers.get("authorization", "")
        return header.lower().startswith("bearer ") and header[7:] in self.tokens

    def unauthorized(self) -> Response:
        """The Research API's 401."""
        return self._error(401, "access_token_invalid", "The access token is invalid or not found in the request.")

    def failure(self, failure: Failure) -> Response:
        """429 `rate_limit_exceeded`, or a 5xx `internal_error`."""
        if failure.status == 429:
            return self._error(429, "rate_limit_exceeded", "API rate limit was exceeded, please try again later.")
        return self._error(failure.status, "internal_error", "Something went wrong. Please try again later.")

    @staticmethod
    def _error(status: int, code: str, message: str) -> Response:
        return _json(
            {"data": {}, "error": {"code": code, "message": message, "log_id": "20240101000000EMULATOR"}}, status
        )

    @staticmethod
    def _ok(data: dict[str, Any]) -> Response:
        return _json({"data": data, "error": {"code": "ok", "message": "", "log_id": "20240101000000EMULATOR"}})

    async def _token(self, request: Request) -> Response:
        form = await request.form()
        if (
            form.get("grant_type") != "client_credentials"
            or form.get("client_key") != self.credentials.tiktok_client_key
            or form.get("client_secret") != self.credentials.tiktok_client_secret
        ):
            body = {"error": "invalid_client", "error_description": "Client key or secret is incorrect.", "log_id": "x"}
            return _json(body, 401)
        self.tokens_issued += 1
        token = f"clt.emulator{self.tokens_issued}"
        self.tokens.add(token)
        return _json({"access_token": token, "expires_in": 7200, "token_type": "Bearer"})

    async def _user_listing(self, request: Request, kind: str, key: str, render: Callable[[str], Any]) -> Response:
        body = await request.json()
        user = str(body.get("username", "")).lower()
        if user not in self.users:
            return self._error(400, "invalid_params", "The user does not exist or is not public.")
        shown = [render(f.value) for f in self.users[user][kind] if f.visible()]
        page, cursor = _page(shown, str(body.get("cursor") or ""), int(body.get("max_count") or 20))
        return self._ok({key: page, "cursor": int(cursor or 0), "has_more": cursor is not None})

    async def _following(self, request: Request) -> Response:
        return await self._user_listing(
            request, "following", "user_following", lambda name: {"display_name": name.title(), "username": name}
        )

    def _video_of(self, video_id: str) -> dict[str, Any]:
        video = next((v for v in self.videos if v.id == video_id), None)
        author = video.username if video else "someone"
        created = int((video.created_at if video else datetime.now(UTC)).timestamp())
        return {"id": int(video_id), "create_time": created, "username": author}

    async def _liked(self, request: Request) -> Response:
        return await self._user_listing(request, "liked", "user_liked_videos", self._video_of)

    async def _reposted(self, request: Request) -> Response:
        return await self._user_listing(request, "reposted", "reposted_videos", self._video_of)

    async def _query(self, request: Request) -> Response:
        body = await request.json()
        try:
            start = datetime.strptime(body["start_date"], "%Y%m%d").replace(tzinfo=UTC)
            end = datetime.strptime(body["end_date"], "%Y%m%d").replace(tzinfo=UTC) + timedelta(days=1)
        except (KeyError, ValueError):
            return self._error(400, "invalid_params", "start_date and end_date are required (YYYYMMDD)")
        if end - start > timedelta(days=31) or end <= start:
            return self._error(400, "invalid_params", "end_date must be no more than 30 days after start_date")
        users = {
            str(v).lower()
            for c in body.get("query", {}).get("and", [])
            if c.get("field_name") == "username"
            for v in c.get("field_values", [])
        }
        mine = sorted(
            (v for v in self.videos if v.username in users and start <= v.created_at < end),
            key=lambda v: v.created_at,
            reverse=True,
        )
        shown = [
            {
                "id": int(v.id),
                "create_time": int(v.created_at.timestamp()),
                "username": v.username,
                "video_description": v.description,
                "hashtag_names": v.hashtags,
            }
            for v in mine
            if v.fact.visible()
        ]
        page, cursor = _page(shown, str(body.get("cursor") or ""), int(body.get("max_count") or 20))
        return self._ok(
            {"videos": page, "cursor": int(cursor or 0), "has_more": cursor is not None, "search_id": "7300000000001"}
        )


# --- YouTube -----------------------------------------------------------------------------------


class YouTubeWorld(World):
    """YouTube Data API v3: channels, subscriptions, comment threads, playlist items."""

    name = "youtube"
    ops = ("channel", "subscribe", "comment", "upload")

    def clear(self) -> None:
        """Forgets every channel and comment."""
        self.channels: dict[str, dict[str, Any]] = {}
        self.handles: dict[str, str] = {}
        self.comments: dict[str, list[Fact]] = defaultdict(list)

    def channel(self, handle: str | None = None, public_subscriptions: bool = True) -> str:
        """A channel (with an optional `@handle`); its id `UC...`."""
        if handle is not None and handle.lower().lstrip("@") in self.handles:
            channel_id = self.handles[handle.lower().lstrip("@")]
        else:
            channel_id = f"UC{_next_id():022d}"
            self.channels[channel_id] = {"uploads": [], "subscriptions": [], "public": public_subscriptions}
            if handle is not None:
                self.handles[handle.lower().lstrip("@")] = channel_id
        self.channels[channel_id]["public"] = public_subscriptions
        return channel_id

    def subscribe(self, channel_id: str, to_channel_id: str, hidden_reads: int = 0) -> None:
        """`channel_id` subscribes to `to_channel_id`."""
        self.channels[channel_id]["subscriptions"].insert(0, Fact(to_channel_id, hidden_reads))

    def comment(self, video_id: str, channel_id: str, text: str = "Nice!", hidden_reads: int = 0) -> None:
        """A top-level comment on the video by the channel."""
        self.comments[video_id].insert(0, Fact((channel_id, text), hidden_reads))

    def upload(
        self,
        channel_id: str,
        title: str,
        description: str = "",
        at: datetime | str | None = None,
        hidden_reads: int = 0,
    ) -> str:
        """A video uploaded by the channel; its id."""
        video_id = f"v{_next_id():010d}"
        video = {"id": video_id, "title": title, "description": description, "at": _when(at)}
        self.channels[channel_id]["uploads"].insert(0, Fact(video, hidden_reads))
        return video_id

    def routes(self) -> list[BaseRoute]:
        """The methods the YouTube client calls."""
        return [
            self.route("/channels", self._channels),
            self.route("/subscriptions", self._subscriptions),
            self.route("/commentThreads", self._comment_threads),
            self.route("/playlistItems", self._playlist_items),
        ]

    def authorized(self, request: Request) -> bool:
        """An API key parameter."""
        return request.query_params.get("key") == self.credentials.youtube_key

    def unauthorized(self) -> Response:
        """Google's invalid-key error."""
        message = "API key not valid. Please pass a valid API key."
        error = {
            "code": 400,
            "message": message,
            "errors": [{"message": message, "domain": "global", "reason": "badRequest"}],
            "status": "INVALID_ARGUMENT",
            "details": [
                {
                    "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                    "reason": "API_KEY_INVALID",
                    "domain": "googleapis.com",
                }
            ],
        }
        return _json({"error": error}, 400)

    def failure(self, failure: Failure) -> Response:
        """Quota exhaustion is a 403 `quotaExceeded`; server errors are `backendError`."""
        if failure.status == 429:
            return self._error(
                403, "quotaExceeded", "youtube.quota", "The request cannot be completed: quota exceeded."
            )
        return self._error(failure.status, "backendError", "global", "The service is currently unavailable.")

    @staticmethod
    def _error(status: int, reason: str, domain: str, message: str) -> Response:
        errors = [{"message": message, "domain": domain, "reason": reason}]
        return _json({"error": {"code": status, "message": message, "errors": errors}}, status)

    @staticmethod
    def _list(kind: str, values: list[Any], token: str | None = None) -> Response:
        body: dict[str, Any] = {
            "kind": f"youtube#{kind}ListResponse",
            "etag": "emulator",
            "pageInfo": {"totalResults": len(values), "resultsPerPage": len(values)},
        }
        if values:
            body["items"] = values
        if token:
            body["nextPageToken"] = token
        return _json(body)

    async def _channels(self, request: Request) -> Response:
        handle = request.query_params.get("forHandle")
        ids = request.query_params.get("id", "").split(",") if request.query_params.get("id") else []
        if handle is not None:
            found = self.handles.get(handle.lower().lstrip("@"))
            ids = [found] if found else []
        parts = request.query_params.get("part", "").split(",")
        out = []
        for channel_id in (i for i in ids if i in self.channels):
            item: dict[str, Any] = {"kind": "youtube#channel", "etag": "emulator", "id": channel_id}
            if "contentDetails" in parts:
                item["contentDetails"] = {"relatedPlaylists": {"likes": "", "uploads": "UU" + channel_id[2:]}}
            out.append(item)
        return self._list("channel", out)

    async def _subscriptions(self, request: Request) -> Response:
        channel = self.channels.get(request.query_params.get("channelId", ""))
        if channel is None:
            return self._error(404, "subscriberNotFound", "youtube.subscription", "The subscriber cannot be found.")
        if not channel["public"]:
            message = "The requester is not allowed to access the requested subscriptions."
            return self._error(403, "subscriptionForbidden", "youtube.subscription", message)
        wanted = set(request.query_params.get("forChannelId", "").split(",")) - {""}
        shown = [f.value for f in channel["subscriptions"] if (not wanted or f.value in wanted) and f.visible()]
        items = [
            {
                "kind": "youtube#subscription",
                "id": f"sub{n}",
                "snippet": {"resourceId": {"kind": "youtube#channel", "channelId": c}, "title": c},
            }
            for n, c in enumerate(shown)
        ]
        return self._list("subscription", items)

    async def _comment_threads(self, request: Request) -> Response:
        video = request.query_params.get("videoId", "")
        if video not in self.comments and not any(
            f.value["id"] == video for c in self.channels.values() for f in c["uploads"]
        ):
            return self._error(404, "videoNotFound", "youtube.commentThread", "The video identified cannot be found.")
        shown = [f.value for f in self.comments.get(video, []) if f.visible()]
        threads = [
            {
                "kind": "youtube#commentThread",
                "id": f"thread{n}",
                "snippet": {
                    "videoId": video,
                    "topLevelComment": {
                        "kind": "youtube#comment",
                        "id": f"comment{n}",
                        "snippet": {"authorChannelId": {"value": author}, "textOriginal": text, "videoId": video},
                    },
                    "totalReplyCount": 0,
                    "isPublic": True,
                },
            }
            for n, (author, text) in enumerate(shown)
        ]
        page, token = _page(
            threads, request.query_params.get("pageToken"), int(request.query_params.get("maxResults", "20"))
        )
        return self._list("commentThread", page, token)

    async def _playlist_items(self, request: Request) -> Response:
        playlist = request.query_params.get("playlistId", "")
        channel = self.channels.get("UC" + playlist[2:]) if playlist.startswith("UU") else None
        if channel is None:
            return self._error(404, "playlistNotFound", "youtube.playlistItem", "The playlist cannot be found.")
        shown = sorted((f.value for f in channel["uploads"] if f.visible()), key=lambda v: v["at"], reverse=True)
        entries = [
            {
                "kind": "youtube#playlistItem",
                "id": f"item-{v['id']}",
                "snippet": {
                    "publishedAt": v["at"].strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "title": v["title"],
                    "description": v["description"],
                    "playlistId": playlist,
                    "resourceId": {"kind": "youtube#video", "videoId": v["id"]},
                },
                "contentDetails": {"videoId": v["id"], "videoPublishedAt": v["at"].strftime("%Y-%m-%dT%H:%M:%SZ")},
            }
            for v in shown
        ]
        page, token = _page(
            entries, request.query_params.get("pageToken"), int(request.query_params.get("maxResults", "5"))
        )
        return self._list("playlistItem", page, token)


# --- the emulator ------------------------------------------------------------------------------

#: Each platform's prefix on the emulator, and the part of the real base URL after the host.
PREFIXES = {
    "x": "/x",
    "discord": "/discord/api/v10",
    "telegram": "/telegram",
    "instagram": "/instagram/v21.0",
    "tiktok": "/tiktok",
    "youtube": "/youtube/v3",
}


class Emulator:
    """Every platform's state and endpoints in one Starlette app (`app`)."""

    def __init__(self, credentials: Credentials | None = None) -> None:
        self.credentials = credentials or Credentials()
        self.lock = threading.RLock()
        self.x = XWorld(self)
        self.discord = DiscordWorld(self)
        self.telegram = TelegramWorld(self)
        self.instagram = InstagramWorld(self)
        self.tiktok = TikTokWorld(self)
        self.youtube = YouTubeWorld(self)
        self.worlds: dict[str, World] = {
            w.name: w for w in (self.x, self.discord, self.telegram, self.instagram, self.tiktok, self.youtube)
        }
        self._failures: dict[str, deque[Failure]] = defaultdict(deque)
        self.requests: list[tuple[str, str, str]] = []
        routes: list[BaseRoute] = [Mount(PREFIXES[name], routes=w.routes()) for name, w in self.worlds.items()]
        routes += [
            Route("/_emulator/reset", self._control_reset, methods=["POST"]),
            Route("/_emulator/fail", self._control_fail, methods=["POST"]),
            Route("/_emulator/{platform}/{op}", self._control_op, methods=["POST"]),
        ]
        self.app = Starlette(routes=routes)

    def settings(self, url: str) -> dict[str, str]:
        """The `Settings` fields (lower-case names) that point every client at this emulator."""
        c = self.credentials
        return {
            "social_x_base_url": url + PREFIXES["x"],
            "social_x_token": c.x_token,
            "social_discord_base_url": url + PREFIXES["discord"],
            "social_discord_token": c.discord_token,
            "social_telegram_base_url": url + PREFIXES["telegram"],
            "social_telegram_token": c.telegram_token,
            "social_instagram_base_url": url + PREFIXES["instagram"],
            "social_instagram_token": c.instagram_token,
            "social_instagram_account_id": c.instagram_account_id,
            "social_tiktok_base_url": url + PREFIXES["tiktok"],
            "social_tiktok_client_key": c.tiktok_client_key,
            "social_tiktok_client_secret": c.tiktok_client_secret,
            "social_youtube_base_url": url + PREFIXES["youtube"],
            "social_youtube_key": c.youtube_key,
        }

    def reset(self) -> None:
        """Forgets all state, injected failures and recorded requests."""
        with self.lock:
            for world in self.worlds.values():
                world.clear()
            self._failures.clear()
            self.requests.clear()

    def fail(self, platform: str, status: int = 503, times: int = 1) -> None:
        """The next `times` requests to the platform answer `status` (a 5xx) as the platform does."""
        with self.lock:
            self._failures[platform].extend(Failure(status) for _ in range(times))

    def rate_limit(self, platform: str, retry_after: int = 1, times: int = 1) -> None:
        """The next `times` requests to the platform are rate limited, as that platform says it."""
        with self.lock:
            self._failures[platform].extend(Failure(429, retry_after) for _ in range(times))

    def requests_to(self, platform: str) -> int:
        """How many requests reached the platform since the last reset."""
        with self.lock:
            return sum(1 for p, _, _ in self.requests if p == platform)

    def take_failure(self, platform: str, request: Request) -> Failure | None:
        """Records the request; the failure to answer it with, if one is queued."""
        with self.lock:
            self.requests.append((platform, request.method, request.url.path))
            queue = self._failures[platform]
            return queue.popleft() if queue else None

    async def _control_reset(self, request: Request) -> Response:
        self.reset()
        return _json({"ok": True})

    async def _control_fail(self, request: Request) -> Response:
        body = await request.json()
        status = int(body.get("status", 503))
        times = int(body.get("times", 1))
        if status == 429:
            self.rate_limit(str(body["platform"]), int(body.get("retry_after", 1)), times)
        else:
            self.fail(str(body["platform"]), status, times)
        return _json({"ok": True})

    async def _control_op(self, request: Request) -> Response:
        world = self.worlds.get(request.path_params["platform"])
        op = request.path_params["op"]
        if world is None or op not in world.ops:
            return _json({"error": f"unknown operation {request.path_params['platform']}/{op}"}, 404)
        kwargs = await request.json() if await request.body() else {}
        with self.lock:
            try:
                result = getattr(world, op)(**kwargs)
            except (TypeError, KeyError, ValueError) as exc:
                return _json({"error": str(exc)}, 400)
        return _json({"result": result})


@contextlib.contextmanager
def serve(emulator: Emulator, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Runs the emulator on a real socket (port 0 = a free one) in a thread; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    config = uvicorn.Config(emulator.app, log_level="warning", access_log=False, lifespan="off", ws="none")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="social-emulator", daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the social emulator did not start")
            time.sleep(0.005)
        yield f"http://{host}:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def main() -> None:
    """Runs the emulator in the foreground and prints the variables that point Questline at it."""
    parser = argparse.ArgumentParser(description="Local emulator of the social platforms' APIs.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8700)
    args = parser.parse_args()
    emulator = Emulator()
    for name, value in emulator.settings(f"http://{args.host}:{args.port}").items():
        print(f"QUESTLINE_{name.upper()}={value}")
    uvicorn.run(emulator.app, host=args.host, port=args.port, log_level="info", ws="none", lifespan="off")


if __name__ == "__main__":
    main()

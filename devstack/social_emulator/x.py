"""The emulated X API v2: users by username, following, liked tweets, user timelines."""

from __future__ import annotations

import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute

from devstack.social_emulator.core import Fact, Failure, World, json_response, next_id, paginate, when


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
            self.ids[key] = str(1_000_000_000 + next_id())
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
        tweet_id = str(1_800_000_000_000_000_000 + next_id())
        tweet = Tweet(tweet_id, self.account(user), text, when(at), repost_of, reply_to, Fact(None, hidden_reads))
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
        return json_response(
            {"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"}, 401
        )

    def failure(self, failure: Failure) -> Response:
        """429 with the rate-limit headers, or a problem document."""
        if failure.status == 429:
            reset = int(time.time()) + (failure.retry_after or 900)
            headers = {"x-rate-limit-limit": "15", "x-rate-limit-remaining": "0", "x-rate-limit-reset": str(reset)}
            body = {"title": "Too Many Requests", "detail": "Too Many Requests", "type": "about:blank", "status": 429}
            return json_response(body, 429, headers)
        title = "Service Unavailable" if failure.status == 503 else "Internal Server Error"
        return json_response(
            {"title": title, "detail": title, "type": "about:blank", "status": failure.status}, failure.status
        )

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
            return json_response({"errors": [error]})
        return json_response({"data": self._user(self.ids[key])})

    def _listing(self, request: Request, values: list[Any]) -> Response:
        size = int(request.query_params.get("max_results", "100"))
        page, token = paginate(values, request.query_params.get("pagination_token"), size)
        meta: dict[str, Any] = {"result_count": len(page)}
        if token:
            meta["next_token"] = token
        return json_response({"data": page, "meta": meta} if page else {"meta": meta})

    async def _following(self, request: Request) -> Response:
        visible = [f.value for f in self.following[request.path_params["id"]] if f.visible()]
        return self._listing(request, [self._user(self.ids[name]) for name in visible])

    async def _liked(self, request: Request) -> Response:
        visible = [f.value for f in self.likes[request.path_params["id"]] if f.visible()]
        return self._listing(request, [{"id": v, "text": f"post {v}", "edit_history_tweet_ids": [v]} for v in visible])

    async def _timeline(self, request: Request) -> Response:
        start = request.query_params.get("start_time")
        since = when(start) if start else None
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

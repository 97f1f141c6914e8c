"""The emulated YouTube Data API v3: channels, subscriptions, comment threads, playlist items."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute

from devstack.social_emulator.core import Fact, Failure, World, json_response, next_id, paginate, when


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
            channel_id = f"UC{next_id():022d}"
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
        video_id = f"v{next_id():010d}"
        video = {"id": video_id, "title": title, "description": description, "at": when(at)}
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
        return json_response({"error": error}, 400)

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
        return json_response({"error": {"code": status, "message": message, "errors": errors}}, status)

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
        return json_response(body)

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
        page, token = paginate(
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
        page, token = paginate(
            entries, request.query_params.get("pageToken"), int(request.query_params.get("maxResults", "5"))
        )
        return self._list("playlistItem", page, token)

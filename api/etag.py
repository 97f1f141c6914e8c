"""Weak ETags for the user's reads: `GET /v1/me/...` JSON answers carry `ETag: W/"<hash of the body>"`
and a matching `If-None-Match` is answered `304 Not Modified` without a body.

The widget polls every few seconds; an unchanged answer then costs a status line, and the widget
re-renders nothing. Pure ASGI (no body re-encoding): the JSON body is buffered, hashed and sent
as it was. Other paths, methods, statuses and media types pass through untouched.
"""

from __future__ import annotations

import hashlib

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: The paths whose GET answers get an ETag.
PREFIX = "/v1/me"


def etag_of(body: bytes) -> str:
    """The weak ETag of a body (equal bodies, equal tags)."""
    return 'W/"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def matches(if_none_match: str, etag: str) -> bool:
    """Whether an `If-None-Match` header names `etag` (weak comparison, `*` matches any)."""
    opaque = etag.removeprefix("W/")
    for candidate in if_none_match.split(","):
        candidate = candidate.strip()
        if candidate == "*" or candidate.removeprefix("W/") == opaque:
            return True
    return False


class ETagMiddleware:
    """Adds weak ETags to `GET /v1/me/...` JSON responses and answers 304 to a matching If-None-Match."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if scope["type"] != "http" or scope["method"] != "GET" or not (path == PREFIX or path.startswith(PREFIX + "/")):
            await self.app(scope, receive, send)
            return
        if_none_match = ""
        for name, value in scope.get("headers", []):
            if name == b"if-none-match":
                if_none_match = value.decode("latin-1")
        start: Message | None = None
        chunks: list[bytes] = []

        async def buffered(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                received = dict(message.get("headers", []))
                json_ok = message["status"] == 200 and received.get(b"content-type", b"").startswith(
                    b"application/json"
                )
                if not json_ok:
                    await send(message)
                    start = None
                    return
                start = message
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            body = b"".join(chunks)
            tag = etag_of(body).encode()
            headers: list[tuple[bytes, bytes]] = [
                (k, v) for k, v in start.get("headers", []) if k not in (b"etag", b"content-length")
            ]
            headers.append((b"etag", tag))
            if not any(k == b"cache-control" for k, _ in headers):
                headers.append((b"cache-control", b"private, no-cache"))
            if if_none_match and matches(if_none_match, tag.decode()):
                headers = [(k, v) for k, v in headers if k != b"content-type"]
                await send({"type": "http.response.start", "status": 304, "headers": headers})
                await send({"type": "http.response.body", "body": b""})
                return
            headers.append((b"content-length", str(len(body)).encode()))
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, buffered)

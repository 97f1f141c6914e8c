"""CORS for the widget, so an operator's own site can embed it (`QUESTLINE_WIDGET_ORIGINS`).

Only what the widget loads and calls is shared: its module scripts (`/widget/`, `/static/lib/`,
which a cross-origin `<script type="module">` fetches in CORS mode) and the user's routes
(`/v1/me`), and the public magic-link resolver (`/v1/links`, which an anonymous visitor's widget
calls). The admin and client routes never answer another origin's page. No origins set
(the default): the API's own origin only, no CORS headers at all.
"""

from __future__ import annotations

from collections.abc import Sequence

from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

#: The path prefixes shared with the widget's origins.
SHARED_PREFIXES = ("/v1/me", "/v1/links", "/widget", "/static/lib/")


def shared(path: str) -> bool:
    """Whether `path` is one the widget's origins may read."""
    return any(path == p.rstrip("/") or path.startswith(p if p.endswith("/") else p + "/") for p in SHARED_PREFIXES)


class WidgetCors:
    """Starlette's CORS middleware, applied to the widget's paths only."""

    def __init__(self, app: ASGIApp, origins: Sequence[str]) -> None:
        self.app = app
        self.cors = CORSMiddleware(
            app,
            allow_origins=list(origins),
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "If-None-Match"],
            expose_headers=["ETag", "Retry-After"],
            max_age=600,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and shared(scope.get("path", "")):
            await self.cors(scope, receive, send)
        else:
            await self.app(scope, receive, send)

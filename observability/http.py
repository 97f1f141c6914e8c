"""The API side: a request middleware (latency and count per route template, request ids) and `/metrics`.

The middleware is plain ASGI (no `BaseHTTPMiddleware` task per request). Requests are labelled
by the template of the route that answered (`/v1/users/{user_id}/journeys`), never by the path
itself, so the series stay bounded; a request no route matched is `<unmatched>`.
"""

from __future__ import annotations

import hmac
import re
import time
import uuid
from collections.abc import Callable

from fastapi import FastAPI, Request, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from observability.logs import RequestContext, request_context
from observability.metrics import HTTP_LATENCY, HTTP_REQUESTS, exposition

#: The route label of a request that matched no route (404s of unknown paths, probes of scanners).
UNMATCHED = "<unmatched>"
REQUEST_ID_HEADER = "x-request-id"
#: Methods labelled as themselves; any other is `OTHER` (a client must not be able to add series).
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
#: A caller's request id is kept when it is short and plain; anything else gets a fresh one.
_GOOD_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")


def route_of(scope: Scope) -> str:
    """The template of the route that handled the request, or `UNMATCHED`."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else UNMATCHED


class RequestMetrics:
    """Counts and times every HTTP request by route template; gives each one a request id.

    The id comes from the caller's `X-Request-ID` when it is plain, else a new one; it is echoed
    in the response's `X-Request-ID` and carried by every log line written while handling it.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request_id = _request_id(scope)
        status = 500  # unless a response starts: an exception escaped every handler

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", ()), (b"x-request-id", request_id.encode())]
            await send(message)

        token = request_context.set(RequestContext(request_id, scope))
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            request_context.reset(token)
            method = scope["method"] if scope["method"] in _METHODS else "OTHER"
            route = route_of(scope)
            HTTP_LATENCY.labels(method, route).observe(time.perf_counter() - started)
            HTTP_REQUESTS.labels(method, route, str(status)).inc()


def _request_id(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == b"x-request-id":
            given = value.decode("latin-1")
            if _GOOD_ID.fullmatch(given):
                return str(given)
            break
    return uuid.uuid4().hex


def install(app: FastAPI, metrics_token: str, *, unauthorized: Callable[[], Exception]) -> None:
    """Adds the middleware and `GET /metrics` (bearer `metrics_token` required when it is set).

    A scrape without the token raises `unauthorized()`: the app's own error (and its handler) give
    the refusal the API's error shape, so this package needs nothing from `api`.
    `/metrics` is left out of the OpenAPI document on purpose: it is Prometheus' text format for
    operators' scrapers, not part of the JSON API clients program against.
    """
    app.add_middleware(RequestMetrics)

    async def metrics(request: Request) -> Response:
        if metrics_token:
            scheme, _, credential = request.headers.get("authorization", "").partition(" ")
            expected = metrics_token.encode()
            if scheme.lower() != "bearer" or not hmac.compare_digest(credential.strip().encode(), expected):
                raise unauthorized()
        body, content_type = exposition()
        return Response(body, media_type=content_type)

    app.add_api_route("/metrics", metrics, methods=["GET"], include_in_schema=False, name="metrics")

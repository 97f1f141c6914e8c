"""The one error shape of the API, and the single place that maps failures to HTTP statuses.

Every error body is `{"error": {"code", "message", "details"}}`:

    DomainError ─ NotFound 404 · Conflict 409 · Invalid 422 · Cooldown 429   (domain/errors.py;
                  a Cooldown's `retry_after_seconds` detail is also its `Retry-After` header)
    ApiError    ─ carries its own status (401/403 from auth, 413 from size limits, ...)
    RequestValidationError / pydantic.ValidationError ─ 422 `validation_error`, details per field
    StarletteHTTPException ─ 404 unknown route, 405 wrong method, ...
    anything else ─ 500 `internal_error` (logged, never leaked)
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from domain.errors import Conflict, Cooldown, DomainError, FieldInvalid, Invalid, NotFound

log = logging.getLogger("questline.api")

STATUS_OF: dict[type[DomainError], int] = {NotFound: 404, Conflict: 409, Invalid: 422, Cooldown: 429}
_CODE_OF_STATUS = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "too_many_requests",
}
# Tags pydantic inserts into the location of a discriminated union's member (`goal.event.count`).
_UNION_TAGS = frozenset({"event", "manual", "social"})


class ErrorDetail(BaseModel):
    """The inner object of every error body."""

    code: str
    message: str
    details: Any = None


class ErrorBody(BaseModel):
    """Every error the API returns."""

    error: ErrorDetail


class ApiError(Exception):
    """An error with its own HTTP status, raised by the HTTP layer (auth, limits)."""

    def __init__(self, status: int, code: str, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details


def error_response(status: int, code: str, message: str, details: Any = None) -> JSONResponse:
    """A JSONResponse in the error shape."""
    body = ErrorBody(error=ErrorDetail(code=code, message=message, details=details))
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=headers)


def field_errors(errors: Sequence[Any], *, strip_body: bool = True) -> list[dict[str, str]]:
    """Pydantic errors as `[{"field": "goal.amount_max", "reason": "..."}]`."""
    out = []
    for err in errors:
        loc = [str(part) for part in err.get("loc", ())]
        if strip_body and loc and loc[0] in ("body", "query", "path", "header"):
            where, loc = loc[0], loc[1:]
        else:
            where = "body"
        loc = [p for i, p in enumerate(loc) if not (p in _UNION_TAGS and i > 0 and loc[i - 1] == "goal")]
        cause = (err.get("ctx") or {}).get("error")
        if isinstance(cause, FieldInvalid) and cause.field:
            loc.append(cause.field)
        reason = str(cause) if isinstance(cause, ValueError) else err.get("msg", "invalid")
        field = ".".join(loc) if loc else where
        out.append({"field": field, "reason": reason, "type": err.get("type", "invalid")})
    return out


def _summary(details: list[dict[str, str]]) -> str:
    first = details[0]
    more = f" (and {len(details) - 1} more)" if len(details) > 1 else ""
    return f"{first['field']}: {first['reason']}{more}"


def _json_syntax_errors(errors: Sequence[Any]) -> list[dict[str, str]]:
    """FastAPI's `json_invalid` errors as `{"field": "body", "reason": "Expecting value at character 12"}`.

    FastAPI puts the character offset where a field name belongs (`loc` `("body", 12)`).
    """
    out = []
    for err in errors:
        if err.get("type") != "json_invalid":
            continue
        loc = err.get("loc", ())
        cause = str((err.get("ctx") or {}).get("error") or err.get("msg", "invalid JSON"))
        reason = f"{cause} at character {loc[1]}" if len(loc) > 1 else cause
        out.append({"field": "body", "reason": reason, "type": "json_invalid"})
    return out


def _not_json(request: Request, details: list[dict[str, str]]) -> str | None:
    """The media type a JSON route's body was sent as, when it is not JSON (else None)."""
    if not any(d["field"] == "body" and d["type"] != "missing" for d in details):
        return None
    sent = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if sent == "application/json" or (sent.startswith("application/") and sent.endswith("+json")):
        return None
    return sent or "no Content-Type"


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this path (Starlette names only the first route's)."""
    try:  # FastAPI ≥ 0.16x nests included routers; flatten them to their routes.
        from fastapi.routing import _iter_included_route_candidates

        routes = list(_iter_included_route_candidates(request.app.routes))
    except ImportError:
        routes = list(request.app.routes)
    methods: set[str] = set()
    for route in routes:
        match, _ = route.matches(request.scope)
        if match is Match.PARTIAL:
            methods |= set(getattr(route, "methods", None) or ())
    return sorted(methods)


def install_error_handlers(app: FastAPI) -> None:
    """Registers the handlers that give every failure the error shape."""

    @app.exception_handler(DomainError)
    async def _domain(_: Request, exc: DomainError) -> JSONResponse:
        status = next((s for cls, s in STATUS_OF.items() if isinstance(exc, cls)), 400)
        response = error_response(status, exc.code, exc.message, exc.details)
        if isinstance(exc, Cooldown) and isinstance(exc.details, dict) and "retry_after_seconds" in exc.details:
            response.headers["Retry-After"] = str(exc.details["retry_after_seconds"])
        return response

    @app.exception_handler(ApiError)
    async def _api(_: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.details)

    @app.exception_handler(RequestValidationError)
    async def _request_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = field_errors(exc.errors())
        if any(d["type"] == "json_invalid" for d in details):
            syntax = _json_syntax_errors(exc.errors())
            message = f"the request body is not valid JSON: {syntax[0]['reason']}"
            return error_response(400, "invalid_json", message, syntax)
        if (sent := _not_json(request, details)) is not None:
            # FastAPI hands a JSON route the raw bytes of any other media type; name the real cause.
            return error_response(
                415,
                "unsupported_media_type",
                f"the body must be JSON (Content-Type: application/json), not {sent}",
                [{"field": "content-type", "reason": "send application/json"}],
            )
        return error_response(422, "validation_error", _summary(details), details)

    @app.exception_handler(ValidationError)
    async def _validation(_: Request, exc: ValidationError) -> JSONResponse:
        details = field_errors(exc.errors(), strip_body=False)
        return error_response(422, "validation_error", _summary(details), details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _CODE_OF_STATUS.get(exc.status_code, "http_error")
        if exc.status_code == 404:
            message = f"no route {request.method} {request.url.path}"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        else:
            message = str(exc.detail)
        response = error_response(exc.status_code, code, message)
        response.headers.update(exc.headers or {})
        if exc.status_code == 405:
            response.headers["Allow"] = ", ".join(_allowed_methods(request))
        return response

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(500, "internal_error", "an internal error occurred; it has been logged")


#: OpenAPI `responses=` entries for the errors most routes can return.
def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI descriptions of the given error statuses, all in the error shape."""
    text = {
        400: "Malformed request (e.g. invalid JSON)",
        401: "Missing, wrong or expired credentials",
        403: "Valid credentials without the needed scope",
        404: "Unknown id (or one the caller may not see)",
        409: "The current state refuses the request",
        422: "Invalid input: `details` lists each field and why",
        429: "Wait before asking again",
    }
    return {s: {"model": ErrorBody, "description": text.get(s, "Error")} for s in statuses}

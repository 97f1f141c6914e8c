"""What every request must be before a route reads it: a bounded body, and JSON and text PostgreSQL can hold.

Routes validate their input with pydantic (types, ranges, lengths). What pydantic does not see,
and what used to end in a 500 or in memory held for an unbounded body, is checked here once, in
front of every route (a plain ASGI middleware):

- **which bodies are JSON**: every body some reader may parse as JSON gets the JSON checks below,
  whatever its label: a `*/json` or `*+json` media type (a superset of FastAPI's
  `application/json` and `application/*+json`), and a body with **no** Content-Type (FastAPI
  parses those when a route is not strict about the type, and the submission route reads them
  as JSON). A route that takes JSON refuses any other media type with 415 (FastAPI's strict
  content type, mapped in `api/errors.py`); those bodies are only counted here.
- **size**: a JSON body may be at most `json_max_bytes` (per-path overrides, e.g. a batch of
  events); any other body (uploads, CSV) at most `stream_max_bytes`, the routes that read those
  enforcing their own, smaller limits. Over it: 413 `payload_too_large`, and the rest of the body
  is never read (a `Content-Length` over the limit is refused before reading anything).
- **JSON**: not UTF-8 (RFC 8259) → 400 `invalid_json`; nested deeper than `MAX_DEPTH` → 422
  naming the field; numbers too long to convert → 400 `invalid_json`; `NaN`, `Infinity` and
  `-Infinity` (which Python's parser takes, RFC 8259 does not) and numbers beyond a double's
  range (`1e999`) → 422 naming the field. Syntax errors are left to FastAPI, which reports their
  position.
- **text**: PostgreSQL cannot store NUL (U+0000) in text or JSONB, nor an unpaired surrogate
  (`"\\ud800"` is valid JSON but no UTF-8): such a string in the path, the query or the JSON body
  → 422 `validation_error` naming where.

What still slips through (a value PostgreSQL refuses for a reason not foreseen here) is caught
behind the API: the worker classifies data errors (`activities/data_errors.py`) and the journey
refuses the action with 422 `unstorable_input` instead of retrying forever.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, unquote_to_bytes

from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_response

#: The largest JSON body of most routes (a mission spec, a profile, one event).
JSON_MAX_BYTES = 1024 * 1024
#: The deepest nesting of JSON objects and arrays accepted anywhere (event attributes included).
MAX_DEPTH = 32


def _content_type(scope: Scope) -> str | None:
    """The request's media type, lower case without parameters; None when it has none (or an empty one)."""
    for name, value in scope.get("headers", ()):
        if name == b"content-type":
            media_type: str = value.decode("latin-1").split(";", 1)[0].strip().lower()
            return media_type or None
    return None


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def may_be_json(content_type: str | None) -> bool:
    """Whether a body of this media type may be parsed as JSON by some reader: none given, or any
    `*/json` or `*+json` type (FastAPI takes `application/json` and `application/*+json`)."""
    return content_type is None or content_type.endswith(("/json", "+json"))


class _NonFinite:
    """Where a JSON number was `NaN`, `Infinity` or beyond a double's range (found by `json_problem`)."""

    __slots__ = ("literal",)

    def __init__(self, literal: str) -> None:
        self.literal = literal


def _constant(literal: str) -> _NonFinite:
    return _NonFinite(literal)


def _float(literal: str) -> float | _NonFinite:
    value = float(literal)
    return value if math.isfinite(value) else _NonFinite(literal)


def parse_json(text: str) -> Any:
    """`json.loads`, with every non-finite number left as a marker for `json_problem` to name."""
    return json.loads(text, parse_constant=_constant, parse_float=_float)


def bad_text(value: str) -> str | None:
    """Why PostgreSQL could not store `value` (NUL, an unpaired surrogate), or None."""
    if "\x00" in value:
        return "must not contain NUL (U+0000) characters"
    if any("\ud800" <= c <= "\udfff" for c in value):
        return "must not contain unpaired surrogates (U+D800 to U+DFFF); send UTF-8 text"
    return None


def json_problem(document: Any) -> tuple[str, str, str] | None:
    """The first (field, reason, type) that makes a parsed JSON document unacceptable, or None.

    Iterative, so a document as deep as the parser allows cannot exhaust the stack here.
    """
    stack: list[tuple[Any, tuple[str, ...]]] = [(document, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, str):
            if reason := bad_text(value):
                return ".".join(path) or "body", reason, "string_characters"
        elif isinstance(value, _NonFinite):
            shown = value.literal if len(value.literal) <= 40 else value.literal[:40] + "..."
            reason = f"must be a finite number ({shown} is not a JSON number PostgreSQL can store)"
            return ".".join(path) or "body", reason, "finite_number"
        elif isinstance(value, dict | list):
            if len(path) >= MAX_DEPTH:
                return ".".join(path), f"nested deeper than {MAX_DEPTH} levels", "json_too_deep"
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                if isinstance(key, str) and (reason := bad_text(key)):
                    return ".".join(path) or "body", f"a key {reason}", "string_characters"
                stack.append((item, (*path, str(key))))
    return None


def _not_utf8(raw: bytes) -> bool:
    """Whether percent-decoded `raw` is not UTF-8 (the server would have put U+FFFD in its place)."""
    try:
        unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _url_problem(scope: Scope) -> tuple[str, str] | None:
    # Checked on the raw bytes: the decoded path and query already hold U+FFFD for invalid UTF-8,
    # so `%FF` and `%FE` would both name the same id.
    if _not_utf8(scope.get("raw_path") or b""):
        return "path", "is not UTF-8 once percent-decoded"
    if _not_utf8(scope.get("query_string", b"")):
        return "query", "is not UTF-8 once percent-decoded"
    if reason := bad_text(scope.get("path", "")):
        return "path", reason
    query = scope.get("query_string", b"").decode("latin-1")
    for name, value in parse_qsl(query, keep_blank_values=True):
        if reason := bad_text(name) or bad_text(value):
            return f"query.{name}" if not bad_text(name) else "query", reason
    return None


def _invalid(field: str, reason: str, type_: str) -> JSONResponse:
    return error_response(
        422, "validation_error", f"{field}: {reason}", [{"field": field, "reason": reason, "type": type_}]
    )


def _too_large(limit: int) -> JSONResponse:
    reason = f"larger than the limit of {limit} bytes"
    return error_response(
        413,
        "payload_too_large",
        f"the request body is {reason}",
        [{"field": "body", "reason": reason, "max_bytes": limit}],
    )


def _invalid_json(reason: str) -> JSONResponse:
    return error_response(
        400, "invalid_json", f"the request body is not valid JSON: {reason}", [{"field": "body", "reason": reason}]
    )


class InputGuard:
    """The ASGI middleware that checks every request's size, JSON and text before the app."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        stream_max_bytes: int,
        json_max_bytes: int = JSON_MAX_BYTES,
        json_limits: Mapping[str, int] | None = None,
    ) -> None:
        self.app = app
        self.stream_max_bytes = stream_max_bytes
        self.json_max_bytes = json_max_bytes
        self.json_limits = dict(json_limits or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if problem := _url_problem(scope):
            await _invalid(*problem, "string_characters")(scope, receive, send)
            return
        declared = _content_length(scope)
        if may_be_json(_content_type(scope)):
            limit = self.json_limits.get(scope.get("path", ""), self.json_max_bytes)
            if declared is not None and declared > limit:
                await _too_large(limit)(scope, receive, send)
                return
            body = await self._read(receive, limit)
            if body is None:
                await _too_large(limit)(scope, receive, send)
                return
            if response := _check_json(body):
                await response(scope, receive, send)
                return
            await self.app(scope, _replay(body, receive), send)
            return
        if declared is not None and declared > self.stream_max_bytes:
            await _too_large(self.stream_max_bytes)(scope, receive, send)
            return
        await self.app(scope, _capped(receive, self.stream_max_bytes), send)

    @staticmethod
    async def _read(receive: Receive, limit: int) -> bytes | None:
        """The whole body, or None as soon as it grows past `limit` (the rest is not read)."""
        chunks = bytearray()
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return bytes(chunks)
            chunks += message.get("body", b"")
            if len(chunks) > limit:
                return None
            if not message.get("more_body", False):
                return bytes(chunks)


def _check_json(body: bytes) -> JSONResponse | None:
    """The error response for a JSON body the app must not see, or None (syntax errors pass on)."""
    if not body.strip():
        return None
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _invalid_json(f"not UTF-8 (byte 0x{body[exc.start]:02x} at offset {exc.start})")
    try:
        document = parse_json(text)
    except json.JSONDecodeError:
        return None  # FastAPI answers 400 `invalid_json` with the position
    except RecursionError:
        field, reason = "body", f"nested deeper than {MAX_DEPTH} levels"
        return _invalid(field, reason, "json_too_deep")
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        return _invalid_json(str(exc))
    if problem := json_problem(document):
        return _invalid(*problem)
    return None


def _replay(body: bytes, receive: Receive) -> Receive:
    """A `receive` that hands the app the already-read body, then the client's next message."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _capped(receive: Receive, limit: int) -> Receive:
    """`receive`, failing with 413 once the body read so far is over `limit` bytes."""
    seen = 0

    async def capped() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                # An HTTPException: FastAPI passes it on while reading a body, the handler shapes it.
                raise StarletteHTTPException(413, f"the request body is larger than the limit of {limit} bytes")
        return message

    return capped

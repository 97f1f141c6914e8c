"""Callbacks to a mission's `callback_url`: their body, their stable id and their signature.

A callback is POSTed with these headers:

    Questline-Delivery: cb_...           the delivery id (also the body's `id`); stable across retries
    Questline-Event: mission.completed   the body's `type`
    Questline-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>." + body)>

The timestamp is that of the attempt, so a receiver can refuse old (replayed) requests; the
HMAC covers it and the exact body bytes. Pure: no clock, no I/O (callers pass `now`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime
from typing import Any, Literal

SIGNATURE_HEADER = "Questline-Signature"
DELIVERY_HEADER = "Questline-Delivery"
EVENT_HEADER = "Questline-Event"
#: Seconds a receiver should accept between the signature's timestamp and its own clock.
DEFAULT_TOLERANCE = 300

CallbackType = Literal["mission.completed", "budget.exhausted"]
MISSION_COMPLETED: CallbackType = "mission.completed"
BUDGET_EXHAUSTED: CallbackType = "budget.exhausted"


class SignatureError(ValueError):
    """A signature header that does not prove the body; `reason` is `malformed`, `stale` or `mismatch`."""

    def __init__(self, reason: Literal["malformed", "stale", "mismatch"], message: str) -> None:
        super().__init__(message)
        self.reason = reason


def delivery_id(type: str, key: str) -> str:
    """The id of the one delivery of `type` for `key` (e.g. `<mission>:<user>:<completion>`).

    Derived, not random: a retried enqueue of the same fact finds the delivery it made before.
    """
    return "cb_" + hashlib.sha256(f"{type}:{key}".encode()).hexdigest()[:32]


def completion_key(mission_id: str, user_id: str, completion: int, cycle: int | None = None) -> str:
    """The key of one completion's callback (the same completion the ledger's reward key names;
    a recurring mission's cycle is part of it)."""
    base = f"{mission_id}:{user_id}:{completion}"
    return base if cycle is None else f"{base}:c{cycle}"


def budget_key(mission_id: str, cap: int, counts: Literal["points", "completions"] = "points") -> str:
    """The key of a budget's exhaustion: once per mission and cap (a raised cap may run out again).

    A points cap keeps its original key (`<mission>:<cap>`), so deliveries made before completions
    caps existed are still found; a completions cap of the same number is a different fact.
    """
    return f"{mission_id}:{cap}" if counts == "points" else f"{mission_id}:completions:{cap}"


def envelope(id: str, type: str, created_at: datetime, data: dict[str, Any]) -> dict[str, Any]:
    """The JSON body of a callback: `{"id", "type", "created_at", "data"}`."""
    return {"id": id, "type": type, "created_at": created_at.isoformat(), "data": data}


def body_bytes(payload: dict[str, Any]) -> bytes:
    """The bytes POSTed for a stored body: compact and key-sorted, so every attempt sends the same bytes."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _mac(secret: str, timestamp: int, body: bytes) -> str:
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The `Questline-Signature` header value for `body` sent at `timestamp` (unix seconds)."""
    return f"t={timestamp},v1={_mac(secret, timestamp, body)}"


def verify(secret: str, header: str, body: bytes, now: float, tolerance: float = DEFAULT_TOLERANCE) -> int:
    """Checks a `Questline-Signature` header against the received body; returns its timestamp.

    Raises `SignatureError` when the header is malformed, its timestamp is more than `tolerance`
    seconds away from `now`, or no `v1` signature matches (comparison in constant time).
    """
    timestamp: int | None = None
    candidates: list[str] = []
    for part in header.split(","):
        name, sep, value = part.strip().partition("=")
        if not sep:
            raise SignatureError("malformed", f"{SIGNATURE_HEADER} part {part!r} is not name=value")
        if name == "t":
            try:
                timestamp = int(value)
            except ValueError:
                raise SignatureError("malformed", f"timestamp {value!r} is not unix seconds") from None
        elif name == "v1":
            candidates.append(value)
    if timestamp is None or not candidates:
        raise SignatureError("malformed", f"{SIGNATURE_HEADER} needs t= and at least one v1=")
    if abs(now - timestamp) > tolerance:
        raise SignatureError("stale", f"timestamp {timestamp} is more than {tolerance} s from now")
    expected = _mac(secret, timestamp, body)
    # As bytes: compare_digest raises TypeError for a str with non-ASCII characters.
    if not any(hmac.compare_digest(expected.encode(), c.encode("utf-8", "surrogatepass")) for c in candidates):
        raise SignatureError("mismatch", "no v1 signature matches the body")
    return timestamp

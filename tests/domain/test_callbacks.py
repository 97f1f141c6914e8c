"""Callback signatures, bodies and delivery ids (domain/callbacks.py)."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime

import pytest

from domain.callbacks import (
    SignatureError,
    body_bytes,
    budget_key,
    completion_key,
    delivery_id,
    envelope,
    sign,
    verify,
)

SECRET = "whsec-0123456789abcdef"
BODY = b'{"data":{"mission_id":"mis_1"},"id":"cb_1","type":"mission.completed"}'
T = 1_800_000_000


def reason(header: str, body: bytes = BODY, *, secret: str = SECRET, now: float = T, tolerance: float = 300) -> str:
    with pytest.raises(SignatureError) as raised:
        verify(secret, header, body, now, tolerance)
    return raised.value.reason


def test_the_signature_is_hmac_sha256_over_timestamp_dot_body() -> None:
    expected = hmac.new(SECRET.encode(), f"{T}.".encode() + BODY, hashlib.sha256).hexdigest()
    assert sign(SECRET, T, BODY) == f"t={T},v1={expected}"


def test_a_fresh_signature_verifies_and_returns_its_timestamp() -> None:
    assert verify(SECRET, sign(SECRET, T, BODY), BODY, now=T + 299) == T
    assert verify(SECRET, sign(SECRET, T, BODY), BODY, now=T - 299) == T  # a receiver's clock may run behind


def test_a_tampered_body_is_refused() -> None:
    assert reason(sign(SECRET, T, BODY), BODY.replace(b"mis_1", b"mis_2")) == "mismatch"
    assert reason(sign(SECRET, T, BODY), BODY + b" ") == "mismatch"


def test_a_wrong_secret_is_refused() -> None:
    assert reason(sign("another-secret-0123456789", T, BODY)) == "mismatch"


def test_a_changed_timestamp_is_refused() -> None:
    forged = sign(SECRET, T, BODY).replace(f"t={T}", f"t={T + 10}")
    assert reason(forged, now=T + 10) == "mismatch"


def test_a_stale_timestamp_is_refused_even_with_a_valid_mac() -> None:
    assert reason(sign(SECRET, T, BODY), now=T + 301) == "stale"
    assert reason(sign(SECRET, T, BODY), now=T + 61, tolerance=60) == "stale"


def test_any_matching_v1_is_accepted() -> None:
    """Room for rotating the secret: a sender may add a signature per secret."""
    good = sign(SECRET, T, BODY)
    old = sign("old-secret-0123456789", T, BODY).split(",")[1]
    assert verify(SECRET, f"{good},{old}", BODY, now=T) == T
    assert verify(SECRET, f"t={T},{old},{good.split(',')[1]}", BODY, now=T) == T


@pytest.mark.parametrize("header", ["", "v1=abc", f"t={T}", "t=soon,v1=abc", "garbage", f"t={T};v1=abc"])
def test_malformed_headers_are_refused(header: str) -> None:
    assert reason(header) == "malformed"


def test_delivery_ids_are_stable_and_distinct() -> None:
    first = delivery_id("mission.completed", completion_key("mis_1", "alice", 1))
    assert first == delivery_id("mission.completed", "mis_1:alice:1")
    assert first.startswith("cb_") and len(first) == 35
    others = {
        delivery_id("mission.completed", completion_key("mis_1", "alice", 2)),
        delivery_id("mission.completed", completion_key("mis_1", "bob", 1)),
        delivery_id("budget.exhausted", budget_key("mis_1", 100)),
        delivery_id("budget.exhausted", budget_key("mis_1", 200)),
    }
    assert first not in others and len(others) == 4


def test_the_body_is_compact_sorted_json_of_the_envelope() -> None:
    at = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
    payload = envelope("cb_1", "mission.completed", at, {"user_id": "ünïcode", "mission_id": "m"})
    expected = (
        '{"created_at":"2026-11-27T12:00:00+00:00","data":{"mission_id":"m","user_id":"ünïcode"},'
        '"id":"cb_1","type":"mission.completed"}'
    )
    assert body_bytes(payload) == expected.encode()
    # The same stored body always gives the same bytes, whatever order its keys come back in.
    assert body_bytes(dict(reversed(list(payload.items())))) == body_bytes(payload)

"""The error shape every 4xx must have (api.md): `{"error": {"code", "message", "details"}}`."""

from __future__ import annotations

from typing import Any

import httpx


def assert_error_shape(response: httpx.Response, where: object = "") -> dict[str, Any]:
    """`response` is JSON in the error shape with a code and a human message; returns the inner error."""
    assert response.headers.get("content-type", "").startswith("application/json"), (where, response.text[:300])
    payload = response.json()
    assert isinstance(payload, dict) and set(payload) == {"error"}, (where, payload)
    error: dict[str, Any] = payload["error"]
    assert set(error) == {"code", "message", "details"}, (where, error)
    assert isinstance(error["code"], str) and error["code"], (where, error)
    assert isinstance(error["message"], str) and error["message"].strip(), (where, error)
    if response.status_code == 401:
        assert response.headers.get("www-authenticate") == "Bearer", where
    return error


def assert_error(response: httpx.Response, status: int, code: str | None = None, where: object = "") -> dict[str, Any]:
    """`response` is `status` in the error shape (with `code` when given); returns the inner error."""
    assert response.status_code == status, (where, response.status_code, response.text[:500])
    error = assert_error_shape(response, where)
    if code is not None:
        assert error["code"] == code, (where, error)
    return error


def fields(error: dict[str, Any]) -> list[str]:
    """The fields an error's details name."""
    details = error["details"]
    assert isinstance(details, list) and details, error
    return [str(d["field"]) for d in details]

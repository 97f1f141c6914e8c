"""GET /v1/me/challenges/config (user token) and /v1/users/{id}/challenges/config (client key):
the limits a user may create a challenge within, without the operator's anti-farming cap."""

from __future__ import annotations

from tests.api.helpers import uid
from tests.api.test_auth import bearer, token_for
from tests.conftest import Stack


async def test_a_user_reads_the_limits_a_challenge_must_keep(stack: Stack) -> None:
    admin = stack.headers("admin")
    r = await stack.http.get("/v1/challenges/config", headers=admin)
    assert r.status_code == 200, r.text
    before = r.json()
    walk = uid("walk")
    config = {
        "event_types": sorted(set(before["event_types"]) | {walk}),
        "reward": {"points": 9},
        "max_active_per_user": before["max_active_per_user"],
        "min_periods": 2,
        "max_periods": 30,
        "min_count": 3,
        "max_count": 50,
        "min_amount": 5,
        "max_amount": 99.5,
        "max_rewarded_per_period": 7,
        "reward_period": "week",
        "timezone": "Europe/Paris",
    }
    r = await stack.http.put("/v1/challenges/config", json=config, headers=admin)
    assert r.status_code == 200, r.text
    try:
        user = uid()
        token = await token_for(stack, user)
        r = await stack.http.get("/v1/me/challenges/config", headers=bearer(token))
        assert r.status_code == 200, r.text
        limits = r.json()
        assert limits == {
            "enabled": True,
            "event_types": config["event_types"],
            "reward": {"points": 9, "item": None, "direct": None},
            "max_active_per_user": before["max_active_per_user"],
            "min_periods": 2,
            "max_periods": 30,
            "min_count": 3,
            "max_count": 50,
            "min_amount": 5,
            "max_amount": 99.5,
            "periods": ["day", "week"],
            "timezone": "Europe/Paris",
        }
        assert "max_rewarded_per_period" not in limits and "reward_period" not in limits

        r = await stack.http.get(f"/v1/users/{user}/challenges/config", headers=stack.headers("client"))
        assert r.status_code == 200, r.text
        assert r.json() == limits
        # A user token is not an admin: the operator's full configuration stays closed to it.
        r = await stack.http.get("/v1/challenges/config", headers=bearer(token))
        assert r.status_code == 403, r.text
        # "config" is not taken for a challenge id.
        r = await stack.http.get("/v1/me/challenges", headers=bearer(token))
        assert r.status_code == 200, r.text
    finally:
        r = await stack.http.put("/v1/challenges/config", json=before, headers=admin)
        assert r.status_code == 200, r.text


async def test_the_limits_need_a_credential(stack: Stack) -> None:
    r = await stack.http.get("/v1/me/challenges/config")
    assert r.status_code == 401, r.text

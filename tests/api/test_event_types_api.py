"""`GET /v1/event-types` (issue 17): the system types described, the custom types seen with
their counts and last sighting (kept on ingest), admin only. On the real stack."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tests.api.helpers import send, uid
from tests.conftest import Stack


async def _types(stack: Stack) -> dict[str, dict[str, Any]]:
    r = await stack.http.get("/v1/event-types", headers=stack.headers("admin"))
    assert r.status_code == 200, r.text
    return {t["type"]: t for t in r.json()["items"]}


async def test_system_types_are_described_with_their_data(stack: Stack) -> None:
    types = await _types(stack)
    for name in (
        "questline.widget_opened",
        "questline.referral",
        "questline.mission_completed",
        "questline.tier_reached",
    ):
        assert types[name]["system"] is True
        assert types[name]["description"]
    assert "mission_id" in types["questline.mission_completed"]["attributes"]
    assert "category_id" in types["questline.mission_completed"]["attributes"]
    assert "tier" in types["questline.tier_reached"]["attributes"]
    # Internal announcements that are not system events are not offered.
    assert "questline.segment_entered" not in types


async def test_custom_types_are_counted_once_per_new_event(stack: Stack) -> None:
    seen, other = uid("seen"), uid("other")
    user = uid()
    repeated = uid("e")
    await send(stack, user, seen, id=repeated)
    await send(stack, user, seen, id=repeated)  # a duplicate: not counted again
    await send(stack, user, seen)
    batch = {"events": [{"id": uid("e"), "user_id": user, "type": other} for _ in range(3)]}
    r = await stack.http.post("/v1/events/batch", json=batch, headers=stack.headers("client"))
    assert r.status_code == 202, r.text
    types = await _types(stack)
    assert types[seen]["count"] == 2 and types[seen]["system"] is False
    # Logged with a completion, not on ingest: not counted (no hot row shared by completions).
    assert types["questline.mission_completed"]["count"] is None
    assert isinstance(types["questline.widget_opened"]["count"], int)
    assert types[other]["count"] == 3
    assert datetime.fromisoformat(types[seen]["last_seen"]) <= datetime.fromisoformat(types[other]["last_seen"])
    assert list(types).index("questline.tier_reached") < list(types).index(seen)  # system types first


async def test_event_types_are_for_admins(stack: Stack) -> None:
    r = await stack.http.get("/v1/event-types", headers=stack.headers("client"))
    assert r.status_code == 403
    assert r.json()["error"]["code"]


async def test_counts_are_added_up_in_the_process_and_written_in_one_upsert(stack: Stack) -> None:
    from datetime import UTC, timedelta

    from services.events import TypeCounts

    kind = uid("t")
    counts = TypeCounts(stack.engine)
    early = datetime.now(UTC)
    counts.add([(kind, 2, early)])
    counts.add([(kind, 3, early + timedelta(seconds=1))])
    assert kind not in await _types(stack), "nothing written before the flush"
    await counts.flush()
    await counts.flush()  # nothing queued: nothing added twice
    seen = (await _types(stack))[kind]
    assert seen["count"] == 5
    assert datetime.fromisoformat(seen["last_seen"]) == early + timedelta(seconds=1)

"""Callbacks end to end: enqueued with what they announce, delivered signed to a real receiver,
retried with backoff, failed visibly once they give up, and retried by hand (issue 5)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from db import callbacks as repo
from services.callbacks import dispatch, enqueue_budget_exhausted, enqueue_completion
from services.gateway import JourneyGateway, LazyClient
from tests.api.helpers import create_mission, eventually, send, uid
from tests.api.receiver import Received, Receiver, running_receiver
from tests.conftest import CALLBACK_SECRET, Stack


def _gateway(stack: Stack) -> JourneyGateway:
    """The door to Temporal on the stack's task queue (as the API and the worker have it)."""
    return JourneyGateway(LazyClient(stack.settings), stack.settings.task_queue)


async def _mission(stack: Stack, url: str) -> str:
    goal = {"kind": "event", "event_type": uid("ev"), "count": 1}
    return await create_mission(stack, {"type": "generally_available", "goal": goal, "callback_url": url})


async def _enqueue_completion(stack: Stack, mission_id: str, url: str, user: str, completion: int = 1) -> str | None:
    async with stack.engine.begin() as conn:
        return await enqueue_completion(
            conn,
            mission_id=mission_id,
            url=url,
            user_id=user,
            completion=completion,
            reward={"points": 5},
            at=datetime(2026, 11, 27, 12, 0, tzinfo=UTC),
        )


async def _get(stack: Stack, callback_id: str) -> dict[str, Any]:
    r = await stack.http.get(f"/v1/callbacks/{callback_id}", headers=stack.headers("admin"))
    assert r.status_code == 200, r.text
    found: dict[str, Any] = r.json()
    return found


async def _status(stack: Stack, callback_id: str, status: str) -> dict[str, Any] | None:
    found = await _get(stack, callback_id)
    return found if found["status"] == status else None


async def test_a_callback_failing_twice_is_delivered_on_the_third_attempt_signed(stack: Stack) -> None:
    with running_receiver(CALLBACK_SECRET, failures=2) as receiver:
        mission = await _mission(stack, receiver.url)
        user = uid()
        cb = await _enqueue_completion(stack, mission, receiver.url, user)
        assert cb is not None and cb.startswith("cb_")
        # A retried completion enqueues and dispatches again: still one delivery.
        assert await _enqueue_completion(stack, mission, receiver.url, user) == cb
        await dispatch(_gateway(stack), stack.settings, [cb, None])
        await dispatch(_gateway(stack), stack.settings, [cb])

        delivered = await eventually(lambda: _status(stack, cb, "delivered"), within=30)
        assert delivered["attempts"] == 3
        assert (delivered["last_status"], delivered["last_error"]) == (200, None)
        assert delivered["delivered_at"] is not None

        posts = receiver.of(cb)
        assert [p.answered for p in posts] == [500, 500, 200]
        assert all(p.verified for p in posts), "every attempt carries a valid signature"
        assert len({p.body for p in posts}) == 1, "every attempt sends the same bytes"
        assert {p.path for p in posts} == {"/hook"}
        body = posts[-1].json
        assert body == {
            "id": cb,
            "type": "mission.completed",
            "created_at": "2026-11-27T12:00:00+00:00",
            "data": {
                "mission_id": mission,
                "user_id": user,
                "completion": 1,
                "reward": {"points": 5},
                "completed_at": "2026-11-27T12:00:00+00:00",
            },
        }
        assert posts[-1].event == "mission.completed"
        assert posts[-1].headers["content-type"] == "application/json"
        assert delivered["payload"] == body

    # Delivered: enqueueing the same completion again has nothing left to dispatch.
    assert await _enqueue_completion(stack, mission, receiver.url, user) is None
    r = await stack.http.get(f"/v1/callbacks?mission_id={mission}", headers=stack.headers("admin"))
    assert [c["id"] for c in r.json()["items"]] == [cb]


async def test_a_callback_that_gives_up_is_listed_failed_and_a_manual_retry_delivers_it(stack: Stack) -> None:
    admin = stack.headers("admin")
    with running_receiver(CALLBACK_SECRET, down=True) as receiver:
        mission = await _mission(stack, receiver.url)
        cb = await _enqueue_completion(stack, mission, receiver.url, uid())
        assert cb is not None
        r = await stack.http.post(f"/v1/callbacks/{cb}/retry", headers=admin)
        assert (r.status_code, r.json()["error"]["code"]) == (409, "callback_not_failed")
        # Give up after 3 s here (the settings' default is a day).
        quick = stack.settings.model_copy(
            update={"callback_retry_for": timedelta(seconds=3), "callback_max_interval": timedelta(seconds=0.5)}
        )
        await dispatch(_gateway(stack), quick, [cb])

        async def listed_failed() -> dict[str, Any] | None:
            r = await stack.http.get("/v1/callbacks?status=failed", headers=admin)
            assert r.status_code == 200, r.text
            return next((c for c in r.json()["items"] if c["id"] == cb), None)

        failed = await eventually(listed_failed, within=30)
        assert failed["status"] == "failed" and failed["failed_at"] is not None
        assert failed["attempts"] >= 2
        assert failed["last_status"] == 500
        assert failed["last_error"].startswith("HTTP 500")
        tried = len(receiver.of(cb))
        assert tried == failed["attempts"]
        await asyncio.sleep(1)
        assert len(receiver.of(cb)) == tried, "a failed callback is not retried by itself"

        receiver.down = False
        r = await stack.http.post(f"/v1/callbacks/{cb}/retry", headers=admin)
        assert r.status_code == 202, r.text
        assert (r.json()["status"], r.json()["retries"]) == ("pending", 1)
        delivered = await eventually(lambda: _status(stack, cb, "delivered"), within=30)
        assert delivered["attempts"] == tried + 1
        assert delivered["failed_at"] is None
        assert [p.answered for p in receiver.of(cb)][-1] == 200
        assert all(p.verified for p in receiver.of(cb))

        r = await stack.http.post(f"/v1/callbacks/{cb}/retry", headers=admin)
        assert (r.status_code, r.json()["error"]["code"]) == (409, "callback_not_failed")
        r = await stack.http.get(f"/v1/callbacks?status=failed&mission_id={mission}", headers=admin)
        assert r.json()["items"] == []


async def test_a_receiver_that_cannot_verify_the_signature_keeps_refusing(stack: Stack) -> None:
    """The signature is what the receiver checks: under another secret every attempt is refused."""
    with running_receiver("not-the-callback-secret-0123") as receiver:
        mission = await _mission(stack, receiver.url)
        cb = await _enqueue_completion(stack, mission, receiver.url, uid())
        await dispatch(_gateway(stack), stack.settings, [cb])

        async def refused_twice() -> bool:
            return len(receiver.of(cb or "")) >= 2

        await eventually(refused_twice, within=30)
        found = await _get(stack, cb or "")
        assert found["status"] == "pending"
        assert found["last_status"] == 401
        assert not any(p.verified for p in receiver.of(cb or ""))
        await stack.env.client.get_workflow_handle(f"callback:{cb}").terminate("test over")


async def test_budget_exhausted_goes_through_the_same_delivery(stack: Stack) -> None:
    with running_receiver(CALLBACK_SECRET) as receiver:
        mission = await _mission(stack, receiver.url)
        at = datetime(2026, 11, 27, 13, 0, tzinfo=UTC)
        async with stack.engine.begin() as conn:
            cb = await enqueue_budget_exhausted(conn, mission_id=mission, url=receiver.url, cap=100, spent=105, at=at)
            again = await enqueue_budget_exhausted(
                conn, mission_id=mission, url=receiver.url, cap=100, spent=105, at=at
            )
            assert again == cb
            assert await enqueue_budget_exhausted(conn, mission_id=mission, url=None, cap=100, spent=1, at=at) is None
        await dispatch(_gateway(stack), stack.settings, [cb])
        await eventually(lambda: _status(stack, cb or "", "delivered"), within=30)
        (post,) = receiver.of(cb or "")
        assert post.verified and post.event == "budget.exhausted"
        assert post.json["data"] == {
            "mission_id": mission,
            "budget_cap": {"points": 100},
            "budget_spent": 105,
            "exhausted_at": "2026-11-27T13:00:00+00:00",
        }
        r = await stack.http.get(
            f"/v1/callbacks?mission_id={mission}&type=budget.exhausted", headers=stack.headers("admin")
        )
        assert [c["id"] for c in r.json()["items"]] == [cb]


async def test_listing_pages_filters_and_refuses_bad_input(stack: Stack) -> None:
    admin = stack.headers("admin")
    receiver = Receiver(CALLBACK_SECRET, url="http://127.0.0.1:9/never-dispatched")
    mission = await _mission(stack, receiver.url)
    ids = [await _enqueue_completion(stack, mission, receiver.url, uid()) for _ in range(3)]
    seen: list[str] = []
    cursor = ""
    while True:
        r = await stack.http.get(f"/v1/callbacks?mission_id={mission}&limit=2{cursor}", headers=admin)
        assert r.status_code == 200, r.text
        page = r.json()
        seen += [c["id"] for c in page["items"]]
        if page["next_cursor"] is None:
            break
        cursor = f"&cursor={page['next_cursor']}"
    assert sorted(seen) == sorted(i for i in ids if i) and len(seen) == 3
    r = await stack.http.get(f"/v1/callbacks?mission_id={mission}&status=delivered", headers=admin)
    assert r.json() == {"items": [], "next_cursor": None}

    r = await stack.http.get("/v1/callbacks?status=lost", headers=admin)
    assert r.status_code == 422
    r = await stack.http.get("/v1/callbacks?cursor=cb_nope", headers=admin)
    assert (r.status_code, r.json()["error"]["code"]) == (422, "invalid_cursor")
    r = await stack.http.get("/v1/callbacks/cb_nope", headers=admin)
    assert (r.status_code, r.json()["error"]["code"]) == (404, "callback_not_found")
    r = await stack.http.post("/v1/callbacks/cb_nope/retry", headers=admin)
    assert (r.status_code, r.json()["error"]["code"]) == (404, "callback_not_found")
    r = await stack.http.get("/v1/callbacks", headers=stack.headers("client"))
    assert r.status_code == 403
    async with stack.engine.connect() as conn:
        assert (await repo.get(conn, ids[0] or "")).status == "pending"


async def test_completions_and_a_spent_budget_are_called_back_signed(stack: Stack) -> None:
    """End to end: events complete a capped mission; the receiver gets each `mission.completed`
    (verified, with the completion's reward) and one `budget.exhausted`."""
    with running_receiver(CALLBACK_SECRET, failures=1) as receiver:
        et = uid("cb")
        mission = await create_mission(
            stack,
            {
                "type": "generally_available",
                "goal": {"kind": "event", "event_type": et, "count": 1},
                "reward": {"points": 10},
                "budget_cap": {"points": 20},
                "callback_url": receiver.url,
            },
        )
        users = [uid(), uid()]
        for user in users:
            await send(stack, user, et)

        def delivered() -> list[Received]:
            with receiver.lock:
                return [r for r in receiver.received if r.answered == 200]

        async def all_in() -> bool:
            return len(delivered()) == 3

        await eventually(all_in, within=30)
        got = delivered()
        assert all(r.verified for r in got)
        completed = sorted(
            (r.json["data"]["user_id"], r.json["data"]["reward"]) for r in got if r.event == "mission.completed"
        )
        assert completed == sorted((u, {"points": 10}) for u in users)
        [budget] = [r.json for r in got if r.event == "budget.exhausted"]
        assert budget["data"]["mission_id"] == mission and budget["data"]["budget_spent"] == 20
        r = await stack.http.get("/v1/callbacks", params={"mission_id": mission}, headers=stack.headers("admin"))
        assert sorted(c["status"] for c in r.json()["items"]) == ["delivered"] * 3

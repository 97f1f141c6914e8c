"""Outbound URLs (issue 13.7): what callbacks and the broadcast webhook may call, on the real stack.

The session's stack allows local receivers (tests run them on 127.0.0.1); `strict` is a second app
and worker with the production policy (`QUESTLINE_OUTBOUND_ALLOW_PRIVATE=false`).
"""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from temporalio.testing import WorkflowEnvironment

from db.broadcasts import Delivery
from domain.outbound import PERMISSIVE, STRICT
from services.broadcasts import Webhook
from services.callbacks import dispatch, enqueue_completion
from services.gateway import JourneyGateway, LazyClient
from services.outbound import Outbound, TargetRefused
from tests.api.helpers import create_mission, eventually, points, send, uid
from tests.api.receiver import running_receiver
from tests.conftest import CALLBACK_SECRET, Stack, open_stack


def _gateway(stack: Stack) -> JourneyGateway:
    """The door to Temporal on the stack's task queue (as the API and the worker have it)."""
    return JourneyGateway(LazyClient(stack.settings), stack.settings.task_queue)


@pytest.fixture(scope="module")
async def strict(database_url: str, dev_env: WorkflowEnvironment) -> AsyncIterator[Stack]:
    """The API and a worker with the production outbound policy."""
    async with open_stack(database_url, dev_env, outbound_allow_private=False) as opened:
        assert opened.settings.outbound_policy == STRICT
        yield opened


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A TCP port on 127.0.0.1 that records whether anything connected to it."""
    server = socket.create_server(("127.0.0.1", 0))
    server.setblocking(False)
    try:
        yield server
    finally:
        server.close()


def connected(server: socket.socket) -> bool:
    """True when something connected to the listener."""
    try:
        conn, _ = server.accept()
    except BlockingIOError:
        return False
    conn.close()
    return True


def _spec(url: str) -> dict[str, Any]:
    return {
        "name": uid("m"),
        "type": "generally_available",
        "goal": {"kind": "event", "event_type": uid("ev"), "count": 1},
        "callback_url": url,
    }


@pytest.mark.parametrize(
    "url",
    [
        "https://127.1/hook",
        "https://2130706433/hook",
        "https://0x7f.1/hook",
        "https://0177.0.0.1/hook",
        "https://10.0.0.1/hook",
        "https://192.168.0.10/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/hook",
        "https://[::ffff:127.0.0.1]/hook",
        "https://[fd00::1]/hook",
        "https://0.0.0.0/hook",
        "http://hooks.example.com/hook",
    ],
)
async def test_saving_a_local_or_plain_http_callback_url_is_refused_in_production(strict: Stack, url: str) -> None:
    r = await strict.http.post("/v1/missions", json=_spec(url), headers=strict.headers("admin"))
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["code"] == "validation_error"
    assert [d["field"] for d in error["details"]] == ["callback_url"]
    assert error["message"].startswith("callback_url: not allowed: ")


async def test_patching_a_callback_url_to_a_local_target_is_refused_in_production(strict: Stack) -> None:
    admin = strict.headers("admin")
    r = await strict.http.post("/v1/missions", json=_spec("https://hooks.example.com/questline"), headers=admin)
    assert r.status_code == 201, r.text
    mission = r.json()["id"]
    for url in (
        "https://127.1/hook",
        "https://2130706433/",
        "https://10.0.0.1/",
        "https://[::1]/",
        "http://x.example/",
    ):
        r = await strict.http.patch(f"/v1/missions/{mission}", json={"callback_url": url}, headers=admin)
        assert r.status_code == 422, (url, r.text)
        assert r.json()["error"]["details"][0]["field"] == "callback_url"
    r = await strict.http.patch(f"/v1/missions/{mission}", json={"name": "renamed"}, headers=admin)
    assert r.status_code == 200, r.text
    assert r.json()["callback_url"] == "https://hooks.example.com/questline"


async def test_the_dev_and_test_stacks_allow_local_receivers(stack: Stack) -> None:
    assert stack.settings.outbound_policy == PERMISSIVE
    r = await stack.http.post("/v1/missions", json=_spec("http://127.0.0.1:9/hook"), headers=stack.headers("admin"))
    assert r.status_code == 201, r.text
    r = await stack.http.post("/v1/missions", json=_spec("http://169.254.169.254/"), headers=stack.headers("admin"))
    assert r.status_code == 422, "link-local (cloud metadata) stays refused everywhere"


async def test_a_name_that_resolves_to_loopback_is_refused_when_called(strict: Stack, listener: socket.socket) -> None:
    """`localhost` passes the save-time check (a name); the call resolves it, refuses 127.0.0.1, connects nowhere."""
    port = listener.getsockname()[1]
    url = f"https://localhost:{port}/hook"
    spec = {**_spec(url), "reward": {"points": 5}}
    et = spec["goal"]["event_type"]
    mission = await create_mission(strict, spec)
    user = uid()
    await send(strict, user, et)

    async def failed() -> dict[str, Any] | None:
        r = await strict.http.get("/v1/callbacks", params={"mission_id": mission}, headers=strict.headers("admin"))
        assert r.status_code == 200, r.text
        items = r.json()["items"]
        return items[0] if items and items[0]["status"] == "failed" else None

    found = await eventually(failed, within=30)
    assert found["last_error"] == "refused: loopback address"
    assert found["last_status"] is None
    assert found["attempts"] == 1, "a refused target is not retried for a day"
    assert not connected(listener)
    assert await points(strict, user) == 5, "the reward does not depend on the callback"


async def test_the_listing_shows_a_status_not_the_receivers_answer(stack: Stack) -> None:
    """The receiver answers 500 with a body; only `HTTP 500` is kept and shown."""
    with running_receiver(CALLBACK_SECRET, down=True) as receiver:
        mission = await create_mission(stack, _spec(receiver.url))
        async with stack.engine.begin() as conn:
            cb = await enqueue_completion(
                conn,
                mission_id=mission,
                url=receiver.url,
                user_id=uid(),
                completion=1,
                reward=None,
                at=datetime(2026, 12, 2, tzinfo=UTC),
            )
        assert cb is not None
        await dispatch(_gateway(stack), stack.settings, [cb])

        async def refused() -> dict[str, Any] | None:
            r = await stack.http.get("/v1/callbacks", params={"mission_id": mission}, headers=stack.headers("admin"))
            assert r.status_code == 200, r.text
            assert "receiver says no" not in r.text
            items = r.json()["items"]
            return items[0] if items and items[0]["last_status"] == 500 else None

        found = await eventually(refused, within=30)
        assert found["last_error"] == "HTTP 500"
        assert len(receiver.of(cb)) >= 1
        r = await stack.http.get(f"/v1/callbacks/{cb}", headers=stack.headers("admin"))
        assert "receiver says no" not in r.text
        await stack.env.client.get_workflow_handle(f"callback:{cb}").terminate("test over")


async def test_an_unreachable_receiver_is_a_short_reason(stack: Stack, listener: socket.socket) -> None:
    port = listener.getsockname()[1]
    listener.close()  # nothing listens there any more: connection refused
    url = f"http://127.0.0.1:{port}/hook"
    mission = await create_mission(stack, _spec(url))
    async with stack.engine.begin() as conn:
        cb = await enqueue_completion(
            conn, mission_id=mission, url=url, user_id=uid(), completion=1, reward=None, at=datetime.now(UTC)
        )
    await dispatch(_gateway(stack), stack.settings, [cb])

    async def noted() -> dict[str, Any] | None:
        r = await stack.http.get(f"/v1/callbacks/{cb}", headers=stack.headers("admin"))
        found: dict[str, Any] = r.json()
        return found if found["last_error"] else None

    found = await eventually(noted, within=30)
    assert found["last_error"] == "connection refused"
    await stack.env.client.get_workflow_handle(f"callback:{cb}").terminate("test over")


# --- the pinned call ------------------------------------------------------------------------------------


async def test_a_call_goes_to_the_checked_address_and_keeps_the_name_as_host() -> None:
    with running_receiver(CALLBACK_SECRET) as receiver:
        port = receiver.url.split(":")[2].split("/")[0]
        url = f"http://localhost:{port}/hook"
        async with httpx.AsyncClient() as http:
            outbound = Outbound(http, PERMISSIVE)
            pinned = await outbound.pin(url, within=5)
            assert (pinned.url.host, pinned.headers) == ("127.0.0.1", {"Host": f"localhost:{port}"})
            async with outbound.stream("POST", url, content=b"{}", headers={}, within=5) as response:
                assert response.status_code == 401  # unsigned: the receiver refuses it, but it got it
        (got,) = receiver.received
        assert got.headers["host"] == f"localhost:{port}"


async def test_every_address_a_name_resolves_to_is_checked_and_it_is_resolved_once() -> None:
    answers = [["93.184.216.34", "127.0.0.1"], ["93.184.216.34"], ["127.0.0.1"]]
    asked: list[str] = []

    async def resolve(host: str, port: int) -> list[str]:
        asked.append(host)
        return answers[len(asked) - 1]

    async with httpx.AsyncClient() as http:
        outbound = Outbound(http, STRICT, resolve=resolve)
        with pytest.raises(TargetRefused) as raised:
            await outbound.pin("https://rebind.example/hook", within=5)
        assert raised.value.reason == "loopback address"
        # A name that answers a public address, then loopback (DNS rebinding): the request keeps the first.
        pinned = await outbound.pin("https://rebind.example/hook", within=5)
        assert pinned.url.host == "93.184.216.34"
        assert pinned.extensions == {"sni_hostname": "rebind.example"}
        assert pinned.headers == {"Host": "rebind.example"}
        assert asked == ["rebind.example", "rebind.example"]


async def test_the_broadcast_webhook_is_refused_a_loopback_name_in_production(listener: socket.socket) -> None:
    port = listener.getsockname()[1]
    delivery = Delivery(broadcast_id=uid("brd"), user_id=uid(), title="t", body="b", sent_at=datetime.now(UTC))
    async with httpx.AsyncClient() as http:
        strict_hook = Webhook(http, f"https://localhost:{port}/hook", backoff=0, policy=STRICT)
        assert await strict_hook.post_all([delivery]) == []
    assert not connected(listener)

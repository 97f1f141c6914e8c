"""Broadcasts through the API on a real worker: each member's inbox once, the webhook once per delivery.

The session's `stack` worker does not run the broadcast workflow, so these tests bring their own
app and worker (on a task queue of their own) and a real HTTP server as the webhook receiver.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import socket
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import WorkflowExecutionStatus
from temporalio.common import WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.testing import ActivityEnvironment, WorkflowEnvironment
from temporalio.worker import Worker

from activities.broadcasts import BroadcastActivities
from activities.enrolment import JourneyActivities
from api.app import create_app
from api.routes import broadcasts as broadcast_routes
from db import broadcasts, segments
from db.engine import create_engine
from services.broadcasts import deliver_on_entry
from services.enrolment import build_enrolment_services
from services.gateway import JourneyGateway, LazyClient
from services.routing import EventRouter
from settings import Settings
from tests.api.helpers import eventually, uid
from tests.conftest import Stack, make_settings
from worker import SANDBOX, WORKFLOWS
from workflows.broadcast import BroadcastWorkflow, SendBroadcast, broadcast_workflow_id

#: Members per page of the stack's delivery activity: small, so a send spans several pages.
PAGE = 2


@dataclass
class Receiver:
    """A webhook endpoint: records each accepted POST body; answers 503 to the first `fail_next`."""

    url: str = ""
    posts: list[dict[str, Any]] = field(default_factory=list)
    fail_next: int = 0

    def of(self, broadcast_id: str) -> list[dict[str, Any]]:
        """The accepted posts of one broadcast."""
        return [p for p in self.posts if p["broadcast_id"] == broadcast_id]


@contextlib.asynccontextmanager
async def webhook_receiver() -> AsyncIterator[Receiver]:
    """A minimal HTTP/1.1 server on a free local port (one request per connection)."""
    receiver = Receiver()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            length = next((int(v) for k, _, v in (x.partition(":") for x in lines) if k.lower() == "content-length"), 0)
            body = await reader.readexactly(length)
            if receiver.fail_next > 0:
                receiver.fail_next -= 1
                status = "503 Service Unavailable"
            else:
                receiver.posts.append(json.loads(body))
                status = "200 OK"
            writer.write(f"HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".encode())
            await writer.drain()
        finally:
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    receiver.url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/hooks/broadcasts"
    async with server:
        yield receiver


def closed_port_url() -> str:
    """A local URL nothing listens on (connections are refused at once)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/down"


@dataclass
class Broadcasting:
    """The app with the broadcast routes, a worker that sends broadcasts, and the webhook receiver."""

    stack: Stack
    hook: Receiver
    activities: BroadcastActivities
    webhook_http: httpx.AsyncClient

    @property
    def http(self) -> httpx.AsyncClient:
        return self.stack.http

    @property
    def settings(self) -> Settings:
        return self.stack.settings

    @property
    def engine(self) -> AsyncEngine:
        return self.stack.engine

    def headers(self, who: str) -> dict[str, str]:
        return self.stack.headers(who)


@pytest.fixture(scope="session")
async def bc(database_url: str, dev_env: WorkflowEnvironment) -> AsyncIterator[Broadcasting]:
    """One app and worker for these tests, with a webhook receiver configured."""
    async with webhook_receiver() as hook, httpx.AsyncClient() as webhook_http:
        settings = make_settings(
            database_url, dev_env.client.service_client.config.target_host, f"tests-brd-{uuid.uuid4().hex[:8]}"
        ).model_copy(update={"broadcast_webhook_url": hook.url})
        engine = create_engine(settings, pool_size=5)
        events = EventRouter(engine, JourneyGateway(LazyClient(settings), settings.task_queue))
        journeys = JourneyActivities(build_enrolment_services(engine, events, settings))
        sender = BroadcastActivities(engine, webhook_http, settings, page_size=PAGE, webhook_backoff=0.01)
        worker = Worker(
            dev_env.client,
            task_queue=settings.task_queue,
            workflows=[*WORKFLOWS, *([] if BroadcastWorkflow in WORKFLOWS else [BroadcastWorkflow])],
            workflow_runner=SANDBOX,
            activities=[
                journeys.save_journey,
                journeys.complete_journey,
                journeys.approval_rule_passes,
                journeys.broadcast_mission_change,
                journeys.launch_mission,
                journeys.grant_page,
                journeys.sweep_segment,
                sender.deliver_broadcast,
            ],
        )
        app = create_app(settings)
        mounted = {getattr(r, "path", None) for r in app.routes}
        if "/v1/broadcasts" not in mounted:  # until api/app.py mounts them itself
            for router in (
                broadcast_routes.router,
                broadcast_routes.users_inbox_router,
                broadcast_routes.me_inbox_router,
            ):
                app.include_router(router)
        try:
            async with worker, app.router.lifespan_context(app):
                transport = httpx.ASGITransport(app=app)
                async with httpx.AsyncClient(transport=transport, base_url="http://questline.test") as http:
                    stack = Stack(http=http, settings=settings, env=dev_env, engine=engine)
                    yield Broadcasting(stack=stack, hook=hook, activities=sender, webhook_http=webhook_http)
        finally:
            await engine.dispose()


# --- helpers -------------------------------------------------------------------------------------


async def _segment(bc: Broadcasting, members: list[str]) -> str:
    r = await bc.http.post("/v1/segments", json={"name": uid("seg")}, headers=bc.headers("admin"))
    assert r.status_code == 201, r.text
    segment_id: str = r.json()["id"]
    if members:
        await _add(bc, segment_id, members)
    return segment_id


async def _add(bc: Broadcasting, segment_id: str, members: list[str]) -> None:
    csv = "user_id\n" + "".join(f"{m}\n" for m in members)
    r = await bc.http.post(
        f"/v1/segments/{segment_id}/members",
        content=csv,
        headers={**bc.headers("admin"), "content-type": "text/csv"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["added"] == len(members)


async def _broadcast(bc: Broadcasting, segment_id: str, **fields: Any) -> dict[str, Any]:
    body = {"title": "Double points weekend", "body": "Every mission pays twice until Sunday.", **fields}
    r = await bc.http.post("/v1/broadcasts", json={"segment_id": segment_id, **body}, headers=bc.headers("admin"))
    assert r.status_code == 201, r.text
    created: dict[str, Any] = r.json()
    return created


async def _get(bc: Broadcasting, broadcast_id: str) -> dict[str, Any]:
    r = await bc.http.get(f"/v1/broadcasts/{broadcast_id}", headers=bc.headers("admin"))
    assert r.status_code == 200, r.text
    got: dict[str, Any] = r.json()
    return got


async def _sent(bc: Broadcasting, broadcast_id: str) -> dict[str, Any]:
    async def sent() -> dict[str, Any] | None:
        got = await _get(bc, broadcast_id)
        return got if got["status"] == "sent" else None

    done: dict[str, Any] = await eventually(sent, within=30)
    return done


async def _inbox(bc: Broadcasting, user_id: str, **params: Any) -> dict[str, Any]:
    r = await bc.http.get(f"/v1/users/{user_id}/inbox", params=params, headers=bc.headers("client"))
    assert r.status_code == 200, r.text
    page: dict[str, Any] = r.json()
    return page


async def _copies(bc: Broadcasting, user_id: str, broadcast_id: str) -> int:
    items = (await _inbox(bc, user_id, limit=200))["items"]
    return sum(1 for item in items if item["broadcast_id"] == broadcast_id)


async def _token(bc: Broadcasting, user_id: str) -> dict[str, str]:
    r = await bc.http.post(f"/v1/users/{user_id}/token", headers=bc.headers("client"))
    assert r.status_code == 201, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def _run(activities: BroadcastActivities, broadcast_id: str, *, resume_after: str | None = None) -> Any:
    """Runs the delivery activity outside any workflow, as a retry would (optionally resuming)."""
    env = ActivityEnvironment()
    if resume_after is not None:
        env.info = dataclasses.replace(env.info, heartbeat_details=[resume_after])
    return env.run(activities.deliver_broadcast, SendBroadcast(broadcast_id=broadcast_id))


def _error(r: httpx.Response) -> tuple[str, list[str]]:
    error = r.json()["error"]
    return error["code"], [d["field"] for d in error["details"] or [] if isinstance(d, dict) and "field" in d]


# --- sending ----------------------------------------------------------------------------------


async def test_a_broadcast_now_reaches_each_member_once_in_the_inbox_and_the_webhook(bc: Broadcasting) -> None:
    members = sorted(uid() for _ in range(3))  # more than one page
    outsider = uid()
    segment = await _segment(bc, members)
    created = await _broadcast(bc, segment)
    assert created["id"].startswith("brd_")
    assert (created["status"], created["delivered"], created["send_at"], created["on_entry"]) == (
        "scheduled",
        0,
        None,
        False,
    )
    done = await _sent(bc, created["id"])
    assert done["delivered"] == 3 and done["sent_at"] is not None
    for user in members:
        items = [i for i in (await _inbox(bc, user))["items"] if i["broadcast_id"] == created["id"]]
        assert len(items) == 1
        assert (items[0]["title"], items[0]["body"], items[0]["read_at"]) == (created["title"], created["body"], None)
    assert await _copies(bc, outsider, created["id"]) == 0
    posts = bc.hook.of(created["id"])
    assert sorted(p["user_id"] for p in posts) == members
    for post in posts:
        assert post["delivery_id"] == f"{created['id']}:{post['user_id']}"
        assert (post["title"], post["body"]) == (created["title"], created["body"])
        assert datetime.fromisoformat(post["sent_at"]).tzinfo is not None


async def test_delivering_again_duplicates_nothing(bc: Broadcasting) -> None:
    members = [uid(), uid(), uid()]
    segment = await _segment(bc, members)
    created = await _broadcast(bc, segment)
    first = await _sent(bc, created["id"])
    # A retried activity, or the work run twice: nobody gets a second copy, the webhook no second post.
    assert await _run(bc.activities, created["id"]) == 3
    assert await _run(bc.activities, created["id"]) == 3
    again = await _get(bc, created["id"])
    assert (again["status"], again["delivered"], again["sent_at"]) == ("sent", 3, first["sent_at"])
    for user in members:
        assert await _copies(bc, user, created["id"]) == 1
    assert len(bc.hook.of(created["id"])) == 3


async def test_the_workflow_of_a_broadcast_cannot_be_started_twice(bc: Broadcasting) -> None:
    segment = await _segment(bc, [uid()])
    created = await _broadcast(bc, segment)
    await _sent(bc, created["id"])
    with pytest.raises(WorkflowAlreadyStartedError):
        await bc.stack.env.client.start_workflow(
            BroadcastWorkflow.run,
            SendBroadcast(broadcast_id=created["id"]),
            id=broadcast_workflow_id(created["id"]),
            task_queue=bc.settings.task_queue,
            id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
        )


async def test_a_retried_delivery_resumes_after_its_heartbeat_cursor(bc: Broadcasting) -> None:
    members = sorted(uid() for _ in range(4))
    async with bc.engine.begin() as conn:
        segment = await segments.create(conn, name=uid("seg"), kind="static", rule=None)
        await segments.add_members(conn, segment.id, members)
        made = await broadcasts.create(
            conn, title="Hi", body="there", segment_id=segment.id, send_at=None, on_entry=False
        )
    assert await _run(bc.activities, made.id, resume_after=members[1]) == 2
    for user, expected in zip(members, (0, 0, 1, 1), strict=True):
        assert await _copies(bc, user, made.id) == expected


async def test_a_failing_webhook_is_retried_then_skipped_and_posted_by_a_later_run(
    bc: Broadcasting, db_engine: AsyncEngine
) -> None:
    members = [uid(), uid()]
    async with db_engine.begin() as conn:
        segment = await segments.create(conn, name=uid("seg"), kind="static", rule=None)
        await segments.add_members(conn, segment.id, members)
        made = await broadcasts.create(
            conn, title="Hi", body="there", segment_id=segment.id, send_at=None, on_entry=False
        )

    def sender(url: str) -> BroadcastActivities:
        settings = bc.settings.model_copy(update={"broadcast_webhook_url": url})
        return BroadcastActivities(db_engine, bc.webhook_http, settings, webhook_backoff=0.01)

    # The webhook is down: the inbox is filled all the same.
    assert await _run(sender(closed_port_url()), made.id) == 2
    for user in members:
        assert await _copies(bc, user, made.id) == 1
    async with webhook_receiver() as hook:
        hook.fail_next = 1  # one 503 first: that delivery is tried again
        # The deliveries the webhook never accepted are posted by the next run, once each.
        assert await _run(sender(hook.url), made.id) == 2
        assert sorted(p["user_id"] for p in hook.of(made.id)) == sorted(members)
        assert hook.fail_next == 0, "the 503 was answered"
        assert await _run(sender(hook.url), made.id) == 2
        assert len(hook.of(made.id)) == 2


async def test_a_scheduled_broadcast_waits_for_its_time(bc: Broadcasting) -> None:
    member = uid()
    segment = await _segment(bc, [member])
    at = datetime.now(UTC) + timedelta(days=1)
    created = await _broadcast(bc, segment, send_at=at.isoformat())
    assert datetime.fromisoformat(created["send_at"]) == at
    handle = bc.stack.env.client.get_workflow_handle(broadcast_workflow_id(created["id"]))

    async def waiting() -> bool:
        return (await handle.describe()).status is WorkflowExecutionStatus.RUNNING

    await eventually(waiting)
    assert (await handle.query("broadcast", result_type=SendBroadcast)).send_at == at
    assert (await _get(bc, created["id"]))["status"] == "scheduled"
    assert await _copies(bc, member, created["id"]) == 0
    await handle.terminate("test over")  # the time-skipping tests cover the timer firing


async def test_a_send_at_a_few_seconds_old_means_now(bc: Broadcasting) -> None:
    member = uid()
    segment = await _segment(bc, [member])
    created = await _broadcast(bc, segment, send_at=(datetime.now(UTC) - timedelta(seconds=5)).isoformat())
    assert (await _sent(bc, created["id"]))["delivered"] == 1
    assert await _copies(bc, member, created["id"]) == 1


# --- on entry ---------------------------------------------------------------------------------


async def test_on_entry_delivers_to_each_later_entrant_once(bc: Broadcasting) -> None:
    first, later, outsider = uid(), uid(), uid()
    segment = await _segment(bc, [first])
    welcome = await _broadcast(bc, segment, on_entry=True)
    plain = await _broadcast(bc, segment)
    await _sent(bc, welcome["id"])
    await _sent(bc, plain["id"])
    await _add(bc, segment, [later])
    new = [await deliver_on_entry(bc.engine, bc.webhook_http, bc.settings, later, segment) for _ in range(2)]
    # Once the router calls it on `questline.segment_entered`, the upload may already have delivered.
    assert sum(new) <= 1 and new[1] == 0
    assert await _copies(bc, later, welcome["id"]) == 1
    assert await _copies(bc, later, plain["id"]) == 0  # not an on-entry broadcast
    assert sorted(p["user_id"] for p in bc.hook.of(welcome["id"])) == sorted([first, later])
    assert (await _get(bc, welcome["id"]))["delivered"] == 2
    # Someone who is not a member gets nothing, whoever asks.
    assert await deliver_on_entry(bc.engine, bc.webhook_http, bc.settings, outsider, segment) == 0
    assert await _copies(bc, outsider, welcome["id"]) == 0


async def test_on_entry_waits_until_the_broadcast_has_been_sent(bc: Broadcasting) -> None:
    entrant = uid()
    segment = await _segment(bc, [])
    later = await _broadcast(bc, segment, on_entry=True, send_at=(datetime.now(UTC) + timedelta(days=2)).isoformat())
    await _add(bc, segment, [entrant])
    assert await deliver_on_entry(bc.engine, bc.webhook_http, bc.settings, entrant, segment) == 0
    assert await _copies(bc, entrant, later["id"]) == 0  # the send at its time will reach them
    await bc.stack.env.client.get_workflow_handle(broadcast_workflow_id(later["id"])).terminate("test over")


# --- the inbox --------------------------------------------------------------------------------


async def test_mark_read_is_idempotent_and_only_for_the_users_own_inbox(bc: Broadcasting) -> None:
    reader, other = uid(), uid()
    segment = await _segment(bc, [reader])
    created = await _broadcast(bc, segment)
    await _sent(bc, created["id"])
    unread = (await _inbox(bc, reader, unread="true"))["items"]
    assert [i["broadcast_id"] for i in unread] == [created["id"]]
    r = await bc.http.post(f"/v1/users/{reader}/inbox/{created['id']}/read", headers=bc.headers("client"))
    assert r.status_code == 200, r.text
    read_at = r.json()["read_at"]
    assert read_at is not None and r.json()["broadcast_id"] == created["id"]
    r = await bc.http.post(f"/v1/users/{reader}/inbox/{created['id']}/read", headers=bc.headers("client"))
    assert (r.status_code, r.json()["read_at"]) == (200, read_at)
    assert (await _inbox(bc, reader, unread="true"))["items"] == []
    assert [i["read_at"] for i in (await _inbox(bc, reader))["items"]] == [read_at]
    for path in (f"/v1/users/{other}/inbox/{created['id']}/read", f"/v1/users/{reader}/inbox/brd_nope/read"):
        r = await bc.http.post(path, headers=bc.headers("client"))
        assert (r.status_code, _error(r)[0]) == (404, "inbox_item_not_found")


async def test_users_read_their_own_inbox_with_a_token(bc: Broadcasting) -> None:
    reader, other = uid(), uid()
    segment = await _segment(bc, [reader])
    created = await _broadcast(bc, segment)
    await _sent(bc, created["id"])
    mine = await _token(bc, reader)
    r = await bc.http.get("/v1/me/inbox", headers=mine)
    assert r.status_code == 200, r.text
    assert [i["broadcast_id"] for i in r.json()["items"]] == [created["id"]]
    r = await bc.http.post(f"/v1/me/inbox/{created['id']}/read", headers=mine)
    assert r.status_code == 200 and r.json()["read_at"] is not None
    theirs = await _token(bc, other)
    assert (await bc.http.get("/v1/me/inbox", headers=theirs)).json()["items"] == []
    r = await bc.http.post(f"/v1/me/inbox/{created['id']}/read", headers=theirs)
    assert r.status_code == 404


async def test_the_inbox_pages_newest_first(bc: Broadcasting) -> None:
    reader = uid()
    segment = await _segment(bc, [reader])
    sent = []
    for n in range(3):
        created = await _broadcast(bc, segment, title=f"update {n}")
        await _sent(bc, created["id"])
        sent.append(created["id"])
    page = await _inbox(bc, reader, limit=2)
    assert [i["broadcast_id"] for i in page["items"]] == sent[:0:-1]
    assert page["next_cursor"] == sent[1]
    rest = await _inbox(bc, reader, limit=2, cursor=page["next_cursor"])
    assert ([i["broadcast_id"] for i in rest["items"]], rest["next_cursor"]) == ([sent[0]], None)
    r = await bc.http.get(f"/v1/users/{reader}/inbox", params={"cursor": "brd_nope"}, headers=bc.headers("client"))
    assert (r.status_code, _error(r)) == (422, ("invalid_cursor", ["cursor"]))


# --- admin reads ------------------------------------------------------------------------------


async def test_broadcasts_are_listed_newest_first_and_read_one_by_one(bc: Broadcasting) -> None:
    segment = await _segment(bc, [uid()])
    older = await _broadcast(bc, segment)
    newer = await _broadcast(bc, segment)
    r = await bc.http.get("/v1/broadcasts", params={"limit": 1}, headers=bc.headers("admin"))
    assert r.status_code == 200, r.text
    assert [b["id"] for b in r.json()["items"]] == [newer["id"]]
    r = await bc.http.get(
        "/v1/broadcasts", params={"limit": 1, "cursor": r.json()["next_cursor"]}, headers=bc.headers("admin")
    )
    assert [b["id"] for b in r.json()["items"]] == [older["id"]]
    await _sent(bc, older["id"])
    r = await bc.http.get("/v1/broadcasts", params={"status": "sent", "limit": 500}, headers=bc.headers("admin"))
    assert older["id"] in {b["id"] for b in r.json()["items"]}
    r = await bc.http.get("/v1/broadcasts/brd_nope", headers=bc.headers("admin"))
    assert (r.status_code, _error(r)[0]) == (404, "broadcast_not_found")


# --- validation and auth ----------------------------------------------------------------------


async def test_invalid_broadcasts_are_refused_naming_the_field(bc: Broadcasting) -> None:
    segment = await _segment(bc, [])
    good = {"title": "t", "body": "b", "segment_id": segment}
    cases: list[tuple[dict[str, Any], str, str]] = [
        ({**good, "segment_id": "seg_nope"}, "segment_not_found", "segment_id"),
        ({"body": "b", "segment_id": segment}, "validation_error", "title"),
        ({**good, "title": "   "}, "validation_error", "title"),
        ({**good, "body": ""}, "validation_error", "body"),
        ({**good, "send_at": (datetime.now(UTC) - timedelta(hours=1)).isoformat()}, "send_at_in_past", "send_at"),
        ({**good, "send_at": "2030-01-01T00:00:00"}, "validation_error", "send_at"),
        ({**good, "colour": "red"}, "validation_error", "colour"),
    ]
    for body, code, field_name in cases:
        r = await bc.http.post("/v1/broadcasts", json=body, headers=bc.headers("admin"))
        assert r.status_code == 422, (body, r.text)
        got_code, fields = _error(r)
        assert (got_code, fields[:1]) == (code, [field_name]), (body, r.text)
    r = await bc.http.get("/v1/broadcasts", params={"status": "lost"}, headers=bc.headers("admin"))
    assert r.status_code == 422


async def test_admin_routes_need_the_admin_key_and_inbox_routes_their_own_callers(bc: Broadcasting) -> None:
    user = uid()
    segment = await _segment(bc, [])
    body = {"title": "t", "body": "b", "segment_id": segment}
    assert (await bc.http.post("/v1/broadcasts", json=body)).status_code == 401
    assert (await bc.http.post("/v1/broadcasts", json=body, headers=bc.headers("client"))).status_code == 403
    assert (await bc.http.get("/v1/broadcasts", headers=bc.headers("client"))).status_code == 403
    assert (await bc.http.get("/v1/broadcasts/brd_x", headers=bc.headers("client"))).status_code == 403
    token = await _token(bc, user)
    assert (await bc.http.get(f"/v1/users/{user}/inbox")).status_code == 401
    assert (await bc.http.get(f"/v1/users/{user}/inbox", headers=token)).status_code == 403
    assert (await bc.http.post(f"/v1/users/{user}/inbox/brd_x/read", headers=token)).status_code == 403
    assert (await bc.http.get("/v1/me/inbox")).status_code == 401
    assert (await bc.http.get("/v1/me/inbox", headers=bc.headers("client"))).status_code == 403
    assert (await bc.http.get(f"/v1/users/{user}/inbox", headers=bc.headers("admin"))).status_code == 200

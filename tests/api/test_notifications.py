"""Notifications end to end (issue 17): templates with checked placeholders, rendered per user and
escaped; delivered by the relay through a signed webhook (retried after a failing receiver), a
Slack-style webhook and email over a REAL local SMTP server (aiosmtpd); `notify: false` sends
nothing; Send Update; a refused email fails visibly and an admin's retry delivers it."""

from __future__ import annotations

import asyncio
import email
import email.policy
import ipaddress
import json
import socket
import ssl
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from temporalio.testing import WorkflowEnvironment

from db import notifications as notifications_repo
from domain.errors import Invalid
from domain.notifications import ChannelIn, TemplateIn, render, render_message, template_problem
from services.notifications import Notifications, SendUpdateIn, send_mail
from tests.api.helpers import create_mission, eventually, send, uid, view
from tests.api.receiver import running_receiver
from tests.conftest import CALLBACK_SECRET, Stack, open_stack

FROM = "missions@questline.test"


# --- a real SMTP server and a Slack-style receiver -------------------------------------------------


@dataclass
class Mailbox:
    """What the local SMTP server accepted; recipients in `refuse` get a 550 at RCPT."""

    messages: list[EmailMessage] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        assert isinstance(envelope.content, bytes)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted"

    def to(self, address: str) -> list[EmailMessage]:
        with self.lock:
            return [m for m in self.messages if m["To"] == address]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Slack:
    """A Slack-style incoming webhook: records each JSON body, answers 200."""

    url: str = ""
    bodies: list[dict[str, Any]] = field(default_factory=list)


@contextmanager
def running_slack() -> Iterator[Slack]:
    slack = Slack()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            slack.bodies.append(json.loads(body))
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    slack.url = f"http://127.0.0.1:{server.server_address[1]}/services/T000/B000/XXX"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield slack
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    box = Mailbox()
    port = _free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield box, port
    finally:
        controller.stop()


@pytest.fixture(scope="module")
async def nstack(database_url: str, dev_env: WorkflowEnvironment, mailbox: tuple[Mailbox, int]) -> AsyncIterator[Stack]:
    """An app and worker whose settings name the local SMTP server (plain SMTP, no login)."""
    _, port = mailbox
    async with open_stack(
        database_url, dev_env, smtp_host="127.0.0.1", smtp_port=port, smtp_from=FROM, smtp_security="none"
    ) as opened:
        yield opened


# --- helpers ---------------------------------------------------------------------------------------


async def _channel(stack: Stack, body: dict[str, Any]) -> str:
    r = await stack.http.post(
        "/v1/notifications/channels", json={"name": uid("ch"), **body}, headers=stack.headers("admin")
    )
    assert r.status_code == 201, r.text
    channel_id: str = r.json()["id"]
    return channel_id


async def _drop(stack: Stack, *channel_ids: str) -> None:
    for channel_id in channel_ids:
        r = await stack.http.delete(f"/v1/notifications/channels/{channel_id}", headers=stack.headers("admin"))
        assert r.status_code == 204, r.text


async def _deliveries(stack: Stack, **params: Any) -> list[dict[str, Any]]:
    r = await stack.http.get("/v1/notifications/deliveries", params=params, headers=stack.headers("admin"))
    assert r.status_code == 200, r.text
    items: list[dict[str, Any]] = r.json()["items"]
    return items


async def _all_settled(stack: Stack, n: int, **params: Any) -> list[dict[str, Any]] | None:
    """The `n` deliveries matching `params` once none is pending (None until then)."""
    found = await _deliveries(stack, **params)
    if len(found) == n and all(d["status"] != "pending" for d in found):
        return found
    return None


async def _template(stack: Stack, event: str, body: dict[str, Any]) -> None:
    r = await stack.http.put(f"/v1/notifications/templates/{event}", json=body, headers=stack.headers("admin"))
    assert r.status_code == 200, r.text


async def _reset(stack: Stack, event: str) -> None:
    r = await stack.http.delete(f"/v1/notifications/templates/{event}", headers=stack.headers("admin"))
    assert r.status_code == 200, r.text


def _event_mission(**more: Any) -> dict[str, Any]:
    return {"type": "generally_available", "goal": {"kind": "event", "event_type": uid("ev"), "count": 1}, **more}


# --- pure rendering --------------------------------------------------------------------------------


def test_rendering_escapes_values_for_each_part_and_never_the_operators_markup() -> None:
    template = TemplateIn(
        subject="Hi {{userId}}\r\nBcc: x@evil.test",
        text="{{missionName}} & more: {{customText}}",
        html="<h1>{{missionName}}</h1><p>{{ customText }}</p>",
    )
    message = render_message(
        template, {"userId": "u\r\nBcc: a@b.test", "missionName": "<b>Yoga</b>", "customText": '"5" & <i>'}
    )
    assert message.text == '<b>Yoga</b> & more: "5" & <i>'
    assert message.html == "<h1>&lt;b&gt;Yoga&lt;/b&gt;</h1><p>&quot;5&quot; &amp; &lt;i&gt;</p>"
    assert message.slack == '*Hi u Bcc: a@b.test Bcc: x@evil.test*\n&lt;b&gt;Yoga&lt;/b&gt; & more: "5" &amp; &lt;i&gt;'
    assert "\n" not in message.subject and "\r" not in message.subject
    # Without an HTML template the text is the HTML part, escaped whole, one paragraph per line.
    plain = render_message(TemplateIn(subject="s", text="a <b>\n{{customText}}"), {"customText": "<x>"})
    assert plain.html == "<p>a &lt;b&gt;</p><p>&lt;x&gt;</p>"
    assert render("{{points}} / {{nothing}}", {"points": 5}) == "5 / "
    # A value is never expanded again: a user's text naming a placeholder stays as written.
    assert render("{{customText}}", {"customText": "{{userId}}", "userId": "u-1"}) == "{{userId}}"


def test_unknown_and_malformed_placeholders_are_refused() -> None:
    assert template_problem("Hi {{userId}}") is None
    problem = template_problem("Hi {{user_name}} {{userId}}")
    assert problem is not None and "{{user_name}}" in problem and "missionName" in problem
    assert template_problem("Hi {{ userId") is not None
    assert template_problem("Hi {{user id}}") is not None


# --- through the API -------------------------------------------------------------------------------


async def test_templates_default_saved_refused_with_the_field_and_reset(nstack: Stack) -> None:
    admin = nstack.headers("admin")
    r = await nstack.http.get("/v1/notifications/templates/mission_declined", headers=admin)
    assert r.status_code == 200, r.text
    default = r.json()
    assert default["default"] is True and "{{customText}}" in default["text"]
    assert "customText" in default["placeholders"]

    r = await nstack.http.put(
        "/v1/notifications/templates/mission_declined",
        json={"subject": "Declined: {{missionName}}", "text": "Hello {{firstName}}"},
        headers=admin,
    )
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["code"] == "validation_error"
    (detail,) = error["details"]
    assert detail["field"] == "text" and "unknown placeholder {{firstName}}" in detail["reason"]

    r = await nstack.http.put(
        "/v1/notifications/templates/mission_declined",
        json={"subject": "Declined: {{ missionName", "text": "ok", "html": "<p>{{nope}}</p>"},
        headers=admin,
    )
    assert r.status_code == 422
    assert {d["field"] for d in r.json()["error"]["details"]} == {"subject", "html"}

    r = await nstack.http.put(
        "/v1/notifications/templates/no_such_event", json={"subject": "s", "text": "t"}, headers=admin
    )
    assert r.status_code == 422 and r.json()["error"]["details"][0]["field"] == "event"

    r = await nstack.http.put(
        "/v1/notifications/templates/mission_declined",
        json={"subject": "Declined: {{missionName}}", "text": "Feedback: {{customText}}"},
        headers=admin,
    )
    assert r.status_code == 200 and r.json()["default"] is False
    r = await nstack.http.get("/v1/notifications/templates", headers=admin)
    by_event = {t["event"]: t for t in r.json()}
    assert set(by_event) == {"mission_created", "mission_declined", "mission_completed", "send_update"}
    assert by_event["mission_declined"]["text"] == "Feedback: {{customText}}"
    await _reset(nstack, "mission_declined")
    r = await nstack.http.get("/v1/notifications/templates/mission_declined", headers=admin)
    assert r.json() == default


async def test_a_preview_renders_each_part_escaped_and_checks_an_unsaved_template(nstack: Stack) -> None:
    admin = nstack.headers("admin")
    r = await nstack.http.post("/v1/notifications/templates/mission_declined/preview", headers=admin)
    assert r.status_code == 200, r.text
    assert r.json()["subject"] == "Your submission to Morning yoga was declined"  # sample values
    r = await nstack.http.post(
        "/v1/notifications/templates/send_update/preview",
        json={
            "template": {"subject": "{{missionName}}", "text": "{{customText}}", "html": "<b>{{customText}}</b>"},
            "values": {"customText": "<i>&</i>", "missionName": "Run\nfast"},
        },
        headers=admin,
    )
    assert r.status_code == 200, r.text
    assert r.json() == {
        "subject": "Run fast",
        "text": "<i>&</i>",
        "html": "<b>&lt;i&gt;&amp;&lt;/i&gt;</b>",
        "slack": "*Run fast*\n&lt;i&gt;&amp;&lt;/i&gt;",
    }
    r = await nstack.http.post(
        "/v1/notifications/templates/send_update/preview",
        json={"template": {"subject": "s", "text": "{{nope}}"}, "values": {"alsoNope": "x"}},
        headers=admin,
    )
    assert r.status_code == 422 and r.json()["error"]["details"][0]["field"] == "template.text", r.text
    r = await nstack.http.post(
        "/v1/notifications/templates/send_update/preview", json={"values": {"alsoNope": "x"}}, headers=admin
    )
    assert r.status_code == 422 and r.json()["error"]["details"][0]["field"] == "values.alsoNope", r.text


async def test_channels_are_checked_listed_and_deleted(nstack: Stack) -> None:
    admin = nstack.headers("admin")
    for body, where in (
        ({"kind": "webhook", "name": "x"}, "url"),
        ({"kind": "email", "name": "x", "url": "http://127.0.0.1/x"}, "url"),
        ({"kind": "slack", "name": "x", "url": "http://127.0.0.1/x", "email_attribute": "mail"}, "email_attribute"),
        ({"kind": "webhook", "name": "x", "url": "http://169.254.169.254/latest"}, "url"),
        ({"kind": "sms", "name": "x"}, "kind"),
        ({"kind": "webhook", "name": "x", "url": "http://127.0.0.1/x", "events": ["nope"]}, "events.0"),
    ):
        r = await nstack.http.post("/v1/notifications/channels", json=body, headers=admin)
        assert r.status_code == 422, (body, r.text)
        assert r.json()["error"]["details"][0]["field"] == where, (body, r.text)

    channel = await _channel(nstack, {"kind": "webhook", "url": "http://127.0.0.1:9/x", "events": ["send_update"]})
    r = await nstack.http.get("/v1/notifications/channels", headers=admin)
    assert channel in [c["id"] for c in r.json()["items"]]
    r = await nstack.http.get(f"/v1/notifications/channels/{channel}", headers=admin)
    assert r.json()["events"] == ["send_update"] and r.json()["kind"] == "webhook"
    await _drop(nstack, channel)
    r = await nstack.http.get(f"/v1/notifications/channels/{channel}", headers=admin)
    assert (r.status_code, r.json()["error"]["code"]) == (404, "channel_not_found")
    r = await nstack.http.delete(f"/v1/notifications/channels/{channel}", headers=admin)
    assert r.status_code == 404
    r = await nstack.http.get("/v1/notifications/channels", headers=nstack.headers("client"))
    assert r.status_code == 403


async def test_an_email_channel_needs_the_smtp_settings(nstack: Stack) -> None:
    without = nstack.settings.model_copy(update={"smtp_host": ""})
    async with nstack.engine.begin() as conn:
        with pytest.raises(Invalid) as caught:
            await Notifications(without).create_channel(conn, ChannelIn(kind="email", name="mail"))
    assert caught.value.code == "smtp_not_configured"
    assert caught.value.details == [{"field": "kind", "reason": caught.value.details[0]["reason"]}]


async def test_a_completion_is_sent_signed_to_a_failing_webhook_until_it_answers_and_to_slack(nstack: Stack) -> None:
    with running_receiver(CALLBACK_SECRET, failures=2) as receiver, running_slack() as slack:
        hook = await _channel(nstack, {"kind": "webhook", "url": receiver.url, "events": ["mission_completed"]})
        chat = await _channel(nstack, {"kind": "slack", "url": slack.url, "events": ["mission_completed"]})
        await _template(
            nstack,
            "mission_completed",
            {"subject": "Done: {{missionName}}", "text": "{{userId}} earned {{points}} in {{missionName}}"},
        )
        try:
            name = f"<b>Yoga</b> & tea {uid('m')}"
            spec = _event_mission(reward={"points": 20}, callback_url=None)
            r = await nstack.http.post("/v1/missions", json={"name": name, **spec}, headers=nstack.headers("admin"))
            assert r.status_code == 201, r.text
            mission = r.json()["id"]
            r = await nstack.http.post(f"/v1/missions/{mission}/activate", headers=nstack.headers("admin"))
            assert r.status_code == 200, r.text
            user = uid()
            await send(nstack, user, spec["goal"]["event_type"])

            done = await eventually(lambda: _all_settled(nstack, 2, mission_id=mission), within=40)
            by_kind = {d["kind"]: d for d in done}
            assert by_kind["webhook"]["status"] == "delivered" and by_kind["webhook"]["attempts"] == 3
            assert by_kind["webhook"]["last_status"] == 200 and by_kind["webhook"]["last_error"] is None
            assert by_kind["slack"]["status"] == "delivered" and by_kind["slack"]["attempts"] == 1
            assert {d["event"] for d in done} == {"mission_completed"} and {d["user_id"] for d in done} == {user}

            posts = receiver.of(by_kind["webhook"]["id"])
            assert [p.answered for p in posts] == [500, 500, 200]
            assert all(p.verified for p in posts), "every attempt carries a valid signature"
            assert len({p.body for p in posts}) == 1, "every attempt sends the same bytes"
            body = posts[-1].json
            assert body["id"] == by_kind["webhook"]["id"] and body["type"] == "notification.mission_completed"
            assert posts[-1].event == "notification.mission_completed"
            assert body["data"]["text"] == f"{user} earned 20 in {name}"  # JSON carries the raw value
            assert body["data"]["subject"] == f"Done: {name}"
            assert body["data"]["values"]["missionId"] == mission

            (message,) = slack.bodies
            escaped = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            assert message == {"text": f"*Done: {escaped}*\n{user} earned 20 in {escaped}"}

            # The fact is enqueued once: a second completion path (a retried activity) adds nothing.
            r = await nstack.http.get(
                f"/v1/notifications/deliveries/{by_kind['slack']['id']}", headers=nstack.headers("admin")
            )
            assert r.status_code == 200 and r.json()["status"] == "delivered"
            r = await nstack.http.post(
                f"/v1/notifications/deliveries/{by_kind['slack']['id']}/retry", headers=nstack.headers("admin")
            )
            assert (r.status_code, r.json()["error"]["code"]) == (409, "delivery_not_failed")
        finally:
            await _drop(nstack, hook, chat)
            await _reset(nstack, "mission_completed")


async def test_a_decline_is_emailed_over_smtp_with_the_feedback_escaped_in_html(
    nstack: Stack, mailbox: tuple[Mailbox, int]
) -> None:
    box, _ = mailbox
    admin = nstack.headers("admin")
    mail = await _channel(nstack, {"kind": "email", "events": ["mission_declined"], "email_attribute": "work_email"})
    await _template(
        nstack,
        "mission_declined",
        {
            "subject": "About {{missionName}}",
            "text": "Hi {{userId}}, declined: {{customText}}",
            "html": "<h1>{{missionName}}</h1><p>{{customText}}</p>",
        },
    )
    try:
        mission = await create_mission(
            nstack,
            {
                "type": "generally_available",
                "goal": {"kind": "manual", "proof": ["text"], "approval": {"mode": "manual"}},
            },
        )
        user, nomail = uid(), uid()
        address = f"{user}@example.test"
        r = await nstack.http.put(
            f"/v1/users/{user}", json={"attributes": {"work_email": address}}, headers=nstack.headers("client")
        )
        assert r.status_code in (200, 201), r.text
        feedback = '<script>alert("x")</script> & blurry'
        for who in (user, nomail):
            r = await nstack.http.post(
                f"/v1/users/{who}/missions/{mission}/submissions",
                json={"proof": {"kind": "text", "value": "done"}},
                headers=nstack.headers("client"),
            )
            assert r.status_code == 201, r.text
            r = await nstack.http.post(
                f"/v1/submissions/{r.json()['id']}/decline", json={"feedback": feedback}, headers=admin
            )
            assert r.status_code == 200 and r.json()["status"] == "declined", r.text

        done = await eventually(lambda: _all_settled(nstack, 2, mission_id=mission), within=40)
        by_user = {d["user_id"]: d for d in done}
        assert by_user[user]["status"] == "delivered" and by_user[user]["last_status"] == 250
        assert (
            by_user[nomail]["status"] == "skipped" and by_user[nomail]["last_error"] == "the user has no email address"
        )

        (message,) = box.to(address)
        assert message["From"] == FROM and message["Subject"].startswith("About ")
        assert message["Questline-Delivery"] == by_user[user]["id"]
        text = message.get_body(preferencelist=("plain",))
        html_part = message.get_body(preferencelist=("html",))
        assert text is not None and html_part is not None
        assert text.get_content().strip() == f"Hi {user}, declined: {feedback}"
        html = html_part.get_content()
        assert "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; blurry</p>" in html
        assert "<script>" not in html
    finally:
        await _drop(nstack, mail)
        await _reset(nstack, "mission_declined")


async def test_notify_false_sends_nothing_and_refuses_a_send_update(nstack: Stack) -> None:
    with running_receiver(CALLBACK_SECRET) as receiver:
        hook = await _channel(nstack, {"kind": "webhook", "url": receiver.url})
        try:
            quiet_spec = _event_mission(notify=False, reward={"points": 1})
            quiet = await create_mission(nstack, quiet_spec)
            r = await nstack.http.get(f"/v1/missions/{quiet}", headers=nstack.headers("admin"))
            assert r.json()["notify"] is False
            loud_spec = _event_mission(reward={"points": 1})
            loud = await create_mission(nstack, loud_spec)
            user = uid()
            await send(nstack, user, quiet_spec["goal"]["event_type"])
            await send(nstack, user, loud_spec["goal"]["event_type"])

            async def both_completed() -> bool:
                views = [await view(nstack, user, m) for m in (quiet, loud)]
                return all(v is not None and v["status"] == "completed" for v in views)

            await eventually(both_completed, within=30)
            await eventually(lambda: _all_settled(nstack, 1, mission_id=loud, event="mission_completed"), within=30)
            assert await _deliveries(nstack, mission_id=quiet) == []

            r = await nstack.http.post(
                f"/v1/missions/{quiet}/updates", json={"text": "hi"}, headers=nstack.headers("admin")
            )
            assert (r.status_code, r.json()["error"]["code"]) == (409, "notifications_off")
            assert await _deliveries(nstack, mission_id=quiet) == []

            # Turned off later by a PATCH: updates are refused from then on; turned on again, sent.
            admin = nstack.headers("admin")
            r = await nstack.http.patch(f"/v1/missions/{loud}", json={"notify": False}, headers=admin)
            assert r.status_code == 200 and r.json()["notify"] is False, r.text
            r = await nstack.http.post(f"/v1/missions/{loud}/updates", json={"text": "hi"}, headers=admin)
            assert (r.status_code, r.json()["error"]["code"]) == (409, "notifications_off")
            r = await nstack.http.patch(f"/v1/missions/{loud}", json={"notify": None}, headers=admin)
            assert r.status_code == 200 and r.json()["notify"] is None, r.text
            r = await nstack.http.post(f"/v1/missions/{loud}/updates", json={"text": "hi"}, headers=admin)
            assert r.status_code == 202 and r.json()["fanout_id"] is not None, r.text
        finally:
            await _drop(nstack, hook)


async def test_send_update_reaches_the_missions_users_once_per_update_id(nstack: Stack) -> None:
    admin = nstack.headers("admin")
    with running_receiver(CALLBACK_SECRET) as receiver:
        hook = await _channel(nstack, {"kind": "webhook", "url": receiver.url, "events": ["send_update"]})
        try:
            event_type = uid("ev")
            spec = {"type": "generally_available", "goal": {"kind": "event", "event_type": event_type, "count": 5}}
            mission = await create_mission(nstack, spec)
            users = sorted([uid(), uid()])
            for user in users:
                await send(nstack, user, event_type)

            async def journeys() -> bool:
                views = [await view(nstack, u, mission) for u in users]
                return all(v is not None and v["progress"]["current"] == 1 for v in views)

            await eventually(journeys, within=30)

            # To all the mission's users: a fan-out in the background, over the journeys' read-model rows.
            r = await nstack.http.post(
                f"/v1/missions/{mission}/updates", json={"text": "Double points <today>", "id": "upd-1"}, headers=admin
            )
            assert r.status_code == 202, r.text
            out = r.json()
            assert (out["update_id"], out["users"], out["deliveries"]) == ("upd-1", None, None)
            assert out["fanout_id"].startswith("nf_")

            async def finished() -> dict[str, Any] | None:
                r = await nstack.http.get(f"/v1/notifications/fanouts/{out['fanout_id']}", headers=admin)
                assert r.status_code == 200, r.text
                fanout: dict[str, Any] = r.json()
                return fanout if fanout["status"] == "done" else None

            fanout = await eventually(finished, within=30)
            assert (fanout["kind"], fanout["mission_id"], fanout["told"]) == ("update", mission, 2)
            assert fanout["custom_text"] == "Double points <today>" and fanout["update_id"] == "upd-1"
            r = await nstack.http.post(
                f"/v1/missions/{mission}/updates", json={"text": "again", "id": "upd-1"}, headers=admin
            )
            assert r.json()["fanout_id"] == out["fanout_id"]  # the same update: nothing more
            r = await nstack.http.post(
                f"/v1/missions/{mission}/updates",
                json={"text": "again", "id": "upd-1", "user_ids": users},
                headers=admin,
            )
            assert r.json() == {"update_id": "upd-1", "fanout_id": None, "users": 2, "deliveries": 0}

            done = await eventually(lambda: _all_settled(nstack, 2, mission_id=mission, event="send_update"), within=30)
            assert {d["user_id"] for d in done} == set(users) and {d["status"] for d in done} == {"delivered"}
            bodies = [p.json for d in done for p in receiver.of(d["id"])]
            assert {b["data"]["text"] for b in bodies} == {"Double points <today>"}

            # Paged newest first; a cursor that names no delivery is a 422 naming `cursor`.
            r = await nstack.http.get(
                "/v1/notifications/deliveries", params={"mission_id": mission, "limit": 1}, headers=admin
            )
            first = r.json()
            assert len(first["items"]) == 1 and first["next_cursor"] == first["items"][0]["id"]
            r = await nstack.http.get(
                "/v1/notifications/deliveries",
                params={"mission_id": mission, "limit": 1, "cursor": first["next_cursor"]},
                headers=admin,
            )
            second = r.json()
            assert len(second["items"]) == 1 and second["next_cursor"] is None
            assert {first["items"][0]["user_id"], second["items"][0]["user_id"]} == set(users)
            r = await nstack.http.get("/v1/notifications/deliveries", params={"cursor": "nd_nope"}, headers=admin)
            assert r.status_code == 422 and r.json()["error"]["details"][0]["field"] == "cursor"
            r = await nstack.http.get("/v1/notifications/deliveries/nd_nope", headers=admin)
            assert (r.status_code, r.json()["error"]["code"]) == (404, "delivery_not_found")

            r = await nstack.http.post("/v1/missions/no-such-mission/updates", json={"text": "x"}, headers=admin)
            assert (r.status_code, r.json()["error"]["code"]) == (404, "mission_not_found")
            r = await nstack.http.post(f"/v1/missions/{mission}/updates", json={"text": ""}, headers=admin)
            assert r.status_code == 422 and r.json()["error"]["details"][0]["field"] == "text"
        finally:
            await _drop(nstack, hook)


async def test_a_featured_mission_granted_tells_the_user_it_is_live(nstack: Stack) -> None:
    with running_receiver(CALLBACK_SECRET) as receiver:
        hook = await _channel(nstack, {"kind": "webhook", "url": receiver.url, "events": ["mission_created"]})
        try:
            event_type = uid("ev")
            spec = {"type": "featured", "goal": {"kind": "event", "event_type": event_type, "count": 2}}
            mission = await create_mission(nstack, spec)
            user = uid()
            r = await nstack.http.post(
                f"/v1/missions/{mission}/grants", json={"user_ids": [user]}, headers=nstack.headers("admin")
            )
            assert r.status_code in (200, 202), r.text
            (delivery,) = await eventually(lambda: _all_settled(nstack, 1, mission_id=mission), within=30)
            assert delivery["event"] == "mission_created" and delivery["status"] == "delivered"
            (post,) = receiver.of(delivery["id"])
            assert post.json["data"]["subject"].startswith("New mission: ")
            # More progress writes the journey again: still one notification.
            await send(nstack, user, event_type)
            await asyncio.sleep(1)
            assert len(await _deliveries(nstack, mission_id=mission)) == 1
        finally:
            await _drop(nstack, hook)


async def test_a_locked_mission_tells_only_the_user_it_is_unlocked_for(nstack: Stack) -> None:
    admin = nstack.headers("admin")
    with running_receiver(CALLBACK_SECRET) as receiver:
        hook = await _channel(nstack, {"kind": "webhook", "url": receiver.url, "events": ["mission_created"]})
        try:
            spec = {"type": "locked", "goal": {"kind": "event", "event_type": uid("ev"), "count": 2}}
            mission = await create_mission(nstack, spec)
            user, other = uid(), uid()
            for who in (user, other):
                r = await nstack.http.put(f"/v1/users/{who}", json={"attributes": {}}, headers=nstack.headers("client"))
                assert r.status_code in (200, 201), r.text
            r = await nstack.http.post(f"/v1/missions/{mission}/unlock", json={"user_ids": [user]}, headers=admin)
            assert r.status_code in (200, 202), r.text
            (delivery,) = await eventually(lambda: _all_settled(nstack, 1, mission_id=mission), within=30)
            assert (delivery["user_id"], delivery["event"], delivery["status"]) == (
                user,
                "mission_created",
                "delivered",
            )
            r = await nstack.http.get("/v1/notifications/fanouts", params={"mission_id": mission}, headers=admin)
            assert r.json()["items"] == []  # locked: no fan-out
        finally:
            await _drop(nstack, hook)


async def test_a_refused_email_fails_visibly_and_an_admins_retry_delivers_it(
    nstack: Stack, mailbox: tuple[Mailbox, int]
) -> None:
    box, _ = mailbox
    admin = nstack.headers("admin")
    mail = await _channel(nstack, {"kind": "email", "events": ["send_update"]})
    try:
        spec = {"type": "generally_available", "goal": {"kind": "event", "event_type": uid("ev"), "count": 5}}
        mission = await create_mission(nstack, spec)
        user = uid()
        address = f"{user}@example.test"
        r = await nstack.http.put(
            f"/v1/users/{user}", json={"attributes": {"email": address}}, headers=nstack.headers("client")
        )
        assert r.status_code in (200, 201), r.text
        box.refuse.add(address)
        r = await nstack.http.post(
            f"/v1/missions/{mission}/updates", json={"text": "hello", "user_ids": [user]}, headers=admin
        )
        assert r.status_code == 202 and r.json()["deliveries"] == 1, r.text

        async def failed() -> dict[str, Any] | None:
            found = await _deliveries(nstack, status="failed", mission_id=mission)
            return found[0] if found else None

        delivery = await eventually(failed, within=30)
        assert delivery["attempts"] == 1 and delivery["last_status"] == 550
        assert delivery["last_error"].startswith("SMTP 550") and delivery["failed_at"] is not None
        assert box.to(address) == []

        box.refuse.discard(address)
        r = await nstack.http.post(f"/v1/notifications/deliveries/{delivery['id']}/retry", headers=admin)
        assert r.status_code == 202 and r.json()["status"] == "pending", r.text
        (done,) = await eventually(lambda: _all_settled(nstack, 1, mission_id=mission), within=30)
        assert done["status"] == "delivered" and done["attempts"] == 2
        (message,) = box.to(address)
        assert message.get_body(preferencelist=("plain",)).get_content().strip() == "hello"  # type: ignore[union-attr]
    finally:
        await _drop(nstack, mail)


async def test_an_activated_mission_is_announced_to_each_user_it_is_available_to(nstack: Stack) -> None:
    admin = nstack.headers("admin")
    with running_receiver(CALLBACK_SECRET) as receiver:
        hook = await _channel(nstack, {"kind": "webhook", "url": receiver.url, "events": ["mission_created"]})
        try:
            member, outsider = uid(), uid()
            for user in (member, outsider):
                r = await nstack.http.put(
                    f"/v1/users/{user}", json={"attributes": {}}, headers=nstack.headers("client")
                )
                assert r.status_code in (200, 201), r.text
            r = await nstack.http.post("/v1/segments", json={"name": uid("Members")}, headers=admin)
            assert r.status_code == 201, r.text
            segment = r.json()["id"]
            r = await nstack.http.post(
                f"/v1/segments/{segment}/members",
                content=f"user_id\n{member}\n",
                headers={**admin, "content-type": "text/csv"},
            )
            assert r.status_code == 200, r.text
            mission = await create_mission(nstack, _event_mission(segments=[segment]))
            quiet = await create_mission(nstack, _event_mission(notify=False))

            async def finished() -> dict[str, Any] | None:
                r = await nstack.http.get("/v1/notifications/fanouts", params={"mission_id": mission}, headers=admin)
                assert r.status_code == 200, r.text
                (fanout,) = r.json()["items"]
                return fanout if fanout["status"] == "done" else None

            launch = await eventually(finished, within=30)
            assert (launch["kind"], launch["told"], launch["update_id"]) == ("launch", 1, None)
            (delivery,) = await eventually(lambda: _all_settled(nstack, 1, mission_id=mission), within=30)
            assert (delivery["user_id"], delivery["event"], delivery["status"]) == (
                member,
                "mission_created",
                "delivered",
            )
            (post,) = receiver.of(delivery["id"])
            assert post.json["data"]["values"]["missionId"] == mission
            r = await nstack.http.get("/v1/notifications/fanouts", params={"mission_id": quiet}, headers=admin)
            assert r.json()["items"] == []
            r = await nstack.http.get("/v1/notifications/fanouts/nf_nope", headers=admin)
            assert (r.status_code, r.json()["error"]["code"]) == (404, "fanout_not_found")
            assert await _deliveries(nstack, mission_id=quiet) == []
            # The user outside the mission's segment cannot see it: not told.
            assert await _deliveries(nstack, user_id=outsider, mission_id=mission) == []
        finally:
            await _drop(nstack, hook)


async def test_a_delivery_claimed_by_a_process_that_died_is_sent_once_its_lease_runs_out(nstack: Stack) -> None:
    with running_receiver(CALLBACK_SECRET) as receiver:
        hook = await _channel(nstack, {"kind": "webhook", "url": receiver.url, "events": ["send_update"]})
        try:
            mission = await create_mission(nstack, _event_mission())
            user = uid()
            # One transaction: the update enqueued, then claimed by a "process" that never sends it.
            async with nstack.engine.begin() as conn:
                sent = await Notifications(nstack.settings).send_update(
                    conn, mission, SendUpdateIn(text="still there?", user_ids=[user])
                )
                claimed = await notifications_repo.claim_due(conn, ["webhook"], limit=1000, lease=timedelta(seconds=2))
            assert sent.deliveries == 1
            (mine,) = [d for d in claimed if d.mission_id == mission]
            assert mine.attempts == 1

            (done,) = await eventually(lambda: _all_settled(nstack, 1, mission_id=mission), within=30)
            assert done["status"] == "delivered" and done["attempts"] == 2
            (post,) = receiver.of(done["id"])
            assert post.verified and post.json["data"]["text"] == "still there?"
        finally:
            await _drop(nstack, hook)


# --- SMTP over STARTTLS with a login, against a real server with a certificate of its own ----------


def _certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (its own CA) and its key, as PEM files."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "questline test smtp")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "smtp.pem", folder / "smtp.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


def _login(server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (b"questline", b"s3cret")
    return AuthResult(success=ok)


async def test_email_goes_over_starttls_with_a_login_and_the_certificate_is_verified(
    nstack: Stack, tmp_path: Path
) -> None:
    cert, key = _certificate(tmp_path)
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    box = Mailbox()
    port = _free_port()
    controller = Controller(
        box,
        hostname="127.0.0.1",
        port=port,
        tls_context=server_tls,
        require_starttls=True,
        auth_required=True,
        authenticator=_login,
    )
    controller.start()
    try:
        settings = nstack.settings.model_copy(
            update={
                "smtp_host": "127.0.0.1",
                "smtp_port": port,
                "smtp_security": "starttls",
                "smtp_username": "questline",
                "smtp_password": "s3cret",
                "smtp_ca_file": str(cert),
            }
        )
        message = render_message(TemplateIn(subject="Hi {{userId}}", text="over TLS"), {"userId": "u-1"})
        outcome = await asyncio.to_thread(send_mail, settings, "u-1@example.test", message, "nd_tls")
        assert (outcome.ok, outcome.status) == (True, 250), outcome
        (mail,) = box.to("u-1@example.test")
        assert mail["Subject"] == "Hi u-1" and mail["Message-ID"] == "<nd_tls@questline>"

        # The system's CAs do not know this server's certificate: refused, and retried (not final).
        untrusted = settings.model_copy(update={"smtp_ca_file": ""})
        outcome = await asyncio.to_thread(send_mail, untrusted, "u-1@example.test", message, "nd_tls2")
        assert not outcome.ok and not outcome.final and "SSL" in outcome.reason, outcome
        assert len(box.to("u-1@example.test")) == 1
    finally:
        controller.stop()

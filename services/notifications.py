"""Notifications to users: enqueued with the facts they announce, sent by a relay through the
operator's channels, and the admin's templates, channels, deliveries and Send Update.

    async with engine.begin() as conn:
        ...  # decline the submission, record the completion, ...
        await enqueue(conn, event="mission_completed", key=f"mission_completed:{completion_id}",
                      mission_id=..., user_ids=[user_id], points=20)
    # nothing after the commit: the relay (`NotificationRelay.run`, in every process) sends it

The producers: `mission_created` when a mission becomes available to the user: for a generally
available or recurring mission, its activation starts a fan-out (`enqueue_launch`; the relay works
through the known users page by page, each judged by the users' own view of missions, so no one
hears of a mission they may not see); for a featured or locked one, when a journey of it becomes
`available` (granted, unlocked), written with the read model — one fact per mission and user
either way; `mission_declined` when a submission's decline reaches the read model (its
feedback is `{{customText}}`); `mission_completed` with the completion's record; `send_update`
by an admin (`send_update`). Each is one pending delivery per user and channel carrying the
event, in the fact's transaction, under an id derived from the fact: a retried producer adds
nothing, a crash loses nothing. A mission with `notify: false` enqueues none.

Delivering: the relay claims due deliveries (`db.notifications.claim_due`), renders the event's
template for the user (`domain.notifications.render_message`) and sends it: a `webhook` as a POST
signed like callbacks (`Questline-Signature`, the callback secret; the body is the same bytes on
every attempt), `slack` as `{"text": ...}` to an incoming webhook, `email` over SMTP (stdlib
`smtplib` in a thread) to the user's address attribute. Webhooks go only where the outbound policy
allows (`services.outbound`). A failed attempt is retried with the callbacks' backoff (1 s,
doubling, at most `callback_max_interval`) for `callback_retry_for`, then `failed`; a refused
target or an SMTP 5xx fails at once. Admins list deliveries and retry failed ones. What is kept of
an attempt is a status (HTTP or SMTP code) and a short reason, never the receiver's answer.
"""

from __future__ import annotations

import asyncio
import logging
import smtplib
import ssl
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Annotated, Any, Protocol

import httpx
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncEngine

from db import notifications as repo
from db.engine import Conn
from db.notifications import ChannelRow, DeliveryRow, Fanout
from domain.callbacks import DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, body_bytes, envelope, sign
from domain.errors import Conflict, Invalid, NotFound
from domain.journey import EnrolmentStatus, Journey
from domain.missions import Mission, MissionStatus, MissionType
from domain.notifications import (
    DEFAULT_TEMPLATES,
    EVENTS,
    PLACEHOLDERS,
    SAMPLE_VALUES,
    ChannelIn,
    DeliveryStatus,
    Event,
    Message,
    TemplateIn,
    backoff,
    delivery_id,
    email_problem,
    render_message,
)
from domain.outbound import check_target
from services.outbound import Outbound, OutboundError, TargetRefused, describe
from services.paging import Page, page_of
from settings import Settings

__all__ = [
    "ChannelIn",
    "ChannelRow",
    "DeliveryRow",
    "Fanout",
    "NotificationRelay",
    "Notifications",
    "PreviewIn",
    "PreviewOut",
    "SendUpdateIn",
    "SendUpdateOut",
    "TemplateIn",
    "TemplateOut",
    "enqueue",
]

log = logging.getLogger("questline.notifications")

USER_AGENT = "Questline-Notifications/1"
#: Most users one Send Update may list (leave `user_ids` unset to reach every user of the mission).
MAX_UPDATE_USERS = 500


class _View(Protocol):
    @property
    def status(self) -> Any: ...


class MissionViewer(Protocol):
    """What judges whether a user sees a mission (`services.journeys.Journeys`)."""

    async def visible(self, conn: Conn, user_id: str, mission_id: str) -> tuple[Any, Any, _View]:
        """The mission, the user's journey and their view; NotFound when hidden from them."""
        ...


class TemplateOut(BaseModel):
    """The template of one event: the operator's, or the default (`default: true`)."""

    event: Event
    subject: str
    text: str
    html: str | None
    default: bool = Field(description="True until the operator saves a template of this event.")
    updated_at: datetime | None
    placeholders: dict[str, str] = Field(description="What a template may name, `{{name}}`, and what each is.")


class PreviewIn(BaseModel):
    """What to preview: a template (default: the event's saved or default one) and placeholder values."""

    template: TemplateIn | None = Field(None, description="An unsaved template to try (checked as a save is).")
    values: dict[Annotated[str, Field(max_length=100)], Annotated[str, Field(max_length=5000)]] = Field(
        default_factory=dict, max_length=20, description="Placeholder values; the others get sample values."
    )


class PreviewOut(BaseModel):
    """A template rendered as each channel would send it."""

    subject: str
    text: str = Field(description="The plain text (email's text part, webhook's `text`).")
    html: str = Field(description="The email's HTML part, values escaped.")
    slack: str = Field(description="The Slack message's `text`.")


class SendUpdateIn(BaseModel):
    """An admin's update to a mission's users."""

    text: Annotated[str, Field(min_length=1, max_length=5000, description="The update: `{{customText}}`.")]
    user_ids: list[Annotated[str, Field(min_length=1, max_length=200)]] | None = Field(
        None,
        max_length=MAX_UPDATE_USERS,
        description="These users only; unset = every user with a journey of the mission.",
    )
    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.:-]{1,100}$")] | None = Field(
        None, description="Your id of the update: sending it again sends nothing more (default: a new id)."
    )


class SendUpdateOut(BaseModel):
    """What a Send Update did: enqueued at once for listed users, or started in the background for all."""

    update_id: str
    fanout_id: str | None = Field(
        None,
        description="To all of the mission's users: the background job sending it (`/v1/notifications/fanouts/{id}`).",
    )
    users: int | None = Field(None, description="`user_ids` given: the users it is for (null for a fan-out).")
    deliveries: int | None = Field(
        None, description="`user_ids` given: deliveries enqueued, users times the channels carrying `send_update`."
    )


def _values(
    event: Event, user_id: str, mission_id: str, facts: dict[str, Any], custom_text: str | None, points: int | None
) -> dict[str, Any]:
    return {
        "userId": user_id,
        "missionId": mission_id,
        "missionName": facts["name"],
        "missionDescription": facts.get("description") or "",
        "customText": custom_text or "",
        "points": "" if points is None else str(points),
        "event": event,
    }


async def enqueue(
    conn: Conn,
    *,
    event: Event,
    key: str,
    mission_id: str,
    user_ids: Sequence[str],
    custom_text: str | None = None,
    points: int | None = None,
) -> int:
    """Enqueues the notification of one fact (`key`) to each user through every channel carrying
    `event`, in the caller's transaction; returns how many deliveries are new.

    Nothing when the mission is unknown or says `notify: false`, or no channel carries the event.
    """
    if not user_ids:
        return 0
    # The channels first: a small table, and with none (the default) nothing more is read.
    channels = await repo.channels_for(conn, event)
    if not channels:
        return 0
    facts = await repo.mission_facts(conn, mission_id)
    if facts is None or facts["notify"] is False:
        return 0
    rows = [
        {
            "id": delivery_id(channel.id, key, user_id),
            "channel_id": channel.id,
            "kind": channel.kind,
            "event": event,
            "key": key,
            "mission_id": mission_id,
            "user_id": user_id,
            "values": _values(event, user_id, mission_id, facts, custom_text, points),
        }
        for user_id in dict.fromkeys(user_ids)
        for channel in channels
    ]
    return await repo.enqueue(conn, rows)


def _template_out(event: Event, saved: repo.TemplateRow | None) -> TemplateOut:
    if saved is None:
        default = DEFAULT_TEMPLATES[event]
        return TemplateOut(
            event=event,
            subject=default.subject,
            text=default.text,
            html=default.html,
            default=True,
            updated_at=None,
            placeholders=PLACEHOLDERS,
        )
    return TemplateOut(
        event=event,
        subject=saved.subject,
        text=saved.text,
        html=saved.html,
        default=False,
        updated_at=saved.updated_at,
        placeholders=PLACEHOLDERS,
    )


def _field(code: str, field: str, reason: str) -> Invalid:
    return Invalid(code, f"{field}: {reason}", [{"field": field, "reason": reason}])


class Notifications:
    """The admin's side: templates, channels, deliveries, and Send Update."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    async def templates(self, conn: Conn) -> list[TemplateOut]:
        """The template of every event (saved or default)."""
        saved = await repo.templates(conn)
        return [_template_out(e, saved.get(e)) for e in EVENTS]

    async def template(self, conn: Conn, event: Event) -> TemplateOut:
        """The template of one event."""
        return _template_out(event, (await repo.templates(conn)).get(event))

    async def save_template(self, conn: Conn, event: Event, body: TemplateIn) -> TemplateOut:
        """Saves the template of `event` (its placeholders were checked by `TemplateIn`)."""
        return _template_out(event, await repo.save_template(conn, event, body))

    async def reset_template(self, conn: Conn, event: Event) -> TemplateOut:
        """Drops the saved template: the default applies again."""
        await repo.delete_template(conn, event)
        return _template_out(event, None)

    async def preview(self, conn: Conn, event: Event, body: PreviewIn) -> PreviewOut:
        """Renders a template (the given one, else the event's) with the values (sample ones for the rest).

        A value for a placeholder templates cannot name is a 422 naming it (`values.<name>`).
        """
        unknown = sorted(set(body.values) - set(PLACEHOLDERS))
        if unknown:
            raise Invalid(
                "validation_error",
                f"values.{unknown[0]}: not a placeholder",
                [
                    {"field": f"values.{n}", "reason": f"not a placeholder; known: {', '.join(PLACEHOLDERS)}"}
                    for n in unknown
                ],
            )
        template = body.template
        if template is None:
            saved = await self.template(conn, event)
            template = TemplateIn(subject=saved.subject, text=saved.text, html=saved.html)
        message = render_message(template, {**SAMPLE_VALUES, "event": event, **body.values})
        return PreviewOut(subject=message.subject, text=message.text, html=message.html, slack=message.slack)

    async def fanout(self, conn: Conn, fanout_id: str) -> Fanout:
        """How far a fan-out has got (404 `fanout_not_found`)."""
        found = await repo.get_fanout(conn, fanout_id)
        if found is None:
            raise NotFound("fanout_not_found", f"no notification fan-out {fanout_id!r}")
        return found

    async def fanouts(self, conn: Conn, mission_id: str | None, limit: int) -> list[Fanout]:
        """Fan-outs newest first, optionally of one mission."""
        return await repo.list_fanouts(conn, mission_id=mission_id, limit=limit)

    async def create_channel(self, conn: Conn, body: ChannelIn) -> ChannelRow:
        """Adds a channel: a URL the outbound policy refuses is a 422 naming `url`; an email channel
        needs the SMTP settings (422 `smtp_not_configured` naming `kind`)."""
        if body.kind == "email" and not (self._settings.smtp_host and self._settings.smtp_from):
            raise _field(
                "smtp_not_configured",
                "kind",
                "email needs QUESTLINE_SMTP_HOST and QUESTLINE_SMTP_FROM set on the API and the workers",
            )
        check_target("url", body.url, self._settings.outbound_policy)
        return await repo.create_channel(conn, "nch_" + uuid.uuid4().hex[:16], body)

    async def channels(self, conn: Conn) -> list[ChannelRow]:
        """The channels, oldest first."""
        return await repo.list_channels(conn)

    async def channel(self, conn: Conn, channel_id: str) -> ChannelRow:
        """One channel (404 `channel_not_found`)."""
        return await repo.get_channel(conn, channel_id)

    async def delete_channel(self, conn: Conn, channel_id: str) -> None:
        """Deletes a channel; what it had not sent yet is `skipped` (its deliveries stay listed)."""
        await repo.delete_channel(conn, channel_id)

    async def deliveries(
        self,
        conn: Conn,
        *,
        status: DeliveryStatus | None,
        event: Event | None,
        mission_id: str | None,
        user_id: str | None,
        channel_id: str | None,
        limit: int,
        cursor: str | None,
    ) -> Page[DeliveryRow, str]:
        """Deliveries newest first, filtered."""
        rows = await repo.list_deliveries(
            conn,
            status=status,
            event=event,
            mission_id=mission_id,
            user_id=user_id,
            channel_id=channel_id,
            limit=limit + 1,
            after=cursor,
        )
        return page_of(rows, limit, lambda d: d.id)

    async def delivery(self, conn: Conn, delivery_id: str) -> DeliveryRow:
        """One delivery (404 `delivery_not_found`)."""
        return await repo.get_delivery(conn, delivery_id)

    async def retry(self, conn: Conn, delivery_id: str) -> DeliveryRow:
        """Sends a failed delivery again (due now, a fresh retry window); 409 `delivery_not_failed`."""
        return await repo.reopen(conn, delivery_id)

    async def send_update(self, conn: Conn, mission_id: str, body: SendUpdateIn) -> SendUpdateOut:
        """Enqueues an admin's update to the mission's users (or the listed ones).

        404 `mission_not_found`; 409 `notifications_off` when the mission says `notify: false`.
        """
        facts = await repo.mission_facts(conn, mission_id)
        if facts is None:
            raise NotFound("mission_not_found", f"mission {mission_id} does not exist", {"mission_id": mission_id})
        if facts["notify"] is False:
            raise Conflict(
                "notifications_off",
                f"mission {mission_id} has notify: false (its users get the link, no notifications);"
                " set notify: true to send updates",
            )
        update_id = body.id or "upd_" + uuid.uuid4().hex[:16]
        if body.user_ids is None:
            # Every user with a journey, however many: page by page in the background.
            fanout = await repo.create_fanout(conn, "update", mission_id, update_id=update_id, custom_text=body.text)
            return SendUpdateOut(update_id=update_id, fanout_id=fanout.id)
        users = list(dict.fromkeys(body.user_ids))
        added = await enqueue(
            conn,
            event="send_update",
            key=update_key(mission_id, update_id),
            mission_id=mission_id,
            user_ids=users,
            custom_text=body.text,
        )
        return SendUpdateOut(update_id=update_id, users=len(users), deliveries=added)


@dataclass(frozen=True)
class Outcome:
    """How one attempt went: `ok`, or why not (`reason`), the status seen, and whether retrying can help."""

    ok: bool
    status: int | None = None
    reason: str = ""
    final: bool = False
    skipped: bool = False


class NotificationRelay:
    """Sends due deliveries, in every process that runs relays (they share the backlog)."""

    def __init__(
        self,
        engine: AsyncEngine,
        http: httpx.AsyncClient,
        settings: Settings,
        *,
        views: MissionViewer | None = None,
        interval: timedelta = timedelta(milliseconds=500),
        batch: int = 50,
        fanout_page: int = 500,
    ) -> None:
        self._engine = engine
        self._settings = settings
        self._views = views
        self.fanout_page = fanout_page
        self._outbound = Outbound(http, settings.outbound_policy)
        self.interval = interval
        self.batch = batch
        # A process without the SMTP settings leaves email to those that have them.
        self.kinds = ["webhook", "slack"] + (["email"] if settings.smtp_host and settings.smtp_from else [])

    @property
    def _lease(self) -> timedelta:
        """How long a claimed delivery is held: longer than any attempt takes."""
        return max(self._settings.callback_timeout, self._settings.smtp_timeout) + timedelta(seconds=30)

    async def drain_once(self) -> int:
        """Sends one batch of due deliveries; returns how many were attempted."""
        async with self._engine.begin() as conn:
            claimed = await repo.claim_due(conn, self.kinds, limit=self.batch, lease=self._lease)
            if not claimed:
                return 0
            templates = await repo.templates(conn)
            channels = await repo.channels_by_id(conn, (d.channel_id for d in claimed))
            emails = [d.user_id for d in claimed if d.kind == "email"]
            attributes = await repo.user_attributes(conn, emails) if emails else {}
        await asyncio.gather(*(self._deliver(d, channels.get(d.channel_id), templates, attributes) for d in claimed))
        return len(claimed)

    async def run(self) -> None:
        """Drains forever (until cancelled); errors are logged and retried after `interval`."""
        while True:
            try:
                # Both each round: a long fan-out never holds up what is already due.
                while (await self.fan_out_once()) | (await self.drain_once() >= self.batch):
                    pass
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning("notification relay pass failed; retrying", exc_info=True)
            await asyncio.sleep(self.interval.total_seconds())

    async def fan_out_once(self) -> bool:
        """Works one page of a fan-out: a launch tells each known user the mission is now available
        to (`mission_created`, the same fact, so the same delivery, as the read model's); an update
        goes to each user with a journey of the mission. The page's notifications and the cursor
        move on in one transaction. False when there is nothing to fan out (or, in a process
        without the users' views, nothing it could judge)."""
        if self._views is None:
            return False
        async with self._engine.begin() as conn:
            fanout = await repo.claim_fanout(conn, lease=self._lease)
        if fanout is None:
            return False
        async with self._engine.begin() as conn:
            if fanout.kind == "launch":
                users = await repo.known_users_after(conn, fanout.after_user, self.fanout_page)
                told = [u for u in users if await self._available(conn, u, fanout.mission_id)]
                event: Event = "mission_created"
                key = f"mission_created:{fanout.mission_id}"
            else:
                users = await repo.mission_users_after(conn, fanout.mission_id, fanout.after_user, self.fanout_page)
                told = users
                event = "send_update"
                key = update_key(fanout.mission_id, fanout.update_id or "")
            if told:
                await enqueue(
                    conn,
                    event=event,
                    key=key,
                    mission_id=fanout.mission_id,
                    user_ids=told,
                    custom_text=fanout.custom_text,
                )
            done = len(users) < self.fanout_page
            after = users[-1] if users else fanout.after_user
            await repo.advance_fanout(conn, fanout, after_user=after, told=len(told), done=done)
        return True

    async def _available(self, conn: Conn, user_id: str, mission_id: str) -> bool:
        """Whether the user sees the mission now, as available to them (every visibility rule applied)."""
        assert self._views is not None
        try:
            _, _, view = await self._views.visible(conn, user_id, mission_id)
        except NotFound:
            return False
        return str(view.status) == EnrolmentStatus.AVAILABLE

    async def _deliver(
        self,
        delivery: DeliveryRow,
        channel: ChannelRow | None,
        templates: dict[str, repo.TemplateRow],
        attributes: dict[str, dict[str, Any]],
    ) -> None:
        """One attempt of one delivery, and its outcome written (never raises but on cancellation)."""
        try:
            if channel is None or channel.deleted_at is not None:
                outcome = Outcome(ok=False, reason="channel deleted", skipped=True)
            else:
                saved = templates.get(delivery.event)
                template = (
                    DEFAULT_TEMPLATES[delivery.event]
                    if saved is None
                    else TemplateIn(subject=saved.subject, text=saved.text, html=saved.html)
                )
                message = render_message(template, delivery.values)
                outcome = await self._send(delivery, channel, message, attributes)
        except Exception as exc:  # a bug or an unexpected failure: retried like any other
            log.warning("notification %s: attempt failed unexpectedly", delivery.id, exc_info=True)
            outcome = Outcome(ok=False, reason=f"internal error: {type(exc).__name__}")
        try:
            await self._record(delivery, outcome)
        except Exception:  # the lease runs out and the delivery is attempted again
            log.warning("notification %s: writing the outcome failed", delivery.id, exc_info=True)

    async def _record(self, delivery: DeliveryRow, outcome: Outcome) -> None:
        async with self._engine.begin() as conn:
            if outcome.ok:
                await repo.mark_delivered(conn, delivery, status_code=outcome.status)
            elif outcome.skipped:
                await repo.mark_skipped(conn, delivery, reason=outcome.reason)
            else:
                now = datetime.now(UTC)
                retry_at = now + backoff(delivery.attempts, self._settings.callback_max_interval)
                give_up = outcome.final or retry_at - delivery.retry_from > self._settings.callback_retry_for
                await repo.record_failure(
                    conn,
                    delivery,
                    error=outcome.reason,
                    status_code=outcome.status,
                    retry_at=None if give_up else retry_at,
                )
                if give_up:
                    log.warning("notification %s failed for good: %s", delivery.id, outcome.reason)

    async def _send(
        self, delivery: DeliveryRow, channel: ChannelRow, message: Message, attributes: dict[str, dict[str, Any]]
    ) -> Outcome:
        if channel.kind == "email":
            address = attributes.get(delivery.user_id, {}).get(channel.email_attribute or "email")
            if (problem := email_problem(address)) is not None:
                return Outcome(ok=False, reason=problem, skipped=True)
            assert isinstance(address, str)
            return await asyncio.to_thread(send_mail, self._settings, address, message, delivery.id)
        assert channel.url is not None  # webhook and slack channels have one (ChannelIn)
        if channel.kind == "slack":
            body = body_bytes({"text": message.slack})
            headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT}
        else:
            body = body_bytes(webhook_body(delivery, message))
            headers = {
                "Content-Type": "application/json",
                "User-Agent": USER_AGENT,
                DELIVERY_HEADER: delivery.id,
                EVENT_HEADER: f"notification.{delivery.event}",
                SIGNATURE_HEADER: sign(self._settings.callback_secret, int(time.time()), body),
            }
        return await self._post(channel.url, body, headers)

    async def _post(self, url: str, body: bytes, headers: dict[str, str]) -> Outcome:
        within = self._settings.callback_timeout.total_seconds()
        try:
            async with self._outbound.stream("POST", url, content=body, headers=headers, within=within) as response:
                if response.is_success:
                    return Outcome(ok=True, status=response.status_code)
                # The status only: the answer's body is the receiver's, never ours to keep or show.
                return Outcome(ok=False, status=response.status_code, reason=f"HTTP {response.status_code}")
        except (httpx.HTTPError, httpx.InvalidURL, OutboundError) as exc:
            return Outcome(ok=False, reason=describe(exc), final=isinstance(exc, TargetRefused))


def webhook_body(delivery: DeliveryRow, message: Message) -> dict[str, Any]:
    """The JSON body of a webhook notification: the callbacks' envelope, `type` `notification.<event>`."""
    data = {
        "event": delivery.event,
        "user_id": delivery.user_id,
        "mission_id": delivery.mission_id,
        "subject": message.subject,
        "text": message.text,
        "html": message.html,
        "values": delivery.values,
    }
    return envelope(delivery.id, f"notification.{delivery.event}", delivery.created_at, data)


def send_mail(settings: Settings, to: str, message: Message, delivery_id: str) -> Outcome:
    """Sends one email over SMTP (blocking: run in a thread); a 5xx answer fails for good."""
    mail = EmailMessage()
    mail["Subject"] = message.subject
    mail["From"] = settings.smtp_from
    mail["To"] = to
    mail["Message-ID"] = f"<{delivery_id}@questline>"
    mail[DELIVERY_HEADER] = delivery_id
    mail.set_content(message.text)
    mail.add_alternative(message.html, subtype="html")
    timeout = settings.smtp_timeout.total_seconds()
    try:
        # The server's certificate is always verified (hostname included), by the system's CAs or smtp_ca_file's.
        context = ssl.create_default_context(cafile=settings.smtp_ca_file or None)
        smtp: smtplib.SMTP
        if settings.smtp_security == "tls":
            smtp = smtplib.SMTP_SSL(settings.smtp_host, settings.smtp_port, timeout=timeout, context=context)
        else:
            smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=timeout)
        with smtp:
            if settings.smtp_security == "starttls":
                smtp.starttls(context=context)
            if settings.smtp_username:
                smtp.login(settings.smtp_username, settings.smtp_password)
            smtp.send_message(mail)
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _ in exc.recipients.values()]
        code = codes[0] if codes else None
        return Outcome(ok=False, status=code, reason=f"SMTP {code}: recipient refused", final=_permanent(code))
    except smtplib.SMTPResponseException as exc:
        code = exc.smtp_code
        return Outcome(ok=False, status=code, reason=f"SMTP {code}", final=_permanent(code))
    except smtplib.SMTPException as exc:
        return Outcome(ok=False, reason=f"SMTP error: {type(exc).__name__}")
    except TimeoutError:
        return Outcome(ok=False, reason="SMTP timeout")
    except OSError as exc:
        return Outcome(ok=False, reason=f"SMTP connection failed: {type(exc).__name__}")
    return Outcome(ok=True, status=250)


def _permanent(code: int | None) -> bool:
    """An SMTP 5xx: the server will refuse it again (an authentication failure included)."""
    return code is not None and 500 <= code < 600


async def enqueue_journey(conn: Conn, journey: Journey, status: EnrolmentStatus) -> int:
    """The notifications a journey's read-model write announces, in its transaction: the mission
    became available to the user (`mission_created`, once per mission and user) and the latest
    submission declined (`mission_declined`, once per submission, its feedback as `{{customText}}`)."""
    added = 0
    if status == EnrolmentStatus.AVAILABLE:
        added += await enqueue(
            conn,
            event="mission_created",
            key=f"mission_created:{journey.mission_id}",
            mission_id=journey.mission_id,
            user_ids=[journey.user_id],
        )
    submission = journey.submission
    if submission is not None and submission.status == "declined":
        added += await enqueue(
            conn,
            event="mission_declined",
            key=f"mission_declined:{submission.id}",
            mission_id=journey.mission_id,
            user_ids=[journey.user_id],
            custom_text=submission.feedback,
        )
    return added


#: Mission types a user may see without a journey: their activation is announced to every user.
_LIVE_FOR_EVERYONE = frozenset(
    {MissionType.GENERALLY_AVAILABLE, MissionType.RECURRING, MissionType.RECURRING_ON_COMPLETION}
)


async def enqueue_launch(conn: Conn, mission: Mission) -> bool:
    """With a mission's activation, in its transaction: the fan-out telling every user it is now
    available to (`mission_created`). Featured and locked missions are announced per user when
    granted or unlocked (the read model's write). Nothing when the mission says `notify: false` or
    no channel carries `mission_created`. True when a fan-out was started."""
    if mission.status is not MissionStatus.ACTIVE or mission.spec.type not in _LIVE_FOR_EVERYONE:
        return False
    if mission.spec.notify is False or not await repo.channels_for(conn, "mission_created"):
        return False
    await repo.create_fanout(conn, "launch", mission.id)
    return True


def update_key(mission_id: str, update_id: str) -> str:
    """The fact a Send Update announces (its deliveries' key): one per mission and update id."""
    return f"send_update:{mission_id}:{update_id}"

"""Notifications (admin): templates per event, the channels that deliver them, the deliveries and
how they went, and a mission's Send Update. The rules are `services.notifications`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel

from api.deps import Admin, Conn, SettingsDep
from api.errors import error_responses
from api.strict import JsonBody
from domain.notifications import DeliveryStatus, Event
from services.notifications import (
    ChannelIn,
    ChannelRow,
    DeliveryRow,
    Fanout,
    Notifications,
    PreviewIn,
    PreviewOut,
    SendUpdateIn,
    SendUpdateOut,
    TemplateIn,
    TemplateOut,
)

__all__ = ["router"]

router = APIRouter(tags=["notifications"])


def _notifications(settings: SettingsDep) -> Notifications:
    return Notifications(settings)


NotificationsDep = Annotated[Notifications, Depends(_notifications)]

EVENTS_DOC = """Events: `mission_created` (the mission became available to the user: a generally
available or recurring mission when activated, to every user who can see it; a featured mission
when granted, a locked one when unlocked), `mission_declined`
(a submission declined; the admin's feedback is `{{customText}}`), `mission_completed`,
`send_update` (an admin's Send Update; its text is `{{customText}}`). A mission with
`notify: false` sends none of them."""

TEMPLATE_DOC = f"""Saves the template of one event: `subject`, `text` (plain text; Slack and webhooks get
it too) and optionally `html` (the email's HTML part; unset = the text, escaped, in paragraphs).
Placeholders are `{{{{name}}}}`: `userId`, `missionId`, `missionName`, `missionDescription`,
`customText`, `points`, `event`. Values are HTML-escaped in the HTML part and Slack-escaped in
Slack messages. An unknown or malformed placeholder is a 422 naming the field (`subject`, `text`,
`html`).

{EVENTS_DOC}"""

CHANNEL_DOC = """Adds a channel. `webhook`: a JSON POST to `url` of `{"id", "type":
"notification.<event>", "created_at", "data": {"event", "user_id", "mission_id", "subject", "text",
"html", "values"}}`, signed like callbacks (`Questline-Signature` with the callback secret;
`Questline-Delivery` is the delivery id, the same on every attempt). `slack`: a POST of
`{"text": ...}` to an incoming-webhook URL. `email`: SMTP (the server is in the settings) to the
address in the user attribute `email_attribute` (default `email`); a user without one is
`skipped`. `events` limits what it carries (default all).

URLs are called only where the outbound policy allows (422 naming `url` otherwise). 422
`smtp_not_configured` naming `kind` for an email channel when QUESTLINE_SMTP_HOST/FROM are unset."""


class ChannelList(BaseModel):
    """The channels, oldest first."""

    items: list[ChannelRow]


class DeliveryList(BaseModel):
    """A page of deliveries, newest first; pass `next_cursor` as `cursor` for the next page."""

    items: list[DeliveryRow]
    next_cursor: str | None = None


@router.get(
    "/v1/notifications/templates",
    response_model=list[TemplateOut],
    responses=error_responses(401, 403),
    summary="Every event's template",
)
async def list_templates(conn: Conn, notifications: NotificationsDep, _: Admin) -> list[TemplateOut]:
    """The template of each event: the operator's, or the default (`default: true`)."""
    return await notifications.templates(conn)


@router.get(
    "/v1/notifications/templates/{event}",
    response_model=TemplateOut,
    responses=error_responses(401, 403, 422),
    summary="One event's template",
)
async def get_template(event: Event, conn: Conn, notifications: NotificationsDep, _: Admin) -> TemplateOut:
    """The template of one event, with the placeholders it may name."""
    return await notifications.template(conn, event)


@router.put(
    "/v1/notifications/templates/{event}",
    response_model=TemplateOut,
    responses=error_responses(401, 403, 422),
    summary="Save an event's template",
    description=TEMPLATE_DOC,
)
async def put_template(
    event: Event, body: JsonBody[TemplateIn], conn: Conn, notifications: NotificationsDep, _: Admin
) -> TemplateOut:
    """Saves the template of one event."""
    return await notifications.save_template(conn, event, body)


@router.delete(
    "/v1/notifications/templates/{event}",
    response_model=TemplateOut,
    responses=error_responses(401, 403, 422),
    summary="Reset an event's template to the default",
)
async def reset_template(event: Event, conn: Conn, notifications: NotificationsDep, _: Admin) -> TemplateOut:
    """Drops the saved template; answers the default that applies again."""
    return await notifications.reset_template(conn, event)


@router.post(
    "/v1/notifications/templates/{event}/preview",
    response_model=PreviewOut,
    responses=error_responses(401, 403, 422),
    summary="Preview an event's template",
)
async def preview_template(
    event: Event, conn: Conn, notifications: NotificationsDep, _: Admin, body: JsonBody[PreviewIn | None] = None
) -> PreviewOut:
    """Renders the event's template (or `template`, unsaved: a 422 names a refused field as a save
    would) with `values`, sample values filling the rest: the subject, the text, the email's HTML
    (values escaped) and the Slack text. Nothing is saved or sent."""
    return await notifications.preview(conn, event, body or PreviewIn())


class FanoutList(BaseModel):
    """Fan-outs, newest first."""

    items: list[Fanout]


@router.get(
    "/v1/notifications/fanouts",
    response_model=FanoutList,
    responses=error_responses(401, 403, 422),
    summary="Notifications sent to many users in the background",
)
async def list_fanouts(
    conn: Conn,
    notifications: NotificationsDep,
    _: Admin,
    mission_id: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> FanoutList:
    """Fan-outs newest first: a generally available or recurring mission's activation (`launch`,
    `mission_created` to every known user who can see it) and Send Updates to all of a mission's
    users (`update`), each worked through page by page in user id order, with its progress."""
    return FanoutList(items=await notifications.fanouts(conn, mission_id, limit))


@router.get(
    "/v1/notifications/fanouts/{fanout_id}",
    response_model=Fanout,
    responses=error_responses(401, 403, 404),
    summary="One fan-out's progress",
)
async def get_fanout(fanout_id: str, conn: Conn, notifications: NotificationsDep, _: Admin) -> Fanout:
    """How far a fan-out has got; 404 `fanout_not_found`."""
    return await notifications.fanout(conn, fanout_id)


@router.get(
    "/v1/notifications/channels",
    response_model=ChannelList,
    responses=error_responses(401, 403),
    summary="List notification channels",
)
async def list_channels(conn: Conn, notifications: NotificationsDep, _: Admin) -> ChannelList:
    """The channels (deleted ones are not listed)."""
    return ChannelList(items=await notifications.channels(conn))


@router.post(
    "/v1/notifications/channels",
    status_code=201,
    response_model=ChannelRow,
    responses=error_responses(401, 403, 422),
    summary="Add a notification channel",
    description=CHANNEL_DOC,
)
async def create_channel(
    body: JsonBody[ChannelIn], conn: Conn, notifications: NotificationsDep, _: Admin
) -> ChannelRow:
    """Adds a channel."""
    return await notifications.create_channel(conn, body)


@router.get(
    "/v1/notifications/channels/{channel_id}",
    response_model=ChannelRow,
    responses=error_responses(401, 403, 404),
    summary="One notification channel",
)
async def get_channel(channel_id: str, conn: Conn, notifications: NotificationsDep, _: Admin) -> ChannelRow:
    """One channel; 404 `channel_not_found`."""
    return await notifications.channel(conn, channel_id)


@router.delete(
    "/v1/notifications/channels/{channel_id}",
    status_code=204,
    response_class=Response,
    responses=error_responses(401, 403, 404),
    summary="Delete a notification channel",
)
async def delete_channel(channel_id: str, conn: Conn, notifications: NotificationsDep, _: Admin) -> Response:
    """Deletes a channel: it carries nothing more, and what it had not sent is `skipped` (its
    deliveries stay listed). 404 `channel_not_found`."""
    await notifications.delete_channel(conn, channel_id)
    return Response(status_code=204)


@router.get(
    "/v1/notifications/deliveries",
    response_model=DeliveryList,
    responses=error_responses(401, 403, 422),
    summary="Notification deliveries and how they went",
)
async def list_deliveries(
    conn: Conn,
    notifications: NotificationsDep,
    _: Admin,
    status: Annotated[
        DeliveryStatus | None,
        Query(description="`pending`, `delivered`, `failed` (gave up; retry it) or `skipped` (nothing to send)"),
    ] = None,
    event: Event | None = None,
    mission_id: str | None = None,
    user_id: str | None = None,
    channel_id: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: Annotated[str | None, Query(description="`next_cursor` of the previous page")] = None,
) -> DeliveryList:
    """Deliveries newest first with their attempts, last status (HTTP or SMTP code) and last error
    (a short reason, never the receiver's answer). A failed attempt is retried with backoff (1 s,
    doubling, at most QUESTLINE_CALLBACK_MAX_INTERVAL) for QUESTLINE_CALLBACK_RETRY_FOR; then the
    delivery is `failed`."""
    page = await notifications.deliveries(
        conn,
        status=status,
        event=event,
        mission_id=mission_id,
        user_id=user_id,
        channel_id=channel_id,
        limit=limit,
        cursor=cursor,
    )
    return DeliveryList(items=page.items, next_cursor=page.next_cursor)


@router.get(
    "/v1/notifications/deliveries/{delivery_id}",
    response_model=DeliveryRow,
    responses=error_responses(401, 403, 404),
    summary="One notification delivery",
)
async def get_delivery(delivery_id: str, conn: Conn, notifications: NotificationsDep, _: Admin) -> DeliveryRow:
    """One delivery; 404 `delivery_not_found`."""
    return await notifications.delivery(conn, delivery_id)


@router.post(
    "/v1/notifications/deliveries/{delivery_id}/retry",
    status_code=202,
    response_model=DeliveryRow,
    responses=error_responses(401, 403, 404, 409),
    summary="Send a failed delivery again",
)
async def retry_delivery(delivery_id: str, conn: Conn, notifications: NotificationsDep, _: Admin) -> DeliveryRow:
    """Makes a failed delivery pending again, due now, with a fresh retry window; 409
    `delivery_not_failed` otherwise."""
    return await notifications.retry(conn, delivery_id)


@router.post(
    "/v1/missions/{mission_id}/updates",
    status_code=202,
    response_model=SendUpdateOut,
    responses=error_responses(401, 403, 404, 409, 422),
    summary="Send Update: a message to a mission's users",
)
async def send_update(
    mission_id: str, body: JsonBody[SendUpdateIn], conn: Conn, notifications: NotificationsDep, _: Admin
) -> SendUpdateOut:
    """Sends `text` (the `send_update` template's `{{customText}}`) through the channels carrying
    `send_update`: to `user_ids` at once (`users`, `deliveries`), or, without them, to every user
    with a journey of the mission, however many, by a background fan-out (`fanout_id`). With `id`,
    sending the same update again sends nothing more. 404 `mission_not_found`; 409
    `notifications_off` for a mission with `notify: false`."""
    return await notifications.send_update(conn, mission_id, body)

from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.put_template_v1_notifications_templates_event_put_event import (
    PutTemplateV1NotificationsTemplatesEventPutEvent,
)
from ...models.template_in import TemplateIn
from ...models.template_out import TemplateOut
from typing import cast


def _get_kwargs(
    event: PutTemplateV1NotificationsTemplatesEventPutEvent,
    *,
    body: TemplateIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/notifications/templates/{event}".format(
            event=quote(str(event), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | TemplateOut | None:
    if response.status_code == 200:
        response_200 = TemplateOut.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorBody.from_dict(response.json())

        return response_403

    if response.status_code == 413:
        response_413 = ErrorBody.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = ErrorBody.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = ErrorBody.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorBody | TemplateOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    event: PutTemplateV1NotificationsTemplatesEventPutEvent,
    *,
    client: AuthenticatedClient,
    body: TemplateIn,
) -> Response[ErrorBody | TemplateOut]:
    """Save an event's template

     Saves the template of one event: `subject`, `text` (plain text; Slack and webhooks get
    it too) and optionally `html` (the email's HTML part; unset = the text, escaped, in paragraphs).
    Placeholders are `{{name}}`: `userId`, `missionId`, `missionName`, `missionDescription`,
    `customText`, `points`, `event`. Values are HTML-escaped in the HTML part and Slack-escaped in
    Slack messages. An unknown or malformed placeholder is a 422 naming the field (`subject`, `text`,
    `html`).

    Events: `mission_created` (the mission became available to the user: a generally
    available or recurring mission when activated, to every user who can see it; a featured mission
    when granted, a locked one when unlocked), `mission_declined`
    (a submission declined; the admin's feedback is `{{customText}}`), `mission_completed`,
    `send_update` (an admin's Send Update; its text is `{{customText}}`). A mission with
    `notify: false` sends none of them.

    Args:
        event (PutTemplateV1NotificationsTemplatesEventPutEvent):
        body (TemplateIn): A template of one event: a subject and a plain-text body, and
            optionally an HTML body for email.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | TemplateOut]
    """

    kwargs = _get_kwargs(
        event=event,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    event: PutTemplateV1NotificationsTemplatesEventPutEvent,
    *,
    client: AuthenticatedClient,
    body: TemplateIn,
) -> ErrorBody | TemplateOut | None:
    """Save an event's template

     Saves the template of one event: `subject`, `text` (plain text; Slack and webhooks get
    it too) and optionally `html` (the email's HTML part; unset = the text, escaped, in paragraphs).
    Placeholders are `{{name}}`: `userId`, `missionId`, `missionName`, `missionDescription`,
    `customText`, `points`, `event`. Values are HTML-escaped in the HTML part and Slack-escaped in
    Slack messages. An unknown or malformed placeholder is a 422 naming the field (`subject`, `text`,
    `html`).

    Events: `mission_created` (the mission became available to the user: a generally
    available or recurring mission when activated, to every user who can see it; a featured mission
    when granted, a locked one when unlocked), `mission_declined`
    (a submission declined; the admin's feedback is `{{customText}}`), `mission_completed`,
    `send_update` (an admin's Send Update; its text is `{{customText}}`). A mission with
    `notify: false` sends none of them.

    Args:
        event (PutTemplateV1NotificationsTemplatesEventPutEvent):
        body (TemplateIn): A template of one event: a subject and a plain-text body, and
            optionally an HTML body for email.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | TemplateOut
    """

    return sync_detailed(
        event=event,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    event: PutTemplateV1NotificationsTemplatesEventPutEvent,
    *,
    client: AuthenticatedClient,
    body: TemplateIn,
) -> Response[ErrorBody | TemplateOut]:
    """Save an event's template

     Saves the template of one event: `subject`, `text` (plain text; Slack and webhooks get
    it too) and optionally `html` (the email's HTML part; unset = the text, escaped, in paragraphs).
    Placeholders are `{{name}}`: `userId`, `missionId`, `missionName`, `missionDescription`,
    `customText`, `points`, `event`. Values are HTML-escaped in the HTML part and Slack-escaped in
    Slack messages. An unknown or malformed placeholder is a 422 naming the field (`subject`, `text`,
    `html`).

    Events: `mission_created` (the mission became available to the user: a generally
    available or recurring mission when activated, to every user who can see it; a featured mission
    when granted, a locked one when unlocked), `mission_declined`
    (a submission declined; the admin's feedback is `{{customText}}`), `mission_completed`,
    `send_update` (an admin's Send Update; its text is `{{customText}}`). A mission with
    `notify: false` sends none of them.

    Args:
        event (PutTemplateV1NotificationsTemplatesEventPutEvent):
        body (TemplateIn): A template of one event: a subject and a plain-text body, and
            optionally an HTML body for email.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | TemplateOut]
    """

    kwargs = _get_kwargs(
        event=event,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    event: PutTemplateV1NotificationsTemplatesEventPutEvent,
    *,
    client: AuthenticatedClient,
    body: TemplateIn,
) -> ErrorBody | TemplateOut | None:
    """Save an event's template

     Saves the template of one event: `subject`, `text` (plain text; Slack and webhooks get
    it too) and optionally `html` (the email's HTML part; unset = the text, escaped, in paragraphs).
    Placeholders are `{{name}}`: `userId`, `missionId`, `missionName`, `missionDescription`,
    `customText`, `points`, `event`. Values are HTML-escaped in the HTML part and Slack-escaped in
    Slack messages. An unknown or malformed placeholder is a 422 naming the field (`subject`, `text`,
    `html`).

    Events: `mission_created` (the mission became available to the user: a generally
    available or recurring mission when activated, to every user who can see it; a featured mission
    when granted, a locked one when unlocked), `mission_declined`
    (a submission declined; the admin's feedback is `{{customText}}`), `mission_completed`,
    `send_update` (an admin's Send Update; its text is `{{customText}}`). A mission with
    `notify: false` sends none of them.

    Args:
        event (PutTemplateV1NotificationsTemplatesEventPutEvent):
        body (TemplateIn): A template of one event: a subject and a plain-text body, and
            optionally an HTML body for email.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | TemplateOut
    """

    return (
        await asyncio_detailed(
            event=event,
            client=client,
            body=body,
        )
    ).parsed

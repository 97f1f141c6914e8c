from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.preview_in import PreviewIn
from ...models.preview_out import PreviewOut
from ...models.preview_template_v1_notifications_templates_event_preview_post_event import (
    PreviewTemplateV1NotificationsTemplatesEventPreviewPostEvent,
)
from ...types import UNSET, Unset
from typing import cast


def _get_kwargs(
    event: PreviewTemplateV1NotificationsTemplatesEventPreviewPostEvent,
    *,
    body: PreviewIn | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/notifications/templates/{event}/preview".format(
            event=quote(str(event), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorBody | PreviewOut | None:
    if response.status_code == 200:
        response_200 = PreviewOut.from_dict(response.json())

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
) -> Response[ErrorBody | PreviewOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    event: PreviewTemplateV1NotificationsTemplatesEventPreviewPostEvent,
    *,
    client: AuthenticatedClient,
    body: PreviewIn | Unset = UNSET,
) -> Response[ErrorBody | PreviewOut]:
    """Preview an event's template

     Renders the event's template (or `template`, unsaved: a 422 names a refused field as a save
    would) with `values`, sample values filling the rest: the subject, the text, the email's HTML
    (values escaped) and the Slack text. Nothing is saved or sent.

    Args:
        event (PreviewTemplateV1NotificationsTemplatesEventPreviewPostEvent):
        body (PreviewIn | Unset): What to preview: a template (default: the event's saved or
            default one) and placeholder values.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | PreviewOut]
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
    event: PreviewTemplateV1NotificationsTemplatesEventPreviewPostEvent,
    *,
    client: AuthenticatedClient,
    body: PreviewIn | Unset = UNSET,
) -> ErrorBody | PreviewOut | None:
    """Preview an event's template

     Renders the event's template (or `template`, unsaved: a 422 names a refused field as a save
    would) with `values`, sample values filling the rest: the subject, the text, the email's HTML
    (values escaped) and the Slack text. Nothing is saved or sent.

    Args:
        event (PreviewTemplateV1NotificationsTemplatesEventPreviewPostEvent):
        body (PreviewIn | Unset): What to preview: a template (default: the event's saved or
            default one) and placeholder values.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | PreviewOut
    """

    return sync_detailed(
        event=event,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    event: PreviewTemplateV1NotificationsTemplatesEventPreviewPostEvent,
    *,
    client: AuthenticatedClient,
    body: PreviewIn | Unset = UNSET,
) -> Response[ErrorBody | PreviewOut]:
    """Preview an event's template

     Renders the event's template (or `template`, unsaved: a 422 names a refused field as a save
    would) with `values`, sample values filling the rest: the subject, the text, the email's HTML
    (values escaped) and the Slack text. Nothing is saved or sent.

    Args:
        event (PreviewTemplateV1NotificationsTemplatesEventPreviewPostEvent):
        body (PreviewIn | Unset): What to preview: a template (default: the event's saved or
            default one) and placeholder values.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | PreviewOut]
    """

    kwargs = _get_kwargs(
        event=event,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    event: PreviewTemplateV1NotificationsTemplatesEventPreviewPostEvent,
    *,
    client: AuthenticatedClient,
    body: PreviewIn | Unset = UNSET,
) -> ErrorBody | PreviewOut | None:
    """Preview an event's template

     Renders the event's template (or `template`, unsaved: a 422 names a refused field as a save
    would) with `values`, sample values filling the rest: the subject, the text, the email's HTML
    (values escaped) and the Slack text. Nothing is saved or sent.

    Args:
        event (PreviewTemplateV1NotificationsTemplatesEventPreviewPostEvent):
        body (PreviewIn | Unset): What to preview: a template (default: the event's saved or
            default one) and placeholder values.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | PreviewOut
    """

    return (
        await asyncio_detailed(
            event=event,
            client=client,
            body=body,
        )
    ).parsed

from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.get_template_v1_notifications_templates_event_get_event import (
    GetTemplateV1NotificationsTemplatesEventGetEvent,
)
from ...models.template_out import TemplateOut
from typing import cast


def _get_kwargs(
    event: GetTemplateV1NotificationsTemplatesEventGetEvent,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/notifications/templates/{event}".format(
            event=quote(str(event), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | TemplateOut | None:
    if response.status_code == 200:
        response_200 = TemplateOut.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorBody.from_dict(response.json())

        return response_403

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
    event: GetTemplateV1NotificationsTemplatesEventGetEvent,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorBody | TemplateOut]:
    """One event's template

     The template of one event, with the placeholders it may name.

    Args:
        event (GetTemplateV1NotificationsTemplatesEventGetEvent):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | TemplateOut]
    """

    kwargs = _get_kwargs(
        event=event,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    event: GetTemplateV1NotificationsTemplatesEventGetEvent,
    *,
    client: AuthenticatedClient,
) -> ErrorBody | TemplateOut | None:
    """One event's template

     The template of one event, with the placeholders it may name.

    Args:
        event (GetTemplateV1NotificationsTemplatesEventGetEvent):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | TemplateOut
    """

    return sync_detailed(
        event=event,
        client=client,
    ).parsed


async def asyncio_detailed(
    event: GetTemplateV1NotificationsTemplatesEventGetEvent,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorBody | TemplateOut]:
    """One event's template

     The template of one event, with the placeholders it may name.

    Args:
        event (GetTemplateV1NotificationsTemplatesEventGetEvent):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | TemplateOut]
    """

    kwargs = _get_kwargs(
        event=event,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    event: GetTemplateV1NotificationsTemplatesEventGetEvent,
    *,
    client: AuthenticatedClient,
) -> ErrorBody | TemplateOut | None:
    """One event's template

     The template of one event, with the placeholders it may name.

    Args:
        event (GetTemplateV1NotificationsTemplatesEventGetEvent):

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
        )
    ).parsed

from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.delivery_list import DeliveryList
from ...models.error_body import ErrorBody
from ...models.list_deliveries_v1_notifications_deliveries_get_event_type_0 import (
    ListDeliveriesV1NotificationsDeliveriesGetEventType0,
)
from ...models.list_deliveries_v1_notifications_deliveries_get_status_type_0 import (
    ListDeliveriesV1NotificationsDeliveriesGetStatusType0,
)
from ...types import UNSET, Unset
from typing import cast


def _get_kwargs(
    *,
    status: ListDeliveriesV1NotificationsDeliveriesGetStatusType0 | None | Unset = UNSET,
    event: ListDeliveriesV1NotificationsDeliveriesGetEventType0 | None | Unset = UNSET,
    mission_id: None | str | Unset = UNSET,
    user_id: None | str | Unset = UNSET,
    channel_id: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ListDeliveriesV1NotificationsDeliveriesGetStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_event: None | str | Unset
    if isinstance(event, Unset):
        json_event = UNSET
    elif isinstance(event, ListDeliveriesV1NotificationsDeliveriesGetEventType0):
        json_event = event.value
    else:
        json_event = event
    params["event"] = json_event

    json_mission_id: None | str | Unset
    if isinstance(mission_id, Unset):
        json_mission_id = UNSET
    else:
        json_mission_id = mission_id
    params["mission_id"] = json_mission_id

    json_user_id: None | str | Unset
    if isinstance(user_id, Unset):
        json_user_id = UNSET
    else:
        json_user_id = user_id
    params["user_id"] = json_user_id

    json_channel_id: None | str | Unset
    if isinstance(channel_id, Unset):
        json_channel_id = UNSET
    else:
        json_channel_id = channel_id
    params["channel_id"] = json_channel_id

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/notifications/deliveries",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DeliveryList | ErrorBody | None:
    if response.status_code == 200:
        response_200 = DeliveryList.from_dict(response.json())

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
) -> Response[DeliveryList | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: ListDeliveriesV1NotificationsDeliveriesGetStatusType0 | None | Unset = UNSET,
    event: ListDeliveriesV1NotificationsDeliveriesGetEventType0 | None | Unset = UNSET,
    mission_id: None | str | Unset = UNSET,
    user_id: None | str | Unset = UNSET,
    channel_id: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> Response[DeliveryList | ErrorBody]:
    """Notification deliveries and how they went

     Deliveries newest first with their attempts, last status (HTTP or SMTP code) and last error
    (a short reason, never the receiver's answer). A failed attempt is retried with backoff (1 s,
    doubling, at most QUESTLINE_CALLBACK_MAX_INTERVAL) for QUESTLINE_CALLBACK_RETRY_FOR; then the
    delivery is `failed`.

    Args:
        status (ListDeliveriesV1NotificationsDeliveriesGetStatusType0 | None | Unset): `pending`,
            `delivered`, `failed` (gave up; retry it) or `skipped` (nothing to send)
        event (ListDeliveriesV1NotificationsDeliveriesGetEventType0 | None | Unset):
        mission_id (None | str | Unset):
        user_id (None | str | Unset):
        channel_id (None | str | Unset):
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeliveryList | ErrorBody]
    """

    kwargs = _get_kwargs(
        status=status,
        event=event,
        mission_id=mission_id,
        user_id=user_id,
        channel_id=channel_id,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    status: ListDeliveriesV1NotificationsDeliveriesGetStatusType0 | None | Unset = UNSET,
    event: ListDeliveriesV1NotificationsDeliveriesGetEventType0 | None | Unset = UNSET,
    mission_id: None | str | Unset = UNSET,
    user_id: None | str | Unset = UNSET,
    channel_id: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> DeliveryList | ErrorBody | None:
    """Notification deliveries and how they went

     Deliveries newest first with their attempts, last status (HTTP or SMTP code) and last error
    (a short reason, never the receiver's answer). A failed attempt is retried with backoff (1 s,
    doubling, at most QUESTLINE_CALLBACK_MAX_INTERVAL) for QUESTLINE_CALLBACK_RETRY_FOR; then the
    delivery is `failed`.

    Args:
        status (ListDeliveriesV1NotificationsDeliveriesGetStatusType0 | None | Unset): `pending`,
            `delivered`, `failed` (gave up; retry it) or `skipped` (nothing to send)
        event (ListDeliveriesV1NotificationsDeliveriesGetEventType0 | None | Unset):
        mission_id (None | str | Unset):
        user_id (None | str | Unset):
        channel_id (None | str | Unset):
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeliveryList | ErrorBody
    """

    return sync_detailed(
        client=client,
        status=status,
        event=event,
        mission_id=mission_id,
        user_id=user_id,
        channel_id=channel_id,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: ListDeliveriesV1NotificationsDeliveriesGetStatusType0 | None | Unset = UNSET,
    event: ListDeliveriesV1NotificationsDeliveriesGetEventType0 | None | Unset = UNSET,
    mission_id: None | str | Unset = UNSET,
    user_id: None | str | Unset = UNSET,
    channel_id: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> Response[DeliveryList | ErrorBody]:
    """Notification deliveries and how they went

     Deliveries newest first with their attempts, last status (HTTP or SMTP code) and last error
    (a short reason, never the receiver's answer). A failed attempt is retried with backoff (1 s,
    doubling, at most QUESTLINE_CALLBACK_MAX_INTERVAL) for QUESTLINE_CALLBACK_RETRY_FOR; then the
    delivery is `failed`.

    Args:
        status (ListDeliveriesV1NotificationsDeliveriesGetStatusType0 | None | Unset): `pending`,
            `delivered`, `failed` (gave up; retry it) or `skipped` (nothing to send)
        event (ListDeliveriesV1NotificationsDeliveriesGetEventType0 | None | Unset):
        mission_id (None | str | Unset):
        user_id (None | str | Unset):
        channel_id (None | str | Unset):
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeliveryList | ErrorBody]
    """

    kwargs = _get_kwargs(
        status=status,
        event=event,
        mission_id=mission_id,
        user_id=user_id,
        channel_id=channel_id,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    status: ListDeliveriesV1NotificationsDeliveriesGetStatusType0 | None | Unset = UNSET,
    event: ListDeliveriesV1NotificationsDeliveriesGetEventType0 | None | Unset = UNSET,
    mission_id: None | str | Unset = UNSET,
    user_id: None | str | Unset = UNSET,
    channel_id: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> DeliveryList | ErrorBody | None:
    """Notification deliveries and how they went

     Deliveries newest first with their attempts, last status (HTTP or SMTP code) and last error
    (a short reason, never the receiver's answer). A failed attempt is retried with backoff (1 s,
    doubling, at most QUESTLINE_CALLBACK_MAX_INTERVAL) for QUESTLINE_CALLBACK_RETRY_FOR; then the
    delivery is `failed`.

    Args:
        status (ListDeliveriesV1NotificationsDeliveriesGetStatusType0 | None | Unset): `pending`,
            `delivered`, `failed` (gave up; retry it) or `skipped` (nothing to send)
        event (ListDeliveriesV1NotificationsDeliveriesGetEventType0 | None | Unset):
        mission_id (None | str | Unset):
        user_id (None | str | Unset):
        channel_id (None | str | Unset):
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeliveryList | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            event=event,
            mission_id=mission_id,
            user_id=user_id,
            channel_id=channel_id,
            limit=limit,
            cursor=cursor,
        )
    ).parsed

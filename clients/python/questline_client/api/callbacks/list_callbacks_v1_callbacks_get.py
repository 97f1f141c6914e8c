from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.callback_list import CallbackList
from ...models.error_body import ErrorBody
from ...models.list_callbacks_v1_callbacks_get_status_type_0 import ListCallbacksV1CallbacksGetStatusType0
from ...models.list_callbacks_v1_callbacks_get_type_type_0 import ListCallbacksV1CallbacksGetTypeType0
from ...types import UNSET, Unset
from typing import cast


def _get_kwargs(
    *,
    status: ListCallbacksV1CallbacksGetStatusType0 | None | Unset = UNSET,
    mission_id: None | str | Unset = UNSET,
    type_: ListCallbacksV1CallbacksGetTypeType0 | None | Unset = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ListCallbacksV1CallbacksGetStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_mission_id: None | str | Unset
    if isinstance(mission_id, Unset):
        json_mission_id = UNSET
    else:
        json_mission_id = mission_id
    params["mission_id"] = json_mission_id

    json_type_: None | str | Unset
    if isinstance(type_, Unset):
        json_type_ = UNSET
    elif isinstance(type_, ListCallbacksV1CallbacksGetTypeType0):
        json_type_ = type_.value
    else:
        json_type_ = type_
    params["type"] = json_type_

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
        "url": "/v1/callbacks",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CallbackList | ErrorBody | None:
    if response.status_code == 200:
        response_200 = CallbackList.from_dict(response.json())

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
) -> Response[CallbackList | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: ListCallbacksV1CallbacksGetStatusType0 | None | Unset = UNSET,
    mission_id: None | str | Unset = UNSET,
    type_: ListCallbacksV1CallbacksGetTypeType0 | None | Unset = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> Response[CallbackList | ErrorBody]:
    """List Callbacks

     Callbacks newest first, optionally of one status, mission or type, with their attempts and last
    error.

    Args:
        status (ListCallbacksV1CallbacksGetStatusType0 | None | Unset): e.g. `failed`: deliveries
            that gave up
        mission_id (None | str | Unset):
        type_ (ListCallbacksV1CallbacksGetTypeType0 | None | Unset):
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CallbackList | ErrorBody]
    """

    kwargs = _get_kwargs(
        status=status,
        mission_id=mission_id,
        type_=type_,
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
    status: ListCallbacksV1CallbacksGetStatusType0 | None | Unset = UNSET,
    mission_id: None | str | Unset = UNSET,
    type_: ListCallbacksV1CallbacksGetTypeType0 | None | Unset = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> CallbackList | ErrorBody | None:
    """List Callbacks

     Callbacks newest first, optionally of one status, mission or type, with their attempts and last
    error.

    Args:
        status (ListCallbacksV1CallbacksGetStatusType0 | None | Unset): e.g. `failed`: deliveries
            that gave up
        mission_id (None | str | Unset):
        type_ (ListCallbacksV1CallbacksGetTypeType0 | None | Unset):
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CallbackList | ErrorBody
    """

    return sync_detailed(
        client=client,
        status=status,
        mission_id=mission_id,
        type_=type_,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: ListCallbacksV1CallbacksGetStatusType0 | None | Unset = UNSET,
    mission_id: None | str | Unset = UNSET,
    type_: ListCallbacksV1CallbacksGetTypeType0 | None | Unset = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> Response[CallbackList | ErrorBody]:
    """List Callbacks

     Callbacks newest first, optionally of one status, mission or type, with their attempts and last
    error.

    Args:
        status (ListCallbacksV1CallbacksGetStatusType0 | None | Unset): e.g. `failed`: deliveries
            that gave up
        mission_id (None | str | Unset):
        type_ (ListCallbacksV1CallbacksGetTypeType0 | None | Unset):
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CallbackList | ErrorBody]
    """

    kwargs = _get_kwargs(
        status=status,
        mission_id=mission_id,
        type_=type_,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    status: ListCallbacksV1CallbacksGetStatusType0 | None | Unset = UNSET,
    mission_id: None | str | Unset = UNSET,
    type_: ListCallbacksV1CallbacksGetTypeType0 | None | Unset = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> CallbackList | ErrorBody | None:
    """List Callbacks

     Callbacks newest first, optionally of one status, mission or type, with their attempts and last
    error.

    Args:
        status (ListCallbacksV1CallbacksGetStatusType0 | None | Unset): e.g. `failed`: deliveries
            that gave up
        mission_id (None | str | Unset):
        type_ (ListCallbacksV1CallbacksGetTypeType0 | None | Unset):
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CallbackList | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            mission_id=mission_id,
            type_=type_,
            limit=limit,
            cursor=cursor,
        )
    ).parsed

from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.broadcast_list import BroadcastList
from ...models.error_body import ErrorBody
from ...models.list_broadcasts_v1_broadcasts_get_status_type_0 import ListBroadcastsV1BroadcastsGetStatusType0
from ...types import UNSET, Unset
from typing import cast


def _get_kwargs(
    *,
    status: ListBroadcastsV1BroadcastsGetStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ListBroadcastsV1BroadcastsGetStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

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
        "url": "/v1/broadcasts",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BroadcastList | ErrorBody | None:
    if response.status_code == 200:
        response_200 = BroadcastList.from_dict(response.json())

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
) -> Response[BroadcastList | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: ListBroadcastsV1BroadcastsGetStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> Response[BroadcastList | ErrorBody]:
    """List Broadcasts

     Broadcasts newest first, optionally of one status, with their delivered counts.

    Args:
        status (ListBroadcastsV1BroadcastsGetStatusType0 | None | Unset):
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BroadcastList | ErrorBody]
    """

    kwargs = _get_kwargs(
        status=status,
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
    status: ListBroadcastsV1BroadcastsGetStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> BroadcastList | ErrorBody | None:
    """List Broadcasts

     Broadcasts newest first, optionally of one status, with their delivered counts.

    Args:
        status (ListBroadcastsV1BroadcastsGetStatusType0 | None | Unset):
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BroadcastList | ErrorBody
    """

    return sync_detailed(
        client=client,
        status=status,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: ListBroadcastsV1BroadcastsGetStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> Response[BroadcastList | ErrorBody]:
    """List Broadcasts

     Broadcasts newest first, optionally of one status, with their delivered counts.

    Args:
        status (ListBroadcastsV1BroadcastsGetStatusType0 | None | Unset):
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BroadcastList | ErrorBody]
    """

    kwargs = _get_kwargs(
        status=status,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    status: ListBroadcastsV1BroadcastsGetStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> BroadcastList | ErrorBody | None:
    """List Broadcasts

     Broadcasts newest first, optionally of one status, with their delivered counts.

    Args:
        status (ListBroadcastsV1BroadcastsGetStatusType0 | None | Unset):
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BroadcastList | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            limit=limit,
            cursor=cursor,
        )
    ).parsed

from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.leaderboard_out import LeaderboardOut
from ...models.list_leaderboards_v1_leaderboards_get_status_type_0 import ListLeaderboardsV1LeaderboardsGetStatusType0
from ...types import UNSET, Unset
from typing import cast


def _get_kwargs(
    *,
    status: ListLeaderboardsV1LeaderboardsGetStatusType0 | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ListLeaderboardsV1LeaderboardsGetStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/leaderboards",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | list[LeaderboardOut] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = LeaderboardOut.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[ErrorBody | list[LeaderboardOut]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: ListLeaderboardsV1LeaderboardsGetStatusType0 | None | Unset = UNSET,
) -> Response[ErrorBody | list[LeaderboardOut]]:
    """List leaderboards

     Every leaderboard, newest first.

    Args:
        status (ListLeaderboardsV1LeaderboardsGetStatusType0 | None | Unset): Only this status

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | list[LeaderboardOut]]
    """

    kwargs = _get_kwargs(
        status=status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    status: ListLeaderboardsV1LeaderboardsGetStatusType0 | None | Unset = UNSET,
) -> ErrorBody | list[LeaderboardOut] | None:
    """List leaderboards

     Every leaderboard, newest first.

    Args:
        status (ListLeaderboardsV1LeaderboardsGetStatusType0 | None | Unset): Only this status

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | list[LeaderboardOut]
    """

    return sync_detailed(
        client=client,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: ListLeaderboardsV1LeaderboardsGetStatusType0 | None | Unset = UNSET,
) -> Response[ErrorBody | list[LeaderboardOut]]:
    """List leaderboards

     Every leaderboard, newest first.

    Args:
        status (ListLeaderboardsV1LeaderboardsGetStatusType0 | None | Unset): Only this status

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | list[LeaderboardOut]]
    """

    kwargs = _get_kwargs(
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    status: ListLeaderboardsV1LeaderboardsGetStatusType0 | None | Unset = UNSET,
) -> ErrorBody | list[LeaderboardOut] | None:
    """List leaderboards

     Every leaderboard, newest first.

    Args:
        status (ListLeaderboardsV1LeaderboardsGetStatusType0 | None | Unset): Only this status

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | list[LeaderboardOut]
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
        )
    ).parsed

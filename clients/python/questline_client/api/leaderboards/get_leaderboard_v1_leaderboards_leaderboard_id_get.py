from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.leaderboard_out import LeaderboardOut
from typing import cast


def _get_kwargs(
    leaderboard_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/leaderboards/{leaderboard_id}".format(
            leaderboard_id=quote(str(leaderboard_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | LeaderboardOut | None:
    if response.status_code == 200:
        response_200 = LeaderboardOut.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorBody.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorBody.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = ErrorBody.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorBody | LeaderboardOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    leaderboard_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorBody | LeaderboardOut]:
    """One leaderboard

     A leaderboard's definition, status and current period. 404 `leaderboard_not_found`.

    Args:
        leaderboard_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | LeaderboardOut]
    """

    kwargs = _get_kwargs(
        leaderboard_id=leaderboard_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    leaderboard_id: str,
    *,
    client: AuthenticatedClient,
) -> ErrorBody | LeaderboardOut | None:
    """One leaderboard

     A leaderboard's definition, status and current period. 404 `leaderboard_not_found`.

    Args:
        leaderboard_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | LeaderboardOut
    """

    return sync_detailed(
        leaderboard_id=leaderboard_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    leaderboard_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorBody | LeaderboardOut]:
    """One leaderboard

     A leaderboard's definition, status and current period. 404 `leaderboard_not_found`.

    Args:
        leaderboard_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | LeaderboardOut]
    """

    kwargs = _get_kwargs(
        leaderboard_id=leaderboard_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    leaderboard_id: str,
    *,
    client: AuthenticatedClient,
) -> ErrorBody | LeaderboardOut | None:
    """One leaderboard

     A leaderboard's definition, status and current period. 404 `leaderboard_not_found`.

    Args:
        leaderboard_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | LeaderboardOut
    """

    return (
        await asyncio_detailed(
            leaderboard_id=leaderboard_id,
            client=client,
        )
    ).parsed

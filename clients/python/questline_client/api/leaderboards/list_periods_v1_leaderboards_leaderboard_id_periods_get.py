from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.period_out import PeriodOut
from ...types import UNSET, Unset
from typing import cast


def _get_kwargs(
    leaderboard_id: str,
    *,
    limit: int | Unset = 100,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/leaderboards/{leaderboard_id}/periods".format(
            leaderboard_id=quote(str(leaderboard_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | list[PeriodOut] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = PeriodOut.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[ErrorBody | list[PeriodOut]]:
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
    limit: int | Unset = 100,
) -> Response[ErrorBody | list[PeriodOut]]:
    """A leaderboard's periods, newest first

     Every period with standings, with when it started and reset; past ones are final
    (read them with `standings?period=<key>`).

    Args:
        leaderboard_id (str):
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | list[PeriodOut]]
    """

    kwargs = _get_kwargs(
        leaderboard_id=leaderboard_id,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    leaderboard_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
) -> ErrorBody | list[PeriodOut] | None:
    """A leaderboard's periods, newest first

     Every period with standings, with when it started and reset; past ones are final
    (read them with `standings?period=<key>`).

    Args:
        leaderboard_id (str):
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | list[PeriodOut]
    """

    return sync_detailed(
        leaderboard_id=leaderboard_id,
        client=client,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    leaderboard_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
) -> Response[ErrorBody | list[PeriodOut]]:
    """A leaderboard's periods, newest first

     Every period with standings, with when it started and reset; past ones are final
    (read them with `standings?period=<key>`).

    Args:
        leaderboard_id (str):
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | list[PeriodOut]]
    """

    kwargs = _get_kwargs(
        leaderboard_id=leaderboard_id,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    leaderboard_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
) -> ErrorBody | list[PeriodOut] | None:
    """A leaderboard's periods, newest first

     Every period with standings, with when it started and reset; past ones are final
    (read them with `standings?period=<key>`).

    Args:
        leaderboard_id (str):
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | list[PeriodOut]
    """

    return (
        await asyncio_detailed(
            leaderboard_id=leaderboard_id,
            client=client,
            limit=limit,
        )
    ).parsed

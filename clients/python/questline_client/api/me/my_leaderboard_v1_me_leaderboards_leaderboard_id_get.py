from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.my_leaderboard import MyLeaderboard
from ...types import UNSET, Unset
from typing import cast


def _get_kwargs(
    leaderboard_id: str,
    *,
    limit: int | Unset = 10,
    around: int | Unset = 2,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["around"] = around

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/me/leaderboards/{leaderboard_id}".format(
            leaderboard_id=quote(str(leaderboard_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | MyLeaderboard | None:
    if response.status_code == 200:
        response_200 = MyLeaderboard.from_dict(response.json())

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
) -> Response[ErrorBody | MyLeaderboard]:
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
    limit: int | Unset = 10,
    around: int | Unset = 2,
) -> Response[ErrorBody | MyLeaderboard]:
    """A leaderboard with your rank

     The current period's top `limit` and your rank with `around` users either side. Other users
    appear by user id, and by the `display_name` attribute of their profile when it has one: nothing
    else of theirs. 404 `leaderboard_not_found` (also for one limited to a segment or tier you are not
    in).

    Ranking: highest score first; of equal scores, whoever reached the score first ranks higher
    (`reached_at`). Users with the same score reached at the same instant share a rank and the next rank
    is skipped (standard competition ranking, 1-2-2-4), listed by user id.

    Args:
        leaderboard_id (str):
        limit (int | Unset): Top N Default: 10.
        around (int | Unset): Users shown either side of you Default: 2.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | MyLeaderboard]
    """

    kwargs = _get_kwargs(
        leaderboard_id=leaderboard_id,
        limit=limit,
        around=around,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    leaderboard_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 10,
    around: int | Unset = 2,
) -> ErrorBody | MyLeaderboard | None:
    """A leaderboard with your rank

     The current period's top `limit` and your rank with `around` users either side. Other users
    appear by user id, and by the `display_name` attribute of their profile when it has one: nothing
    else of theirs. 404 `leaderboard_not_found` (also for one limited to a segment or tier you are not
    in).

    Ranking: highest score first; of equal scores, whoever reached the score first ranks higher
    (`reached_at`). Users with the same score reached at the same instant share a rank and the next rank
    is skipped (standard competition ranking, 1-2-2-4), listed by user id.

    Args:
        leaderboard_id (str):
        limit (int | Unset): Top N Default: 10.
        around (int | Unset): Users shown either side of you Default: 2.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | MyLeaderboard
    """

    return sync_detailed(
        leaderboard_id=leaderboard_id,
        client=client,
        limit=limit,
        around=around,
    ).parsed


async def asyncio_detailed(
    leaderboard_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 10,
    around: int | Unset = 2,
) -> Response[ErrorBody | MyLeaderboard]:
    """A leaderboard with your rank

     The current period's top `limit` and your rank with `around` users either side. Other users
    appear by user id, and by the `display_name` attribute of their profile when it has one: nothing
    else of theirs. 404 `leaderboard_not_found` (also for one limited to a segment or tier you are not
    in).

    Ranking: highest score first; of equal scores, whoever reached the score first ranks higher
    (`reached_at`). Users with the same score reached at the same instant share a rank and the next rank
    is skipped (standard competition ranking, 1-2-2-4), listed by user id.

    Args:
        leaderboard_id (str):
        limit (int | Unset): Top N Default: 10.
        around (int | Unset): Users shown either side of you Default: 2.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | MyLeaderboard]
    """

    kwargs = _get_kwargs(
        leaderboard_id=leaderboard_id,
        limit=limit,
        around=around,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    leaderboard_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 10,
    around: int | Unset = 2,
) -> ErrorBody | MyLeaderboard | None:
    """A leaderboard with your rank

     The current period's top `limit` and your rank with `around` users either side. Other users
    appear by user id, and by the `display_name` attribute of their profile when it has one: nothing
    else of theirs. 404 `leaderboard_not_found` (also for one limited to a segment or tier you are not
    in).

    Ranking: highest score first; of equal scores, whoever reached the score first ranks higher
    (`reached_at`). Users with the same score reached at the same instant share a rank and the next rank
    is skipped (standard competition ranking, 1-2-2-4), listed by user id.

    Args:
        leaderboard_id (str):
        limit (int | Unset): Top N Default: 10.
        around (int | Unset): Users shown either side of you Default: 2.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | MyLeaderboard
    """

    return (
        await asyncio_detailed(
            leaderboard_id=leaderboard_id,
            client=client,
            limit=limit,
            around=around,
        )
    ).parsed

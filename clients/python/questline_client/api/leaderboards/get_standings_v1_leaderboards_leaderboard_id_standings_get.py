from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.standings import Standings
from ...types import UNSET, Unset
from typing import cast


def _get_kwargs(
    leaderboard_id: str,
    *,
    limit: int | Unset = 100,
    around: None | str | Unset = UNSET,
    period: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_around: None | str | Unset
    if isinstance(around, Unset):
        json_around = UNSET
    else:
        json_around = around
    params["around"] = json_around

    json_period: None | str | Unset
    if isinstance(period, Unset):
        json_period = UNSET
    else:
        json_period = period
    params["period"] = json_period

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/leaderboards/{leaderboard_id}/standings".format(
            leaderboard_id=quote(str(leaderboard_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorBody | Standings | None:
    if response.status_code == 200:
        response_200 = Standings.from_dict(response.json())

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
) -> Response[ErrorBody | Standings]:
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
    around: None | str | Unset = UNSET,
    period: None | str | Unset = UNSET,
) -> Response[ErrorBody | Standings]:
    """A leaderboard's standings: top N, a user's rank and those around them, past periods

     A period's standings: the top `limit` (`entries`), or with `around=<user_id>` that user (`user`)
    with up to `limit` (at most 50) users either side. `period` picks a period: `current` (default),
    or any date (`YYYY-MM-DD`, local to the leaderboard's time zone) inside it — a past period's
    standings are final (`period.current` false). `total` counts the users ranked.

    Ranking: highest score first; of equal scores, whoever reached the score first ranks higher
    (`reached_at`). Users with the same score reached at the same instant share a rank and the next rank
    is skipped (standard competition ranking, 1-2-2-4), listed by user id.

    404 `leaderboard_not_found`; 422 `invalid_period` naming `period`. With `around` a user holding no
    score in the period gives `user: null` and no entries.

    Args:
        leaderboard_id (str):
        limit (int | Unset): Top N, or users either side with `around` Default: 100.
        around (None | str | Unset): A user id: their rank with the users around them
        period (None | str | Unset): `current`, or a date inside the period (YYYY-MM-DD)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | Standings]
    """

    kwargs = _get_kwargs(
        leaderboard_id=leaderboard_id,
        limit=limit,
        around=around,
        period=period,
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
    around: None | str | Unset = UNSET,
    period: None | str | Unset = UNSET,
) -> ErrorBody | Standings | None:
    """A leaderboard's standings: top N, a user's rank and those around them, past periods

     A period's standings: the top `limit` (`entries`), or with `around=<user_id>` that user (`user`)
    with up to `limit` (at most 50) users either side. `period` picks a period: `current` (default),
    or any date (`YYYY-MM-DD`, local to the leaderboard's time zone) inside it — a past period's
    standings are final (`period.current` false). `total` counts the users ranked.

    Ranking: highest score first; of equal scores, whoever reached the score first ranks higher
    (`reached_at`). Users with the same score reached at the same instant share a rank and the next rank
    is skipped (standard competition ranking, 1-2-2-4), listed by user id.

    404 `leaderboard_not_found`; 422 `invalid_period` naming `period`. With `around` a user holding no
    score in the period gives `user: null` and no entries.

    Args:
        leaderboard_id (str):
        limit (int | Unset): Top N, or users either side with `around` Default: 100.
        around (None | str | Unset): A user id: their rank with the users around them
        period (None | str | Unset): `current`, or a date inside the period (YYYY-MM-DD)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | Standings
    """

    return sync_detailed(
        leaderboard_id=leaderboard_id,
        client=client,
        limit=limit,
        around=around,
        period=period,
    ).parsed


async def asyncio_detailed(
    leaderboard_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    around: None | str | Unset = UNSET,
    period: None | str | Unset = UNSET,
) -> Response[ErrorBody | Standings]:
    """A leaderboard's standings: top N, a user's rank and those around them, past periods

     A period's standings: the top `limit` (`entries`), or with `around=<user_id>` that user (`user`)
    with up to `limit` (at most 50) users either side. `period` picks a period: `current` (default),
    or any date (`YYYY-MM-DD`, local to the leaderboard's time zone) inside it — a past period's
    standings are final (`period.current` false). `total` counts the users ranked.

    Ranking: highest score first; of equal scores, whoever reached the score first ranks higher
    (`reached_at`). Users with the same score reached at the same instant share a rank and the next rank
    is skipped (standard competition ranking, 1-2-2-4), listed by user id.

    404 `leaderboard_not_found`; 422 `invalid_period` naming `period`. With `around` a user holding no
    score in the period gives `user: null` and no entries.

    Args:
        leaderboard_id (str):
        limit (int | Unset): Top N, or users either side with `around` Default: 100.
        around (None | str | Unset): A user id: their rank with the users around them
        period (None | str | Unset): `current`, or a date inside the period (YYYY-MM-DD)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | Standings]
    """

    kwargs = _get_kwargs(
        leaderboard_id=leaderboard_id,
        limit=limit,
        around=around,
        period=period,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    leaderboard_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    around: None | str | Unset = UNSET,
    period: None | str | Unset = UNSET,
) -> ErrorBody | Standings | None:
    """A leaderboard's standings: top N, a user's rank and those around them, past periods

     A period's standings: the top `limit` (`entries`), or with `around=<user_id>` that user (`user`)
    with up to `limit` (at most 50) users either side. `period` picks a period: `current` (default),
    or any date (`YYYY-MM-DD`, local to the leaderboard's time zone) inside it — a past period's
    standings are final (`period.current` false). `total` counts the users ranked.

    Ranking: highest score first; of equal scores, whoever reached the score first ranks higher
    (`reached_at`). Users with the same score reached at the same instant share a rank and the next rank
    is skipped (standard competition ranking, 1-2-2-4), listed by user id.

    404 `leaderboard_not_found`; 422 `invalid_period` naming `period`. With `around` a user holding no
    score in the period gives `user: null` and no entries.

    Args:
        leaderboard_id (str):
        limit (int | Unset): Top N, or users either side with `around` Default: 100.
        around (None | str | Unset): A user id: their rank with the users around them
        period (None | str | Unset): `current`, or a date inside the period (YYYY-MM-DD)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | Standings
    """

    return (
        await asyncio_detailed(
            leaderboard_id=leaderboard_id,
            client=client,
            limit=limit,
            around=around,
            period=period,
        )
    ).parsed

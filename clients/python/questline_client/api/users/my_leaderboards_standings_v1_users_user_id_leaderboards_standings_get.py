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
    user_id: str,
    *,
    limit: int | Unset = 5,
    around: int | Unset = 1,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["around"] = around

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/users/{user_id}/leaderboards/standings".format(
            user_id=quote(str(user_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | list[MyLeaderboard] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = MyLeaderboard.from_dict(response_200_item_data)

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
) -> Response[ErrorBody | list[MyLeaderboard]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    user_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 5,
    around: int | Unset = 1,
) -> Response[ErrorBody | list[MyLeaderboard]]:
    """Your leaderboards with your rank (the widget's tab)

     For each leaderboard you can see (at most 10), its top `limit` and your rank with `around` users
    either side. Other users
    appear by user id, and by the `display_name` attribute of their profile when it has one: nothing
    else of theirs. 404 `leaderboard_not_found` (also for one limited to a segment or tier you are not
    in).

    Ranking: highest score first; of equal scores, whoever reached the score first ranks higher
    (`reached_at`). Users with the same score reached at the same instant share a rank and the next rank
    is skipped (standard competition ranking, 1-2-2-4), listed by user id.

    Args:
        user_id (str): A user id: 1 to 200 characters, NFC-normalised, without whitespace, / : ? #
            %, control, format (bidi, zero-width), invisible, private-use or unassigned characters, or
            U+FFFD.
        limit (int | Unset): Top N of each Default: 5.
        around (int | Unset): Users shown either side of you Default: 1.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | list[MyLeaderboard]]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        limit=limit,
        around=around,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    user_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 5,
    around: int | Unset = 1,
) -> ErrorBody | list[MyLeaderboard] | None:
    """Your leaderboards with your rank (the widget's tab)

     For each leaderboard you can see (at most 10), its top `limit` and your rank with `around` users
    either side. Other users
    appear by user id, and by the `display_name` attribute of their profile when it has one: nothing
    else of theirs. 404 `leaderboard_not_found` (also for one limited to a segment or tier you are not
    in).

    Ranking: highest score first; of equal scores, whoever reached the score first ranks higher
    (`reached_at`). Users with the same score reached at the same instant share a rank and the next rank
    is skipped (standard competition ranking, 1-2-2-4), listed by user id.

    Args:
        user_id (str): A user id: 1 to 200 characters, NFC-normalised, without whitespace, / : ? #
            %, control, format (bidi, zero-width), invisible, private-use or unassigned characters, or
            U+FFFD.
        limit (int | Unset): Top N of each Default: 5.
        around (int | Unset): Users shown either side of you Default: 1.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | list[MyLeaderboard]
    """

    return sync_detailed(
        user_id=user_id,
        client=client,
        limit=limit,
        around=around,
    ).parsed


async def asyncio_detailed(
    user_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 5,
    around: int | Unset = 1,
) -> Response[ErrorBody | list[MyLeaderboard]]:
    """Your leaderboards with your rank (the widget's tab)

     For each leaderboard you can see (at most 10), its top `limit` and your rank with `around` users
    either side. Other users
    appear by user id, and by the `display_name` attribute of their profile when it has one: nothing
    else of theirs. 404 `leaderboard_not_found` (also for one limited to a segment or tier you are not
    in).

    Ranking: highest score first; of equal scores, whoever reached the score first ranks higher
    (`reached_at`). Users with the same score reached at the same instant share a rank and the next rank
    is skipped (standard competition ranking, 1-2-2-4), listed by user id.

    Args:
        user_id (str): A user id: 1 to 200 characters, NFC-normalised, without whitespace, / : ? #
            %, control, format (bidi, zero-width), invisible, private-use or unassigned characters, or
            U+FFFD.
        limit (int | Unset): Top N of each Default: 5.
        around (int | Unset): Users shown either side of you Default: 1.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | list[MyLeaderboard]]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        limit=limit,
        around=around,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    user_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 5,
    around: int | Unset = 1,
) -> ErrorBody | list[MyLeaderboard] | None:
    """Your leaderboards with your rank (the widget's tab)

     For each leaderboard you can see (at most 10), its top `limit` and your rank with `around` users
    either side. Other users
    appear by user id, and by the `display_name` attribute of their profile when it has one: nothing
    else of theirs. 404 `leaderboard_not_found` (also for one limited to a segment or tier you are not
    in).

    Ranking: highest score first; of equal scores, whoever reached the score first ranks higher
    (`reached_at`). Users with the same score reached at the same instant share a rank and the next rank
    is skipped (standard competition ranking, 1-2-2-4), listed by user id.

    Args:
        user_id (str): A user id: 1 to 200 characters, NFC-normalised, without whitespace, / : ? #
            %, control, format (bidi, zero-width), invisible, private-use or unassigned characters, or
            U+FFFD.
        limit (int | Unset): Top N of each Default: 5.
        around (int | Unset): Users shown either side of you Default: 1.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | list[MyLeaderboard]
    """

    return (
        await asyncio_detailed(
            user_id=user_id,
            client=client,
            limit=limit,
            around=around,
        )
    ).parsed

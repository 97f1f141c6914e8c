from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.leaderboard_in import LeaderboardIn
from ...models.leaderboard_out import LeaderboardOut
from typing import cast


def _get_kwargs(
    *,
    body: LeaderboardIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/leaderboards",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | LeaderboardOut | None:
    if response.status_code == 201:
        response_201 = LeaderboardOut.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ErrorBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorBody.from_dict(response.json())

        return response_403

    if response.status_code == 413:
        response_413 = ErrorBody.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = ErrorBody.from_dict(response.json())

        return response_415

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
    *,
    client: AuthenticatedClient,
    body: LeaderboardIn,
) -> Response[ErrorBody | LeaderboardOut]:
    """Define a leaderboard

     Defines a leaderboard. `kind` `points` ranks points earned in the period: the sum of the
    user's ledger rows in it (every grant, and any compensating entry), never a stored balance;
    `completions` ranks completions of `mission_id` in the period.

    `period` `day`, `week` or `month` resets at midnight in `time_zone` (IANA, e.g. `Europe/Berlin`;
    a week starts on `week_starts`, Monday by default); `all` never resets. A period is named by the
    local date it starts on (`2026-12-01`), or `all`. Past periods keep their final standings.

    `segment_id` / `tier` limit the standings to users who are, when it is read, members of the segment
    or hold the tier. The standings are filled from the ledger so far at once (a grant made meanwhile
    waits for it), then kept in the transaction of every ledger row or completion.

    Ranking: highest score first; of equal scores, whoever reached the score first ranks higher
    (`reached_at`). Users with the same score reached at the same instant share a rank and the next rank
    is skipped (standard competition ranking, 1-2-2-4), listed by user id.

    422 `validation_error` naming the field (`time_zone`, `period`, `mission_id`...); 422
    `mission_not_found` / `segment_not_found` / `tier_not_found` naming `mission_id`, `segment_id`,
    `tier`.

    Args:
        body (LeaderboardIn): A leaderboard's definition.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | LeaderboardOut]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: LeaderboardIn,
) -> ErrorBody | LeaderboardOut | None:
    """Define a leaderboard

     Defines a leaderboard. `kind` `points` ranks points earned in the period: the sum of the
    user's ledger rows in it (every grant, and any compensating entry), never a stored balance;
    `completions` ranks completions of `mission_id` in the period.

    `period` `day`, `week` or `month` resets at midnight in `time_zone` (IANA, e.g. `Europe/Berlin`;
    a week starts on `week_starts`, Monday by default); `all` never resets. A period is named by the
    local date it starts on (`2026-12-01`), or `all`. Past periods keep their final standings.

    `segment_id` / `tier` limit the standings to users who are, when it is read, members of the segment
    or hold the tier. The standings are filled from the ledger so far at once (a grant made meanwhile
    waits for it), then kept in the transaction of every ledger row or completion.

    Ranking: highest score first; of equal scores, whoever reached the score first ranks higher
    (`reached_at`). Users with the same score reached at the same instant share a rank and the next rank
    is skipped (standard competition ranking, 1-2-2-4), listed by user id.

    422 `validation_error` naming the field (`time_zone`, `period`, `mission_id`...); 422
    `mission_not_found` / `segment_not_found` / `tier_not_found` naming `mission_id`, `segment_id`,
    `tier`.

    Args:
        body (LeaderboardIn): A leaderboard's definition.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | LeaderboardOut
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: LeaderboardIn,
) -> Response[ErrorBody | LeaderboardOut]:
    """Define a leaderboard

     Defines a leaderboard. `kind` `points` ranks points earned in the period: the sum of the
    user's ledger rows in it (every grant, and any compensating entry), never a stored balance;
    `completions` ranks completions of `mission_id` in the period.

    `period` `day`, `week` or `month` resets at midnight in `time_zone` (IANA, e.g. `Europe/Berlin`;
    a week starts on `week_starts`, Monday by default); `all` never resets. A period is named by the
    local date it starts on (`2026-12-01`), or `all`. Past periods keep their final standings.

    `segment_id` / `tier` limit the standings to users who are, when it is read, members of the segment
    or hold the tier. The standings are filled from the ledger so far at once (a grant made meanwhile
    waits for it), then kept in the transaction of every ledger row or completion.

    Ranking: highest score first; of equal scores, whoever reached the score first ranks higher
    (`reached_at`). Users with the same score reached at the same instant share a rank and the next rank
    is skipped (standard competition ranking, 1-2-2-4), listed by user id.

    422 `validation_error` naming the field (`time_zone`, `period`, `mission_id`...); 422
    `mission_not_found` / `segment_not_found` / `tier_not_found` naming `mission_id`, `segment_id`,
    `tier`.

    Args:
        body (LeaderboardIn): A leaderboard's definition.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | LeaderboardOut]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: LeaderboardIn,
) -> ErrorBody | LeaderboardOut | None:
    """Define a leaderboard

     Defines a leaderboard. `kind` `points` ranks points earned in the period: the sum of the
    user's ledger rows in it (every grant, and any compensating entry), never a stored balance;
    `completions` ranks completions of `mission_id` in the period.

    `period` `day`, `week` or `month` resets at midnight in `time_zone` (IANA, e.g. `Europe/Berlin`;
    a week starts on `week_starts`, Monday by default); `all` never resets. A period is named by the
    local date it starts on (`2026-12-01`), or `all`. Past periods keep their final standings.

    `segment_id` / `tier` limit the standings to users who are, when it is read, members of the segment
    or hold the tier. The standings are filled from the ledger so far at once (a grant made meanwhile
    waits for it), then kept in the transaction of every ledger row or completion.

    Ranking: highest score first; of equal scores, whoever reached the score first ranks higher
    (`reached_at`). Users with the same score reached at the same instant share a rank and the next rank
    is skipped (standard competition ranking, 1-2-2-4), listed by user id.

    422 `validation_error` naming the field (`time_zone`, `period`, `mission_id`...); 422
    `mission_not_found` / `segment_not_found` / `tier_not_found` naming `mission_id`, `segment_id`,
    `tier`.

    Args:
        body (LeaderboardIn): A leaderboard's definition.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | LeaderboardOut
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed

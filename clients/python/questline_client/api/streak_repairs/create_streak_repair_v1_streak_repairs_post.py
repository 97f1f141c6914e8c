from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.streak_repair_in import StreakRepairIn
from ...models.streak_repair_out import StreakRepairOut
from typing import cast


def _get_kwargs(
    *,
    body: StreakRepairIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/streak-repairs",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | StreakRepairOut | None:
    if response.status_code == 202:
        response_202 = StreakRepairOut.from_dict(response.json())

        return response_202

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
) -> Response[ErrorBody | StreakRepairOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: StreakRepairIn,
) -> Response[ErrorBody | StreakRepairOut]:
    """Create Streak Repair

     Restores streaks an outage broke: for the segment's members (as it is now) or the listed
    users of a mission (or challenge) with a streak goal, every missed period overlapping
    [`from`, `to`) is kept, and a run such periods broke is restored (freezes held are not used).

    Durable and resumable: the job and its users are stored, then worked through in the
    background; follow it at `GET /v1/streak-repairs/{id}` (a job stopped by a restart resumes
    when read). Idempotent per user: a user is repaired once per job. Audited: who asked
    (`requested_by`), why (`reason`), and per user the streak before and after
    (`GET /v1/streak-repairs/{id}/users`).

    422 naming the field: `mission_not_found` or `not_a_streak` (`mission_id`), `segment_not_found`
    (`segment_id`), `invalid_repair` (both or neither of `segment_id` and `user_ids`; a window
    not ending after it starts, longer than 31 days, or ending in the future: `to`).

    Args:
        body (StreakRepairIn): Which users' streaks of which mission to repair, for which outage,
            and why.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | StreakRepairOut]
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
    body: StreakRepairIn,
) -> ErrorBody | StreakRepairOut | None:
    """Create Streak Repair

     Restores streaks an outage broke: for the segment's members (as it is now) or the listed
    users of a mission (or challenge) with a streak goal, every missed period overlapping
    [`from`, `to`) is kept, and a run such periods broke is restored (freezes held are not used).

    Durable and resumable: the job and its users are stored, then worked through in the
    background; follow it at `GET /v1/streak-repairs/{id}` (a job stopped by a restart resumes
    when read). Idempotent per user: a user is repaired once per job. Audited: who asked
    (`requested_by`), why (`reason`), and per user the streak before and after
    (`GET /v1/streak-repairs/{id}/users`).

    422 naming the field: `mission_not_found` or `not_a_streak` (`mission_id`), `segment_not_found`
    (`segment_id`), `invalid_repair` (both or neither of `segment_id` and `user_ids`; a window
    not ending after it starts, longer than 31 days, or ending in the future: `to`).

    Args:
        body (StreakRepairIn): Which users' streaks of which mission to repair, for which outage,
            and why.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | StreakRepairOut
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: StreakRepairIn,
) -> Response[ErrorBody | StreakRepairOut]:
    """Create Streak Repair

     Restores streaks an outage broke: for the segment's members (as it is now) or the listed
    users of a mission (or challenge) with a streak goal, every missed period overlapping
    [`from`, `to`) is kept, and a run such periods broke is restored (freezes held are not used).

    Durable and resumable: the job and its users are stored, then worked through in the
    background; follow it at `GET /v1/streak-repairs/{id}` (a job stopped by a restart resumes
    when read). Idempotent per user: a user is repaired once per job. Audited: who asked
    (`requested_by`), why (`reason`), and per user the streak before and after
    (`GET /v1/streak-repairs/{id}/users`).

    422 naming the field: `mission_not_found` or `not_a_streak` (`mission_id`), `segment_not_found`
    (`segment_id`), `invalid_repair` (both or neither of `segment_id` and `user_ids`; a window
    not ending after it starts, longer than 31 days, or ending in the future: `to`).

    Args:
        body (StreakRepairIn): Which users' streaks of which mission to repair, for which outage,
            and why.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | StreakRepairOut]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: StreakRepairIn,
) -> ErrorBody | StreakRepairOut | None:
    """Create Streak Repair

     Restores streaks an outage broke: for the segment's members (as it is now) or the listed
    users of a mission (or challenge) with a streak goal, every missed period overlapping
    [`from`, `to`) is kept, and a run such periods broke is restored (freezes held are not used).

    Durable and resumable: the job and its users are stored, then worked through in the
    background; follow it at `GET /v1/streak-repairs/{id}` (a job stopped by a restart resumes
    when read). Idempotent per user: a user is repaired once per job. Audited: who asked
    (`requested_by`), why (`reason`), and per user the streak before and after
    (`GET /v1/streak-repairs/{id}/users`).

    422 naming the field: `mission_not_found` or `not_a_streak` (`mission_id`), `segment_not_found`
    (`segment_id`), `invalid_repair` (both or neither of `segment_id` and `user_ids`; a window
    not ending after it starts, longer than 31 days, or ending in the future: `to`).

    Args:
        body (StreakRepairIn): Which users' streaks of which mission to repair, for which outage,
            and why.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | StreakRepairOut
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed

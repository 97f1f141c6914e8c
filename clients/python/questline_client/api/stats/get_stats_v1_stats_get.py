from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.stats_out import StatsOut
from ...types import UNSET, Unset
from typing import cast


def _get_kwargs(
    *,
    mission_id: None | str | Unset = UNSET,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    timezone: str | Unset = "UTC",
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_mission_id: None | str | Unset
    if isinstance(mission_id, Unset):
        json_mission_id = UNSET
    else:
        json_mission_id = mission_id
    params["mission_id"] = json_mission_id

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    else:
        json_to = to
    params["to"] = json_to

    params["timezone"] = timezone

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/stats",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorBody | StatsOut | None:
    if response.status_code == 200:
        response_200 = StatsOut.from_dict(response.json())

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
) -> Response[ErrorBody | StatsOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    mission_id: None | str | Unset = UNSET,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    timezone: str | Unset = "UTC",
) -> Response[ErrorBody | StatsOut]:
    """Statistics: completions and points per day, the funnel, the review queue, social checks

     Statistics of one mission (`mission_id`) or of every mission, aggregated in PostgreSQL.

    **Window.** `from` (inclusive) and `to` (exclusive) are ISO 8601 dates or date-times; a date is
    that whole day in `timezone` (`to=2026-05-31` includes the 31st), a date-time without an offset
    is read in `timezone`. Defaults: `to` = now, `from` = 30 days before `to`. At most
    366 days. Day buckets are calendar days in `timezone` (IANA, default `UTC`); every day of
    the window is listed, zero when nothing happened.

    **Figures.**
    - `completions_per_day`: completions counted (one per completion, every cycle or round of a
      recurring mission), by the day they were counted.
    - `points_per_day`: points granted, summed from the points ledger (not from balances).
    - `funnel` (every journey recorded so far, not bounded by the window; for one mission each
      journey is one user, overall each user-mission pair counts once), each step counting the
      journeys at it or at a later step:
      - `saw`: a journey exists — a read-model row, a submission or a completion. **An
        approximation**: displaying a mission records nothing, so a user counts from their first
        matching event, opt-in, proof, social check, grant or unlock;
      - `opted_in`: the journey recorded an opt-in, or the mission needs none (`opt_in: false`);
      - `progressed`: progress above zero, a submitted proof, a social check asked for, or a completion;
      - `completed`: completed at least once.
    - `review_queue`: the submissions pending now (not bounded by the window), when the oldest was
      submitted and their median age.
    - `social_checks`: journeys whose latest social check was asked for within the window, by the
      goal's platform and the check's outcome (`running`, `passed`, `failed`, `review`). Only the latest
      check of each journey is stored, so earlier attempts of the same journey are not counted.

    422 `validation_error` names `from`, `to` or `timezone` (unreadable, `from` not before `to`, a
    window over 366 days, an unknown zone); 404 `mission_not_found` for an unknown mission.

    Args:
        mission_id (None | str | Unset): One mission; absent: every mission.
        from_ (None | str | Unset): Start (inclusive), ISO date or date-time; default 30 days
            before `to`.
        to (None | str | Unset): End (exclusive; a date includes that day), default now.
        timezone (str | Unset): IANA time zone of the day buckets. Default: 'UTC'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | StatsOut]
    """

    kwargs = _get_kwargs(
        mission_id=mission_id,
        from_=from_,
        to=to,
        timezone=timezone,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    mission_id: None | str | Unset = UNSET,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    timezone: str | Unset = "UTC",
) -> ErrorBody | StatsOut | None:
    """Statistics: completions and points per day, the funnel, the review queue, social checks

     Statistics of one mission (`mission_id`) or of every mission, aggregated in PostgreSQL.

    **Window.** `from` (inclusive) and `to` (exclusive) are ISO 8601 dates or date-times; a date is
    that whole day in `timezone` (`to=2026-05-31` includes the 31st), a date-time without an offset
    is read in `timezone`. Defaults: `to` = now, `from` = 30 days before `to`. At most
    366 days. Day buckets are calendar days in `timezone` (IANA, default `UTC`); every day of
    the window is listed, zero when nothing happened.

    **Figures.**
    - `completions_per_day`: completions counted (one per completion, every cycle or round of a
      recurring mission), by the day they were counted.
    - `points_per_day`: points granted, summed from the points ledger (not from balances).
    - `funnel` (every journey recorded so far, not bounded by the window; for one mission each
      journey is one user, overall each user-mission pair counts once), each step counting the
      journeys at it or at a later step:
      - `saw`: a journey exists — a read-model row, a submission or a completion. **An
        approximation**: displaying a mission records nothing, so a user counts from their first
        matching event, opt-in, proof, social check, grant or unlock;
      - `opted_in`: the journey recorded an opt-in, or the mission needs none (`opt_in: false`);
      - `progressed`: progress above zero, a submitted proof, a social check asked for, or a completion;
      - `completed`: completed at least once.
    - `review_queue`: the submissions pending now (not bounded by the window), when the oldest was
      submitted and their median age.
    - `social_checks`: journeys whose latest social check was asked for within the window, by the
      goal's platform and the check's outcome (`running`, `passed`, `failed`, `review`). Only the latest
      check of each journey is stored, so earlier attempts of the same journey are not counted.

    422 `validation_error` names `from`, `to` or `timezone` (unreadable, `from` not before `to`, a
    window over 366 days, an unknown zone); 404 `mission_not_found` for an unknown mission.

    Args:
        mission_id (None | str | Unset): One mission; absent: every mission.
        from_ (None | str | Unset): Start (inclusive), ISO date or date-time; default 30 days
            before `to`.
        to (None | str | Unset): End (exclusive; a date includes that day), default now.
        timezone (str | Unset): IANA time zone of the day buckets. Default: 'UTC'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | StatsOut
    """

    return sync_detailed(
        client=client,
        mission_id=mission_id,
        from_=from_,
        to=to,
        timezone=timezone,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    mission_id: None | str | Unset = UNSET,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    timezone: str | Unset = "UTC",
) -> Response[ErrorBody | StatsOut]:
    """Statistics: completions and points per day, the funnel, the review queue, social checks

     Statistics of one mission (`mission_id`) or of every mission, aggregated in PostgreSQL.

    **Window.** `from` (inclusive) and `to` (exclusive) are ISO 8601 dates or date-times; a date is
    that whole day in `timezone` (`to=2026-05-31` includes the 31st), a date-time without an offset
    is read in `timezone`. Defaults: `to` = now, `from` = 30 days before `to`. At most
    366 days. Day buckets are calendar days in `timezone` (IANA, default `UTC`); every day of
    the window is listed, zero when nothing happened.

    **Figures.**
    - `completions_per_day`: completions counted (one per completion, every cycle or round of a
      recurring mission), by the day they were counted.
    - `points_per_day`: points granted, summed from the points ledger (not from balances).
    - `funnel` (every journey recorded so far, not bounded by the window; for one mission each
      journey is one user, overall each user-mission pair counts once), each step counting the
      journeys at it or at a later step:
      - `saw`: a journey exists — a read-model row, a submission or a completion. **An
        approximation**: displaying a mission records nothing, so a user counts from their first
        matching event, opt-in, proof, social check, grant or unlock;
      - `opted_in`: the journey recorded an opt-in, or the mission needs none (`opt_in: false`);
      - `progressed`: progress above zero, a submitted proof, a social check asked for, or a completion;
      - `completed`: completed at least once.
    - `review_queue`: the submissions pending now (not bounded by the window), when the oldest was
      submitted and their median age.
    - `social_checks`: journeys whose latest social check was asked for within the window, by the
      goal's platform and the check's outcome (`running`, `passed`, `failed`, `review`). Only the latest
      check of each journey is stored, so earlier attempts of the same journey are not counted.

    422 `validation_error` names `from`, `to` or `timezone` (unreadable, `from` not before `to`, a
    window over 366 days, an unknown zone); 404 `mission_not_found` for an unknown mission.

    Args:
        mission_id (None | str | Unset): One mission; absent: every mission.
        from_ (None | str | Unset): Start (inclusive), ISO date or date-time; default 30 days
            before `to`.
        to (None | str | Unset): End (exclusive; a date includes that day), default now.
        timezone (str | Unset): IANA time zone of the day buckets. Default: 'UTC'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | StatsOut]
    """

    kwargs = _get_kwargs(
        mission_id=mission_id,
        from_=from_,
        to=to,
        timezone=timezone,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    mission_id: None | str | Unset = UNSET,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    timezone: str | Unset = "UTC",
) -> ErrorBody | StatsOut | None:
    """Statistics: completions and points per day, the funnel, the review queue, social checks

     Statistics of one mission (`mission_id`) or of every mission, aggregated in PostgreSQL.

    **Window.** `from` (inclusive) and `to` (exclusive) are ISO 8601 dates or date-times; a date is
    that whole day in `timezone` (`to=2026-05-31` includes the 31st), a date-time without an offset
    is read in `timezone`. Defaults: `to` = now, `from` = 30 days before `to`. At most
    366 days. Day buckets are calendar days in `timezone` (IANA, default `UTC`); every day of
    the window is listed, zero when nothing happened.

    **Figures.**
    - `completions_per_day`: completions counted (one per completion, every cycle or round of a
      recurring mission), by the day they were counted.
    - `points_per_day`: points granted, summed from the points ledger (not from balances).
    - `funnel` (every journey recorded so far, not bounded by the window; for one mission each
      journey is one user, overall each user-mission pair counts once), each step counting the
      journeys at it or at a later step:
      - `saw`: a journey exists — a read-model row, a submission or a completion. **An
        approximation**: displaying a mission records nothing, so a user counts from their first
        matching event, opt-in, proof, social check, grant or unlock;
      - `opted_in`: the journey recorded an opt-in, or the mission needs none (`opt_in: false`);
      - `progressed`: progress above zero, a submitted proof, a social check asked for, or a completion;
      - `completed`: completed at least once.
    - `review_queue`: the submissions pending now (not bounded by the window), when the oldest was
      submitted and their median age.
    - `social_checks`: journeys whose latest social check was asked for within the window, by the
      goal's platform and the check's outcome (`running`, `passed`, `failed`, `review`). Only the latest
      check of each journey is stored, so earlier attempts of the same journey are not counted.

    422 `validation_error` names `from`, `to` or `timezone` (unreadable, `from` not before `to`, a
    window over 366 days, an unknown zone); 404 `mission_not_found` for an unknown mission.

    Args:
        mission_id (None | str | Unset): One mission; absent: every mission.
        from_ (None | str | Unset): Start (inclusive), ISO date or date-time; default 30 days
            before `to`.
        to (None | str | Unset): End (exclusive; a date includes that day), default now.
        timezone (str | Unset): IANA time zone of the day buckets. Default: 'UTC'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | StatsOut
    """

    return (
        await asyncio_detailed(
            client=client,
            mission_id=mission_id,
            from_=from_,
            to=to,
            timezone=timezone,
        )
    ).parsed

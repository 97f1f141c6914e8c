from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.backtest_in import BacktestIn
from ...models.backtest_out import BacktestOut
from ...models.error_body import ErrorBody
from typing import cast


def _get_kwargs(
    mission_id: str,
    *,
    body: BacktestIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/missions/{mission_id}/backtest".format(
            mission_id=quote(str(mission_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BacktestOut | ErrorBody | None:
    if response.status_code == 202:
        response_202 = BacktestOut.from_dict(response.json())

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

    if response.status_code == 404:
        response_404 = ErrorBody.from_dict(response.json())

        return response_404

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
) -> Response[BacktestOut | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    mission_id: str,
    *,
    client: AuthenticatedClient,
    body: BacktestIn,
) -> Response[BacktestOut | ErrorBody]:
    """Backtest a mission over a window of the event log

     Replays the logged events of `[from, to)` (by the time Questline received them) through the
    mission's rules (`domain.journey`, what journeys run) as if the mission — a draft, or any
    `revision` — had been active from `from`, in the background: a durable job that resumes after
    a crash. Follow it with `GET /v1/backtests/{id}`.

    Only event goals can be replayed (422 `not_backtestable`). `segments` limits the replay to users
    in one of them (422 `segment_not_found` naming `segments[i]`). 422 `validation_error` when `to`
    is not after `from`; 404 `mission_not_found` / `revision_not_found`.

    What the log cannot tell is assumed, and listed in the result's `assumptions`: an opt-in mission
    is opted into at the first event that would count; a locked or featured mission is unlocked
    (granted) for everyone at `from`; eligibility reads users' current tiers and segments.

    Args:
        mission_id (str):
        body (BacktestIn): The body of `POST /v1/missions/{id}/backtest`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BacktestOut | ErrorBody]
    """

    kwargs = _get_kwargs(
        mission_id=mission_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    mission_id: str,
    *,
    client: AuthenticatedClient,
    body: BacktestIn,
) -> BacktestOut | ErrorBody | None:
    """Backtest a mission over a window of the event log

     Replays the logged events of `[from, to)` (by the time Questline received them) through the
    mission's rules (`domain.journey`, what journeys run) as if the mission — a draft, or any
    `revision` — had been active from `from`, in the background: a durable job that resumes after
    a crash. Follow it with `GET /v1/backtests/{id}`.

    Only event goals can be replayed (422 `not_backtestable`). `segments` limits the replay to users
    in one of them (422 `segment_not_found` naming `segments[i]`). 422 `validation_error` when `to`
    is not after `from`; 404 `mission_not_found` / `revision_not_found`.

    What the log cannot tell is assumed, and listed in the result's `assumptions`: an opt-in mission
    is opted into at the first event that would count; a locked or featured mission is unlocked
    (granted) for everyone at `from`; eligibility reads users' current tiers and segments.

    Args:
        mission_id (str):
        body (BacktestIn): The body of `POST /v1/missions/{id}/backtest`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BacktestOut | ErrorBody
    """

    return sync_detailed(
        mission_id=mission_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    mission_id: str,
    *,
    client: AuthenticatedClient,
    body: BacktestIn,
) -> Response[BacktestOut | ErrorBody]:
    """Backtest a mission over a window of the event log

     Replays the logged events of `[from, to)` (by the time Questline received them) through the
    mission's rules (`domain.journey`, what journeys run) as if the mission — a draft, or any
    `revision` — had been active from `from`, in the background: a durable job that resumes after
    a crash. Follow it with `GET /v1/backtests/{id}`.

    Only event goals can be replayed (422 `not_backtestable`). `segments` limits the replay to users
    in one of them (422 `segment_not_found` naming `segments[i]`). 422 `validation_error` when `to`
    is not after `from`; 404 `mission_not_found` / `revision_not_found`.

    What the log cannot tell is assumed, and listed in the result's `assumptions`: an opt-in mission
    is opted into at the first event that would count; a locked or featured mission is unlocked
    (granted) for everyone at `from`; eligibility reads users' current tiers and segments.

    Args:
        mission_id (str):
        body (BacktestIn): The body of `POST /v1/missions/{id}/backtest`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BacktestOut | ErrorBody]
    """

    kwargs = _get_kwargs(
        mission_id=mission_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    mission_id: str,
    *,
    client: AuthenticatedClient,
    body: BacktestIn,
) -> BacktestOut | ErrorBody | None:
    """Backtest a mission over a window of the event log

     Replays the logged events of `[from, to)` (by the time Questline received them) through the
    mission's rules (`domain.journey`, what journeys run) as if the mission — a draft, or any
    `revision` — had been active from `from`, in the background: a durable job that resumes after
    a crash. Follow it with `GET /v1/backtests/{id}`.

    Only event goals can be replayed (422 `not_backtestable`). `segments` limits the replay to users
    in one of them (422 `segment_not_found` naming `segments[i]`). 422 `validation_error` when `to`
    is not after `from`; 404 `mission_not_found` / `revision_not_found`.

    What the log cannot tell is assumed, and listed in the result's `assumptions`: an opt-in mission
    is opted into at the first event that would count; a locked or featured mission is unlocked
    (granted) for everyone at `from`; eligibility reads users' current tiers and segments.

    Args:
        mission_id (str):
        body (BacktestIn): The body of `POST /v1/missions/{id}/backtest`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BacktestOut | ErrorBody
    """

    return (
        await asyncio_detailed(
            mission_id=mission_id,
            client=client,
            body=body,
        )
    ).parsed

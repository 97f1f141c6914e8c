from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.lint_report import LintReport
from ...models.mission_spec import MissionSpec
from ...types import UNSET, Unset
from typing import cast


def _get_kwargs(
    *,
    body: MissionSpec | Unset = UNSET,
    mission_id: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    json_mission_id: None | str | Unset
    if isinstance(mission_id, Unset):
        json_mission_id = UNSET
    else:
        json_mission_id = mission_id
    params["mission_id"] = json_mission_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/missions/lint",
        "params": params,
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorBody | LintReport | None:
    if response.status_code == 200:
        response_200 = LintReport.from_dict(response.json())

        return response_200

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
) -> Response[ErrorBody | LintReport]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: MissionSpec | Unset = UNSET,
    mission_id: None | str | Unset = UNSET,
) -> Response[ErrorBody | LintReport]:
    """Lint a mission spec, or the live catalogue

     Lints a mission spec (the body `POST /v1/missions` takes) as if it were activated
    now, among the live catalogue; with no body (or `null`), lints every active mission. Nothing is
    stored. With `mission_id`, the spec is a version of that stored mission (the console's edit form):
    its own entry in the catalogue is replaced, so prerequisite cycles through it and its place among
    other missions' amount ranges are found.

    Errors (an activation refuses them with 422 `lint_failed` unless `{"force": true}`):
    `unlock_cycle`, `prerequisite_missing`, `tier_not_found`, `segment_not_found`,
    `no_cycle_before_end` (a recurring mission whose `end_at` comes before its first reset),
    `streak_exceeds_window` (more periods than the window, `time_to_complete` or a cycle spans),
    `budget_below_reward` (a points cap below one reward), `social_check_cadence` (the time a user
    has is shorter than the social check's initial delay).

    Warnings: `prerequisite_draft`, `prerequisite_archived`, `end_in_past`,
    `time_to_complete_exceeds_window`, `time_to_complete_exceeds_cycle`, `amount_ranges_overlap` (two
    live missions' `amount_min`..`amount_max` ranges on one event type and tag filter overlap: one
    event pays both), `amount_ranges_gap` (values between them pay nothing), `event_type_unused` (no
    event of the type arrived in the last 30 days: a typo?), `reset_in_dst_gap` (a calendar reset's
    local midnight does not exist in the time zone on a DST change), `social_check_cadence` (shorter
    than one check with its retries).

    Args:
        mission_id (None | str | Unset): The stored mission the spec is a version of
        body (MissionSpec | Unset): Everything an operator defines about a mission (the body of
            `POST /v1/missions`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | LintReport]
    """

    kwargs = _get_kwargs(
        body=body,
        mission_id=mission_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: MissionSpec | Unset = UNSET,
    mission_id: None | str | Unset = UNSET,
) -> ErrorBody | LintReport | None:
    """Lint a mission spec, or the live catalogue

     Lints a mission spec (the body `POST /v1/missions` takes) as if it were activated
    now, among the live catalogue; with no body (or `null`), lints every active mission. Nothing is
    stored. With `mission_id`, the spec is a version of that stored mission (the console's edit form):
    its own entry in the catalogue is replaced, so prerequisite cycles through it and its place among
    other missions' amount ranges are found.

    Errors (an activation refuses them with 422 `lint_failed` unless `{"force": true}`):
    `unlock_cycle`, `prerequisite_missing`, `tier_not_found`, `segment_not_found`,
    `no_cycle_before_end` (a recurring mission whose `end_at` comes before its first reset),
    `streak_exceeds_window` (more periods than the window, `time_to_complete` or a cycle spans),
    `budget_below_reward` (a points cap below one reward), `social_check_cadence` (the time a user
    has is shorter than the social check's initial delay).

    Warnings: `prerequisite_draft`, `prerequisite_archived`, `end_in_past`,
    `time_to_complete_exceeds_window`, `time_to_complete_exceeds_cycle`, `amount_ranges_overlap` (two
    live missions' `amount_min`..`amount_max` ranges on one event type and tag filter overlap: one
    event pays both), `amount_ranges_gap` (values between them pay nothing), `event_type_unused` (no
    event of the type arrived in the last 30 days: a typo?), `reset_in_dst_gap` (a calendar reset's
    local midnight does not exist in the time zone on a DST change), `social_check_cadence` (shorter
    than one check with its retries).

    Args:
        mission_id (None | str | Unset): The stored mission the spec is a version of
        body (MissionSpec | Unset): Everything an operator defines about a mission (the body of
            `POST /v1/missions`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | LintReport
    """

    return sync_detailed(
        client=client,
        body=body,
        mission_id=mission_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: MissionSpec | Unset = UNSET,
    mission_id: None | str | Unset = UNSET,
) -> Response[ErrorBody | LintReport]:
    """Lint a mission spec, or the live catalogue

     Lints a mission spec (the body `POST /v1/missions` takes) as if it were activated
    now, among the live catalogue; with no body (or `null`), lints every active mission. Nothing is
    stored. With `mission_id`, the spec is a version of that stored mission (the console's edit form):
    its own entry in the catalogue is replaced, so prerequisite cycles through it and its place among
    other missions' amount ranges are found.

    Errors (an activation refuses them with 422 `lint_failed` unless `{"force": true}`):
    `unlock_cycle`, `prerequisite_missing`, `tier_not_found`, `segment_not_found`,
    `no_cycle_before_end` (a recurring mission whose `end_at` comes before its first reset),
    `streak_exceeds_window` (more periods than the window, `time_to_complete` or a cycle spans),
    `budget_below_reward` (a points cap below one reward), `social_check_cadence` (the time a user
    has is shorter than the social check's initial delay).

    Warnings: `prerequisite_draft`, `prerequisite_archived`, `end_in_past`,
    `time_to_complete_exceeds_window`, `time_to_complete_exceeds_cycle`, `amount_ranges_overlap` (two
    live missions' `amount_min`..`amount_max` ranges on one event type and tag filter overlap: one
    event pays both), `amount_ranges_gap` (values between them pay nothing), `event_type_unused` (no
    event of the type arrived in the last 30 days: a typo?), `reset_in_dst_gap` (a calendar reset's
    local midnight does not exist in the time zone on a DST change), `social_check_cadence` (shorter
    than one check with its retries).

    Args:
        mission_id (None | str | Unset): The stored mission the spec is a version of
        body (MissionSpec | Unset): Everything an operator defines about a mission (the body of
            `POST /v1/missions`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | LintReport]
    """

    kwargs = _get_kwargs(
        body=body,
        mission_id=mission_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: MissionSpec | Unset = UNSET,
    mission_id: None | str | Unset = UNSET,
) -> ErrorBody | LintReport | None:
    """Lint a mission spec, or the live catalogue

     Lints a mission spec (the body `POST /v1/missions` takes) as if it were activated
    now, among the live catalogue; with no body (or `null`), lints every active mission. Nothing is
    stored. With `mission_id`, the spec is a version of that stored mission (the console's edit form):
    its own entry in the catalogue is replaced, so prerequisite cycles through it and its place among
    other missions' amount ranges are found.

    Errors (an activation refuses them with 422 `lint_failed` unless `{"force": true}`):
    `unlock_cycle`, `prerequisite_missing`, `tier_not_found`, `segment_not_found`,
    `no_cycle_before_end` (a recurring mission whose `end_at` comes before its first reset),
    `streak_exceeds_window` (more periods than the window, `time_to_complete` or a cycle spans),
    `budget_below_reward` (a points cap below one reward), `social_check_cadence` (the time a user
    has is shorter than the social check's initial delay).

    Warnings: `prerequisite_draft`, `prerequisite_archived`, `end_in_past`,
    `time_to_complete_exceeds_window`, `time_to_complete_exceeds_cycle`, `amount_ranges_overlap` (two
    live missions' `amount_min`..`amount_max` ranges on one event type and tag filter overlap: one
    event pays both), `amount_ranges_gap` (values between them pay nothing), `event_type_unused` (no
    event of the type arrived in the last 30 days: a typo?), `reset_in_dst_gap` (a calendar reset's
    local midnight does not exist in the time zone on a DST change), `social_check_cadence` (shorter
    than one check with its retries).

    Args:
        mission_id (None | str | Unset): The stored mission the spec is a version of
        body (MissionSpec | Unset): Everything an operator defines about a mission (the body of
            `POST /v1/missions`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | LintReport
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            mission_id=mission_id,
        )
    ).parsed

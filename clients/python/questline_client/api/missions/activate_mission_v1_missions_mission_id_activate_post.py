from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.activate_in import ActivateIn
from ...models.activated_mission import ActivatedMission
from ...models.error_body import ErrorBody
from ...types import UNSET, Unset
from typing import cast


def _get_kwargs(
    mission_id: str,
    *,
    body: ActivateIn | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/missions/{mission_id}/activate".format(
            mission_id=quote(str(mission_id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ActivatedMission | ErrorBody | None:
    if response.status_code == 200:
        response_200 = ActivatedMission.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = ErrorBody.from_dict(response.json())

        return response_409

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
) -> Response[ActivatedMission | ErrorBody]:
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
    body: ActivateIn | Unset = UNSET,
) -> Response[ActivatedMission | ErrorBody]:
    """Activate Mission

     draft → active: users can see it and their events count from now on.

    A featured mission with a `trigger` is granted to the trigger segment's current members too,
    by a durable job started with the activation (`grant_job_id`); later entrants get it on entry.
    A locked mission is unlocked for every user who already completed all its `after_missions` or
    has its `min_tier`, by a durable job too (`unlock_job_id`); later causes unlock it as they happen.
    A social goal its platform cannot verify is refused (422 `not_supported`, or
    `invalid_social_target` naming `goal.target`).

    The mission is linted first (`POST /v1/missions/lint`): a lint error refuses the activation
    (422 `lint_failed`, every finding in `details`) unless the body says `{"force": true}`; the
    findings that did not block it are returned in `lint_warnings` (absent when there are none).

    Args:
        mission_id (str):
        body (ActivateIn | Unset): Options of an activation (the body is optional: none, `{}` or
            `null` activate with the defaults).

            Fields may be added (each optional, with a default that keeps today's behaviour).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActivatedMission | ErrorBody]
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
    body: ActivateIn | Unset = UNSET,
) -> ActivatedMission | ErrorBody | None:
    """Activate Mission

     draft → active: users can see it and their events count from now on.

    A featured mission with a `trigger` is granted to the trigger segment's current members too,
    by a durable job started with the activation (`grant_job_id`); later entrants get it on entry.
    A locked mission is unlocked for every user who already completed all its `after_missions` or
    has its `min_tier`, by a durable job too (`unlock_job_id`); later causes unlock it as they happen.
    A social goal its platform cannot verify is refused (422 `not_supported`, or
    `invalid_social_target` naming `goal.target`).

    The mission is linted first (`POST /v1/missions/lint`): a lint error refuses the activation
    (422 `lint_failed`, every finding in `details`) unless the body says `{"force": true}`; the
    findings that did not block it are returned in `lint_warnings` (absent when there are none).

    Args:
        mission_id (str):
        body (ActivateIn | Unset): Options of an activation (the body is optional: none, `{}` or
            `null` activate with the defaults).

            Fields may be added (each optional, with a default that keeps today's behaviour).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActivatedMission | ErrorBody
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
    body: ActivateIn | Unset = UNSET,
) -> Response[ActivatedMission | ErrorBody]:
    """Activate Mission

     draft → active: users can see it and their events count from now on.

    A featured mission with a `trigger` is granted to the trigger segment's current members too,
    by a durable job started with the activation (`grant_job_id`); later entrants get it on entry.
    A locked mission is unlocked for every user who already completed all its `after_missions` or
    has its `min_tier`, by a durable job too (`unlock_job_id`); later causes unlock it as they happen.
    A social goal its platform cannot verify is refused (422 `not_supported`, or
    `invalid_social_target` naming `goal.target`).

    The mission is linted first (`POST /v1/missions/lint`): a lint error refuses the activation
    (422 `lint_failed`, every finding in `details`) unless the body says `{"force": true}`; the
    findings that did not block it are returned in `lint_warnings` (absent when there are none).

    Args:
        mission_id (str):
        body (ActivateIn | Unset): Options of an activation (the body is optional: none, `{}` or
            `null` activate with the defaults).

            Fields may be added (each optional, with a default that keeps today's behaviour).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActivatedMission | ErrorBody]
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
    body: ActivateIn | Unset = UNSET,
) -> ActivatedMission | ErrorBody | None:
    """Activate Mission

     draft → active: users can see it and their events count from now on.

    A featured mission with a `trigger` is granted to the trigger segment's current members too,
    by a durable job started with the activation (`grant_job_id`); later entrants get it on entry.
    A locked mission is unlocked for every user who already completed all its `after_missions` or
    has its `min_tier`, by a durable job too (`unlock_job_id`); later causes unlock it as they happen.
    A social goal its platform cannot verify is refused (422 `not_supported`, or
    `invalid_social_target` naming `goal.target`).

    The mission is linted first (`POST /v1/missions/lint`): a lint error refuses the activation
    (422 `lint_failed`, every finding in `details`) unless the body says `{"force": true}`; the
    findings that did not block it are returned in `lint_warnings` (absent when there are none).

    Args:
        mission_id (str):
        body (ActivateIn | Unset): Options of an activation (the body is optional: none, `{}` or
            `null` activate with the defaults).

            Fields may be added (each optional, with a default that keeps today's behaviour).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActivatedMission | ErrorBody
    """

    return (
        await asyncio_detailed(
            mission_id=mission_id,
            client=client,
            body=body,
        )
    ).parsed

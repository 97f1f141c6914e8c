from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.mission_out import MissionOut
from typing import cast


def _get_kwargs(
    mission_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/missions/{mission_id}/pause".format(
            mission_id=quote(str(mission_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorBody | MissionOut | None:
    if response.status_code == 200:
        response_200 = MissionOut.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = ErrorBody.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = ErrorBody.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorBody | MissionOut]:
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
) -> Response[ErrorBody | MissionOut]:
    """Pause Mission

     active → paused (409 `invalid_transition` otherwise): the mission is hidden from users (their lists,
    views and the widget: 404 in detail) and its events count for nobody: an event received while it is
    paused is never routed to its journeys, and does not count after it resumes either (an explanation
    says `mission_paused`). Journeys are not closed: each keeps its progress, which resuming restores as
    it was. Admins see `status` `paused` and `paused_at`. Deadlines keep running while a mission is
    paused: `end_at`, each journey's `time_to_complete` and a recurring mission's cycles go on as if it
    were active, so a journey can run out of time during a pause.

    Args:
        mission_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | MissionOut]
    """

    kwargs = _get_kwargs(
        mission_id=mission_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    mission_id: str,
    *,
    client: AuthenticatedClient,
) -> ErrorBody | MissionOut | None:
    """Pause Mission

     active → paused (409 `invalid_transition` otherwise): the mission is hidden from users (their lists,
    views and the widget: 404 in detail) and its events count for nobody: an event received while it is
    paused is never routed to its journeys, and does not count after it resumes either (an explanation
    says `mission_paused`). Journeys are not closed: each keeps its progress, which resuming restores as
    it was. Admins see `status` `paused` and `paused_at`. Deadlines keep running while a mission is
    paused: `end_at`, each journey's `time_to_complete` and a recurring mission's cycles go on as if it
    were active, so a journey can run out of time during a pause.

    Args:
        mission_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | MissionOut
    """

    return sync_detailed(
        mission_id=mission_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    mission_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorBody | MissionOut]:
    """Pause Mission

     active → paused (409 `invalid_transition` otherwise): the mission is hidden from users (their lists,
    views and the widget: 404 in detail) and its events count for nobody: an event received while it is
    paused is never routed to its journeys, and does not count after it resumes either (an explanation
    says `mission_paused`). Journeys are not closed: each keeps its progress, which resuming restores as
    it was. Admins see `status` `paused` and `paused_at`. Deadlines keep running while a mission is
    paused: `end_at`, each journey's `time_to_complete` and a recurring mission's cycles go on as if it
    were active, so a journey can run out of time during a pause.

    Args:
        mission_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | MissionOut]
    """

    kwargs = _get_kwargs(
        mission_id=mission_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    mission_id: str,
    *,
    client: AuthenticatedClient,
) -> ErrorBody | MissionOut | None:
    """Pause Mission

     active → paused (409 `invalid_transition` otherwise): the mission is hidden from users (their lists,
    views and the widget: 404 in detail) and its events count for nobody: an event received while it is
    paused is never routed to its journeys, and does not count after it resumes either (an explanation
    says `mission_paused`). Journeys are not closed: each keeps its progress, which resuming restores as
    it was. Admins see `status` `paused` and `paused_at`. Deadlines keep running while a mission is
    paused: `end_at`, each journey's `time_to_complete` and a recurring mission's cycles go on as if it
    were active, so a journey can run out of time during a pause.

    Args:
        mission_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | MissionOut
    """

    return (
        await asyncio_detailed(
            mission_id=mission_id,
            client=client,
        )
    ).parsed

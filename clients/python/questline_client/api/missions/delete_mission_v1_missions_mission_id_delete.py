from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.mission_deletion import MissionDeletion
from ...types import UNSET, Unset
from typing import cast


def _get_kwargs(
    mission_id: str,
    *,
    confirm: None | str | Unset = UNSET,
    requested_by: str | Unset = "admin",
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_confirm: None | str | Unset
    if isinstance(confirm, Unset):
        json_confirm = UNSET
    else:
        json_confirm = confirm
    params["confirm"] = json_confirm

    params["requested_by"] = requested_by

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v1/missions/{mission_id}".format(
            mission_id=quote(str(mission_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ErrorBody | MissionDeletion | None:
    if response.status_code == 200:
        response_200 = MissionDeletion.from_dict(response.json())

        return response_200

    if response.status_code == 202:
        response_202 = MissionDeletion.from_dict(response.json())

        return response_202

    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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
) -> Response[Any | ErrorBody | MissionDeletion]:
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
    confirm: None | str | Unset = UNSET,
    requested_by: str | Unset = "admin",
) -> Response[Any | ErrorBody | MissionDeletion]:
    """Delete Mission

     Deletes a mission. A draft is deleted outright (204). An active, paused or archived mission
    needs `?confirm=<its id>` (409 `confirmation_required` without it, 422 `confirmation_mismatch`
    naming `confirm` when it names another) and then "removes all submissions and points awarded":
    it leaves the list and users' views at once, its journeys are closed, every point it awarded is
    taken back with compensating ledger entries (the ledger stays append-only; items and direct
    rewards are not taken back), its submissions and their uploaded proofs are removed, and the
    deletion is recorded (`GET /v1/missions/{id}/deletion`). 200 with that record once done; 202
    while journeys are still closing: sending the DELETE again (with `confirm`) resumes the job
    where it stopped, and never takes points back twice.

    Args:
        mission_id (str):
        confirm (None | str | Unset): The mission's id: needed to delete an active, paused or
            archived mission
        requested_by (str | Unset): Who asks, kept in the deletion's record Default: 'admin'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorBody | MissionDeletion]
    """

    kwargs = _get_kwargs(
        mission_id=mission_id,
        confirm=confirm,
        requested_by=requested_by,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    mission_id: str,
    *,
    client: AuthenticatedClient,
    confirm: None | str | Unset = UNSET,
    requested_by: str | Unset = "admin",
) -> Any | ErrorBody | MissionDeletion | None:
    """Delete Mission

     Deletes a mission. A draft is deleted outright (204). An active, paused or archived mission
    needs `?confirm=<its id>` (409 `confirmation_required` without it, 422 `confirmation_mismatch`
    naming `confirm` when it names another) and then "removes all submissions and points awarded":
    it leaves the list and users' views at once, its journeys are closed, every point it awarded is
    taken back with compensating ledger entries (the ledger stays append-only; items and direct
    rewards are not taken back), its submissions and their uploaded proofs are removed, and the
    deletion is recorded (`GET /v1/missions/{id}/deletion`). 200 with that record once done; 202
    while journeys are still closing: sending the DELETE again (with `confirm`) resumes the job
    where it stopped, and never takes points back twice.

    Args:
        mission_id (str):
        confirm (None | str | Unset): The mission's id: needed to delete an active, paused or
            archived mission
        requested_by (str | Unset): Who asks, kept in the deletion's record Default: 'admin'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorBody | MissionDeletion
    """

    return sync_detailed(
        mission_id=mission_id,
        client=client,
        confirm=confirm,
        requested_by=requested_by,
    ).parsed


async def asyncio_detailed(
    mission_id: str,
    *,
    client: AuthenticatedClient,
    confirm: None | str | Unset = UNSET,
    requested_by: str | Unset = "admin",
) -> Response[Any | ErrorBody | MissionDeletion]:
    """Delete Mission

     Deletes a mission. A draft is deleted outright (204). An active, paused or archived mission
    needs `?confirm=<its id>` (409 `confirmation_required` without it, 422 `confirmation_mismatch`
    naming `confirm` when it names another) and then "removes all submissions and points awarded":
    it leaves the list and users' views at once, its journeys are closed, every point it awarded is
    taken back with compensating ledger entries (the ledger stays append-only; items and direct
    rewards are not taken back), its submissions and their uploaded proofs are removed, and the
    deletion is recorded (`GET /v1/missions/{id}/deletion`). 200 with that record once done; 202
    while journeys are still closing: sending the DELETE again (with `confirm`) resumes the job
    where it stopped, and never takes points back twice.

    Args:
        mission_id (str):
        confirm (None | str | Unset): The mission's id: needed to delete an active, paused or
            archived mission
        requested_by (str | Unset): Who asks, kept in the deletion's record Default: 'admin'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorBody | MissionDeletion]
    """

    kwargs = _get_kwargs(
        mission_id=mission_id,
        confirm=confirm,
        requested_by=requested_by,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    mission_id: str,
    *,
    client: AuthenticatedClient,
    confirm: None | str | Unset = UNSET,
    requested_by: str | Unset = "admin",
) -> Any | ErrorBody | MissionDeletion | None:
    """Delete Mission

     Deletes a mission. A draft is deleted outright (204). An active, paused or archived mission
    needs `?confirm=<its id>` (409 `confirmation_required` without it, 422 `confirmation_mismatch`
    naming `confirm` when it names another) and then "removes all submissions and points awarded":
    it leaves the list and users' views at once, its journeys are closed, every point it awarded is
    taken back with compensating ledger entries (the ledger stays append-only; items and direct
    rewards are not taken back), its submissions and their uploaded proofs are removed, and the
    deletion is recorded (`GET /v1/missions/{id}/deletion`). 200 with that record once done; 202
    while journeys are still closing: sending the DELETE again (with `confirm`) resumes the job
    where it stopped, and never takes points back twice.

    Args:
        mission_id (str):
        confirm (None | str | Unset): The mission's id: needed to delete an active, paused or
            archived mission
        requested_by (str | Unset): Who asks, kept in the deletion's record Default: 'admin'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorBody | MissionDeletion
    """

    return (
        await asyncio_detailed(
            mission_id=mission_id,
            client=client,
            confirm=confirm,
            requested_by=requested_by,
        )
    ).parsed

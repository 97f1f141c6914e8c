from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.streak_repair_out import StreakRepairOut
from typing import cast


def _get_kwargs(
    repair_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/streak-repairs/{repair_id}".format(
            repair_id=quote(str(repair_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | StreakRepairOut | None:
    if response.status_code == 200:
        response_200 = StreakRepairOut.from_dict(response.json())

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
) -> Response[ErrorBody | StreakRepairOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    repair_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorBody | StreakRepairOut]:
    """Get Streak Repair

     A repair job and its progress: `total` users, `done` so far, `counts` per outcome, `status`
    `completed` once every user is handled (404 `streak_repair_not_found`).

    Args:
        repair_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | StreakRepairOut]
    """

    kwargs = _get_kwargs(
        repair_id=repair_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    repair_id: str,
    *,
    client: AuthenticatedClient,
) -> ErrorBody | StreakRepairOut | None:
    """Get Streak Repair

     A repair job and its progress: `total` users, `done` so far, `counts` per outcome, `status`
    `completed` once every user is handled (404 `streak_repair_not_found`).

    Args:
        repair_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | StreakRepairOut
    """

    return sync_detailed(
        repair_id=repair_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    repair_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorBody | StreakRepairOut]:
    """Get Streak Repair

     A repair job and its progress: `total` users, `done` so far, `counts` per outcome, `status`
    `completed` once every user is handled (404 `streak_repair_not_found`).

    Args:
        repair_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | StreakRepairOut]
    """

    kwargs = _get_kwargs(
        repair_id=repair_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    repair_id: str,
    *,
    client: AuthenticatedClient,
) -> ErrorBody | StreakRepairOut | None:
    """Get Streak Repair

     A repair job and its progress: `total` users, `done` so far, `counts` per outcome, `status`
    `completed` once every user is handled (404 `streak_repair_not_found`).

    Args:
        repair_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | StreakRepairOut
    """

    return (
        await asyncio_detailed(
            repair_id=repair_id,
            client=client,
        )
    ).parsed

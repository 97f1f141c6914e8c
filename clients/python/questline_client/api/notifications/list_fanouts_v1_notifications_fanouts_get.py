from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.fanout_list import FanoutList
from ...types import UNSET, Unset
from typing import cast


def _get_kwargs(
    *,
    mission_id: None | str | Unset = UNSET,
    limit: int | Unset = 100,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_mission_id: None | str | Unset
    if isinstance(mission_id, Unset):
        json_mission_id = UNSET
    else:
        json_mission_id = mission_id
    params["mission_id"] = json_mission_id

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/notifications/fanouts",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorBody | FanoutList | None:
    if response.status_code == 200:
        response_200 = FanoutList.from_dict(response.json())

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
) -> Response[ErrorBody | FanoutList]:
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
    limit: int | Unset = 100,
) -> Response[ErrorBody | FanoutList]:
    """Notifications sent to many users in the background

     Fan-outs newest first: a generally available or recurring mission's activation (`launch`,
    `mission_created` to every known user who can see it) and Send Updates to all of a mission's
    users (`update`), each worked through page by page in user id order, with its progress.

    Args:
        mission_id (None | str | Unset):
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | FanoutList]
    """

    kwargs = _get_kwargs(
        mission_id=mission_id,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    mission_id: None | str | Unset = UNSET,
    limit: int | Unset = 100,
) -> ErrorBody | FanoutList | None:
    """Notifications sent to many users in the background

     Fan-outs newest first: a generally available or recurring mission's activation (`launch`,
    `mission_created` to every known user who can see it) and Send Updates to all of a mission's
    users (`update`), each worked through page by page in user id order, with its progress.

    Args:
        mission_id (None | str | Unset):
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | FanoutList
    """

    return sync_detailed(
        client=client,
        mission_id=mission_id,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    mission_id: None | str | Unset = UNSET,
    limit: int | Unset = 100,
) -> Response[ErrorBody | FanoutList]:
    """Notifications sent to many users in the background

     Fan-outs newest first: a generally available or recurring mission's activation (`launch`,
    `mission_created` to every known user who can see it) and Send Updates to all of a mission's
    users (`update`), each worked through page by page in user id order, with its progress.

    Args:
        mission_id (None | str | Unset):
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | FanoutList]
    """

    kwargs = _get_kwargs(
        mission_id=mission_id,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    mission_id: None | str | Unset = UNSET,
    limit: int | Unset = 100,
) -> ErrorBody | FanoutList | None:
    """Notifications sent to many users in the background

     Fan-outs newest first: a generally available or recurring mission's activation (`launch`,
    `mission_created` to every known user who can see it) and Send Updates to all of a mission's
    users (`update`), each worked through page by page in user id order, with its progress.

    Args:
        mission_id (None | str | Unset):
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | FanoutList
    """

    return (
        await asyncio_detailed(
            client=client,
            mission_id=mission_id,
            limit=limit,
        )
    ).parsed

from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.streak_repair_users import StreakRepairUsers
from ...types import UNSET, Unset
from typing import cast


def _get_kwargs(
    repair_id: str,
    *,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/streak-repairs/{repair_id}/users".format(
            repair_id=quote(str(repair_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | StreakRepairUsers | None:
    if response.status_code == 200:
        response_200 = StreakRepairUsers.from_dict(response.json())

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
) -> Response[ErrorBody | StreakRepairUsers]:
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
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> Response[ErrorBody | StreakRepairUsers]:
    """Streak Repair Users

     The audit of a job, user by user: `outcome` (`pending`, `repaired`, `unchanged`, `skipped`)
    and the streak `before` and `after` (`streak`, `best`, `freezes`, `freezes_used`).

    Args:
        repair_id (str):
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | StreakRepairUsers]
    """

    kwargs = _get_kwargs(
        repair_id=repair_id,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    repair_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> ErrorBody | StreakRepairUsers | None:
    """Streak Repair Users

     The audit of a job, user by user: `outcome` (`pending`, `repaired`, `unchanged`, `skipped`)
    and the streak `before` and `after` (`streak`, `best`, `freezes`, `freezes_used`).

    Args:
        repair_id (str):
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | StreakRepairUsers
    """

    return sync_detailed(
        repair_id=repair_id,
        client=client,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    repair_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> Response[ErrorBody | StreakRepairUsers]:
    """Streak Repair Users

     The audit of a job, user by user: `outcome` (`pending`, `repaired`, `unchanged`, `skipped`)
    and the streak `before` and `after` (`streak`, `best`, `freezes`, `freezes_used`).

    Args:
        repair_id (str):
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | StreakRepairUsers]
    """

    kwargs = _get_kwargs(
        repair_id=repair_id,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    repair_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> ErrorBody | StreakRepairUsers | None:
    """Streak Repair Users

     The audit of a job, user by user: `outcome` (`pending`, `repaired`, `unchanged`, `skipped`)
    and the streak `before` and `after` (`streak`, `best`, `freezes`, `freezes_used`).

    Args:
        repair_id (str):
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | StreakRepairUsers
    """

    return (
        await asyncio_detailed(
            repair_id=repair_id,
            client=client,
            limit=limit,
            cursor=cursor,
        )
    ).parsed

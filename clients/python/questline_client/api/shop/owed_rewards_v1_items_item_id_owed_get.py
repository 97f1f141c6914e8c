from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.owed_list import OwedList
from ...models.owed_rewards_v1_items_item_id_owed_get_status import OwedRewardsV1ItemsItemIdOwedGetStatus
from ...types import UNSET, Unset
from typing import cast


def _get_kwargs(
    item_id: str,
    *,
    status: OwedRewardsV1ItemsItemIdOwedGetStatus | Unset = OwedRewardsV1ItemsItemIdOwedGetStatus.OPEN,
    limit: int | Unset = 100,
    cursor: int | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["limit"] = limit

    json_cursor: int | None | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/items/{item_id}/owed".format(
            item_id=quote(str(item_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorBody | OwedList | None:
    if response.status_code == 200:
        response_200 = OwedList.from_dict(response.json())

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
) -> Response[ErrorBody | OwedList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    item_id: str,
    *,
    client: AuthenticatedClient,
    status: OwedRewardsV1ItemsItemIdOwedGetStatus | Unset = OwedRewardsV1ItemsItemIdOwedGetStatus.OPEN,
    limit: int | Unset = 100,
    cursor: int | None | Unset = UNSET,
) -> Response[ErrorBody | OwedList]:
    """Owed Rewards

     Rewards of this item earned while it was out of stock (`open`: not handed out yet).

    Args:
        item_id (str):
        status (OwedRewardsV1ItemsItemIdOwedGetStatus | Unset):  Default:
            OwedRewardsV1ItemsItemIdOwedGetStatus.OPEN.
        limit (int | Unset):  Default: 100.
        cursor (int | None | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | OwedList]
    """

    kwargs = _get_kwargs(
        item_id=item_id,
        status=status,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    item_id: str,
    *,
    client: AuthenticatedClient,
    status: OwedRewardsV1ItemsItemIdOwedGetStatus | Unset = OwedRewardsV1ItemsItemIdOwedGetStatus.OPEN,
    limit: int | Unset = 100,
    cursor: int | None | Unset = UNSET,
) -> ErrorBody | OwedList | None:
    """Owed Rewards

     Rewards of this item earned while it was out of stock (`open`: not handed out yet).

    Args:
        item_id (str):
        status (OwedRewardsV1ItemsItemIdOwedGetStatus | Unset):  Default:
            OwedRewardsV1ItemsItemIdOwedGetStatus.OPEN.
        limit (int | Unset):  Default: 100.
        cursor (int | None | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | OwedList
    """

    return sync_detailed(
        item_id=item_id,
        client=client,
        status=status,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    item_id: str,
    *,
    client: AuthenticatedClient,
    status: OwedRewardsV1ItemsItemIdOwedGetStatus | Unset = OwedRewardsV1ItemsItemIdOwedGetStatus.OPEN,
    limit: int | Unset = 100,
    cursor: int | None | Unset = UNSET,
) -> Response[ErrorBody | OwedList]:
    """Owed Rewards

     Rewards of this item earned while it was out of stock (`open`: not handed out yet).

    Args:
        item_id (str):
        status (OwedRewardsV1ItemsItemIdOwedGetStatus | Unset):  Default:
            OwedRewardsV1ItemsItemIdOwedGetStatus.OPEN.
        limit (int | Unset):  Default: 100.
        cursor (int | None | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | OwedList]
    """

    kwargs = _get_kwargs(
        item_id=item_id,
        status=status,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    item_id: str,
    *,
    client: AuthenticatedClient,
    status: OwedRewardsV1ItemsItemIdOwedGetStatus | Unset = OwedRewardsV1ItemsItemIdOwedGetStatus.OPEN,
    limit: int | Unset = 100,
    cursor: int | None | Unset = UNSET,
) -> ErrorBody | OwedList | None:
    """Owed Rewards

     Rewards of this item earned while it was out of stock (`open`: not handed out yet).

    Args:
        item_id (str):
        status (OwedRewardsV1ItemsItemIdOwedGetStatus | Unset):  Default:
            OwedRewardsV1ItemsItemIdOwedGetStatus.OPEN.
        limit (int | Unset):  Default: 100.
        cursor (int | None | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | OwedList
    """

    return (
        await asyncio_detailed(
            item_id=item_id,
            client=client,
            status=status,
            limit=limit,
            cursor=cursor,
        )
    ).parsed

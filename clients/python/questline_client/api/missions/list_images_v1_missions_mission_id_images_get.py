from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.image_list import ImageList
from ...types import UNSET, Unset
from typing import cast


def _get_kwargs(
    mission_id: str,
    *,
    limit: int | Unset = 100,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/missions/{mission_id}/images".format(
            mission_id=quote(str(mission_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorBody | ImageList | None:
    if response.status_code == 200:
        response_200 = ImageList.from_dict(response.json())

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
) -> Response[ErrorBody | ImageList]:
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
    limit: int | Unset = 100,
) -> Response[ErrorBody | ImageList]:
    """A mission's uploaded images

     The mission's latest uploaded card and page images, newest first.

    Args:
        mission_id (str):
        limit (int | Unset): How many of the latest images Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | ImageList]
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
    mission_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
) -> ErrorBody | ImageList | None:
    """A mission's uploaded images

     The mission's latest uploaded card and page images, newest first.

    Args:
        mission_id (str):
        limit (int | Unset): How many of the latest images Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | ImageList
    """

    return sync_detailed(
        mission_id=mission_id,
        client=client,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    mission_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
) -> Response[ErrorBody | ImageList]:
    """A mission's uploaded images

     The mission's latest uploaded card and page images, newest first.

    Args:
        mission_id (str):
        limit (int | Unset): How many of the latest images Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | ImageList]
    """

    kwargs = _get_kwargs(
        mission_id=mission_id,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    mission_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
) -> ErrorBody | ImageList | None:
    """A mission's uploaded images

     The mission's latest uploaded card and page images, newest first.

    Args:
        mission_id (str):
        limit (int | Unset): How many of the latest images Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | ImageList
    """

    return (
        await asyncio_detailed(
            mission_id=mission_id,
            client=client,
            limit=limit,
        )
    ).parsed

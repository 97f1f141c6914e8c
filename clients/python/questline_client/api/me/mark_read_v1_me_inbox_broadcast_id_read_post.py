from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.inbox_item import InboxItem
from typing import cast


def _get_kwargs(
    broadcast_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/me/inbox/{broadcast_id}/read".format(
            broadcast_id=quote(str(broadcast_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorBody | InboxItem | None:
    if response.status_code == 200:
        response_200 = InboxItem.from_dict(response.json())

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
) -> Response[ErrorBody | InboxItem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    broadcast_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorBody | InboxItem]:
    """Mark Read

     Marks one item read (again: no change); 404 when it is not in this user's inbox.

    Args:
        broadcast_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | InboxItem]
    """

    kwargs = _get_kwargs(
        broadcast_id=broadcast_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    broadcast_id: str,
    *,
    client: AuthenticatedClient,
) -> ErrorBody | InboxItem | None:
    """Mark Read

     Marks one item read (again: no change); 404 when it is not in this user's inbox.

    Args:
        broadcast_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | InboxItem
    """

    return sync_detailed(
        broadcast_id=broadcast_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    broadcast_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorBody | InboxItem]:
    """Mark Read

     Marks one item read (again: no change); 404 when it is not in this user's inbox.

    Args:
        broadcast_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | InboxItem]
    """

    kwargs = _get_kwargs(
        broadcast_id=broadcast_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    broadcast_id: str,
    *,
    client: AuthenticatedClient,
) -> ErrorBody | InboxItem | None:
    """Mark Read

     Marks one item read (again: no change); 404 when it is not in this user's inbox.

    Args:
        broadcast_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | InboxItem
    """

    return (
        await asyncio_detailed(
            broadcast_id=broadcast_id,
            client=client,
        )
    ).parsed

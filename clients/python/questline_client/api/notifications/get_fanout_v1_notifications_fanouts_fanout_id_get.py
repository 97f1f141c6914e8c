from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.fanout import Fanout
from typing import cast


def _get_kwargs(
    fanout_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/notifications/fanouts/{fanout_id}".format(
            fanout_id=quote(str(fanout_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorBody | Fanout | None:
    if response.status_code == 200:
        response_200 = Fanout.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorBody | Fanout]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    fanout_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorBody | Fanout]:
    """One fan-out's progress

     How far a fan-out has got; 404 `fanout_not_found`.

    Args:
        fanout_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | Fanout]
    """

    kwargs = _get_kwargs(
        fanout_id=fanout_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    fanout_id: str,
    *,
    client: AuthenticatedClient,
) -> ErrorBody | Fanout | None:
    """One fan-out's progress

     How far a fan-out has got; 404 `fanout_not_found`.

    Args:
        fanout_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | Fanout
    """

    return sync_detailed(
        fanout_id=fanout_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    fanout_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorBody | Fanout]:
    """One fan-out's progress

     How far a fan-out has got; 404 `fanout_not_found`.

    Args:
        fanout_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | Fanout]
    """

    kwargs = _get_kwargs(
        fanout_id=fanout_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    fanout_id: str,
    *,
    client: AuthenticatedClient,
) -> ErrorBody | Fanout | None:
    """One fan-out's progress

     How far a fan-out has got; 404 `fanout_not_found`.

    Args:
        fanout_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | Fanout
    """

    return (
        await asyncio_detailed(
            fanout_id=fanout_id,
            client=client,
        )
    ).parsed

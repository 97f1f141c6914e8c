from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.callback import Callback
from ...models.error_body import ErrorBody
from typing import cast


def _get_kwargs(
    callback_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/callbacks/{callback_id}/retry".format(
            callback_id=quote(str(callback_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Callback | ErrorBody | None:
    if response.status_code == 202:
        response_202 = Callback.from_dict(response.json())

        return response_202

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
) -> Response[Callback | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    callback_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Callback | ErrorBody]:
    """Retry Callback

     Delivers a failed callback again (same id and body, fresh retries); 409 `callback_not_failed`
    otherwise.

    Answers once the new delivery has started, with the callback back in `pending`.

    Args:
        callback_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Callback | ErrorBody]
    """

    kwargs = _get_kwargs(
        callback_id=callback_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    callback_id: str,
    *,
    client: AuthenticatedClient,
) -> Callback | ErrorBody | None:
    """Retry Callback

     Delivers a failed callback again (same id and body, fresh retries); 409 `callback_not_failed`
    otherwise.

    Answers once the new delivery has started, with the callback back in `pending`.

    Args:
        callback_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Callback | ErrorBody
    """

    return sync_detailed(
        callback_id=callback_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    callback_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Callback | ErrorBody]:
    """Retry Callback

     Delivers a failed callback again (same id and body, fresh retries); 409 `callback_not_failed`
    otherwise.

    Answers once the new delivery has started, with the callback back in `pending`.

    Args:
        callback_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Callback | ErrorBody]
    """

    kwargs = _get_kwargs(
        callback_id=callback_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    callback_id: str,
    *,
    client: AuthenticatedClient,
) -> Callback | ErrorBody | None:
    """Retry Callback

     Delivers a failed callback again (same id and body, fresh retries); 409 `callback_not_failed`
    otherwise.

    Answers once the new delivery has started, with the callback back in `pending`.

    Args:
        callback_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Callback | ErrorBody
    """

    return (
        await asyncio_detailed(
            callback_id=callback_id,
            client=client,
        )
    ).parsed

from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.widget_opened import WidgetOpened
from typing import cast


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/me/widget-opened",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | WidgetOpened | None:
    if response.status_code == 202:
        response_202 = WidgetOpened.from_dict(response.json())

        return response_202

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
) -> Response[ErrorBody | WidgetOpened]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[ErrorBody | WidgetOpened]:
    """Widget Opened

     The widget was opened: logs `questline.widget_opened` for the user, at most once per minute
    (a second open in the same minute answers `duplicate: true` and counts nothing). The widget
    calls the `/v1/me` route itself; the client key's is for an app that shows it another way.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | WidgetOpened]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> ErrorBody | WidgetOpened | None:
    """Widget Opened

     The widget was opened: logs `questline.widget_opened` for the user, at most once per minute
    (a second open in the same minute answers `duplicate: true` and counts nothing). The widget
    calls the `/v1/me` route itself; the client key's is for an app that shows it another way.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | WidgetOpened
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[ErrorBody | WidgetOpened]:
    """Widget Opened

     The widget was opened: logs `questline.widget_opened` for the user, at most once per minute
    (a second open in the same minute answers `duplicate: true` and counts nothing). The widget
    calls the `/v1/me` route itself; the client key's is for an app that shows it another way.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | WidgetOpened]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> ErrorBody | WidgetOpened | None:
    """Widget Opened

     The widget was opened: logs `questline.widget_opened` for the user, at most once per minute
    (a second open in the same minute answers `duplicate: true` and counts nothing). The widget
    calls the `/v1/me` route itself; the client key's is for an app that shows it another way.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | WidgetOpened
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed

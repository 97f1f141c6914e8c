from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.token_in import TokenIn
from ...models.token_out import TokenOut
from ...types import UNSET, Unset
from typing import cast


def _get_kwargs(
    user_id: str,
    *,
    body: TokenIn | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/users/{user_id}/token".format(
            user_id=quote(str(user_id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorBody | TokenOut | None:
    if response.status_code == 201:
        response_201 = TokenOut.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ErrorBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorBody.from_dict(response.json())

        return response_403

    if response.status_code == 413:
        response_413 = ErrorBody.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = ErrorBody.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = ErrorBody.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorBody | TokenOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    user_id: str,
    *,
    client: AuthenticatedClient,
    body: TokenIn | Unset = UNSET,
) -> Response[ErrorBody | TokenOut]:
    """Issue User Token

     A short-lived signed token with which the user's app calls the `/v1/me` routes.

    Args:
        user_id (str): A user id: 1 to 200 characters, NFC-normalised, without whitespace, / : ? #
            %, control, format (bidi, zero-width), invisible, private-use or unassigned characters, or
            U+FFFD.
        body (TokenIn | Unset): Optional lifetime of a user token (default: QUESTLINE_TOKEN_TTL).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | TokenOut]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    user_id: str,
    *,
    client: AuthenticatedClient,
    body: TokenIn | Unset = UNSET,
) -> ErrorBody | TokenOut | None:
    """Issue User Token

     A short-lived signed token with which the user's app calls the `/v1/me` routes.

    Args:
        user_id (str): A user id: 1 to 200 characters, NFC-normalised, without whitespace, / : ? #
            %, control, format (bidi, zero-width), invisible, private-use or unassigned characters, or
            U+FFFD.
        body (TokenIn | Unset): Optional lifetime of a user token (default: QUESTLINE_TOKEN_TTL).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | TokenOut
    """

    return sync_detailed(
        user_id=user_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    user_id: str,
    *,
    client: AuthenticatedClient,
    body: TokenIn | Unset = UNSET,
) -> Response[ErrorBody | TokenOut]:
    """Issue User Token

     A short-lived signed token with which the user's app calls the `/v1/me` routes.

    Args:
        user_id (str): A user id: 1 to 200 characters, NFC-normalised, without whitespace, / : ? #
            %, control, format (bidi, zero-width), invisible, private-use or unassigned characters, or
            U+FFFD.
        body (TokenIn | Unset): Optional lifetime of a user token (default: QUESTLINE_TOKEN_TTL).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | TokenOut]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    user_id: str,
    *,
    client: AuthenticatedClient,
    body: TokenIn | Unset = UNSET,
) -> ErrorBody | TokenOut | None:
    """Issue User Token

     A short-lived signed token with which the user's app calls the `/v1/me` routes.

    Args:
        user_id (str): A user id: 1 to 200 characters, NFC-normalised, without whitespace, / : ? #
            %, control, format (bidi, zero-width), invisible, private-use or unassigned characters, or
            U+FFFD.
        body (TokenIn | Unset): Optional lifetime of a user token (default: QUESTLINE_TOKEN_TTL).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | TokenOut
    """

    return (
        await asyncio_detailed(
            user_id=user_id,
            client=client,
            body=body,
        )
    ).parsed

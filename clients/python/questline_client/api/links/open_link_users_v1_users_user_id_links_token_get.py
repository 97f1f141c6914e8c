from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.link_resolution import LinkResolution
from typing import cast


def _get_kwargs(
    user_id: str,
    token: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/users/{user_id}/links/{token}".format(
            user_id=quote(str(user_id), safe=""),
            token=quote(str(token), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | LinkResolution | None:
    if response.status_code == 200:
        response_200 = LinkResolution.from_dict(response.json())

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
) -> Response[ErrorBody | LinkResolution]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    user_id: str,
    token: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorBody | LinkResolution]:
    """Open a magic link for a user

     As `GET /v1/links/{token}` for `{user_id}` (the client key): what the operator's app shows them.

    Opens a magic link: the mission's public card (`mission`, and `preview`: the card as a
    newcomer sees it) and, for a user who may open it, their own view (`view`) to show in the widget.

    Who opens it: the user of a user token; with the client key (or an admin key), `?user_id=`;
    no credentials (or a key without `user_id`) is an anonymous visitor. A visitor Questline does not
    know gets `signup_required: true` when the audience is `anyone`.

    Refusals: 403 `not_registered` (the audience is `registered` or a segment and the visitor is not a
    known user: ask them to sign in or sign up), 403 `not_in_segment` (a `segment:<id>` audience and a
    user outside it); 404 `unknown_link` (no such link, or its mission was deleted), 404
    `mission_unavailable` (the mission is not live: a draft, paused or archived). `details` has the
    `reason` and the kind of the link's `audience` (`registered` or `segment`, never which segment).
    401 for a wrong credential; 403 `forbidden` for a user token with another user's `user_id`.

    Args:
        user_id (str): A user id: 1 to 200 characters, NFC-normalised, without whitespace, / : ? #
            %, control, format (bidi, zero-width), invisible, private-use or unassigned characters, or
            U+FFFD.
        token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | LinkResolution]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        token=token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    user_id: str,
    token: str,
    *,
    client: AuthenticatedClient,
) -> ErrorBody | LinkResolution | None:
    """Open a magic link for a user

     As `GET /v1/links/{token}` for `{user_id}` (the client key): what the operator's app shows them.

    Opens a magic link: the mission's public card (`mission`, and `preview`: the card as a
    newcomer sees it) and, for a user who may open it, their own view (`view`) to show in the widget.

    Who opens it: the user of a user token; with the client key (or an admin key), `?user_id=`;
    no credentials (or a key without `user_id`) is an anonymous visitor. A visitor Questline does not
    know gets `signup_required: true` when the audience is `anyone`.

    Refusals: 403 `not_registered` (the audience is `registered` or a segment and the visitor is not a
    known user: ask them to sign in or sign up), 403 `not_in_segment` (a `segment:<id>` audience and a
    user outside it); 404 `unknown_link` (no such link, or its mission was deleted), 404
    `mission_unavailable` (the mission is not live: a draft, paused or archived). `details` has the
    `reason` and the kind of the link's `audience` (`registered` or `segment`, never which segment).
    401 for a wrong credential; 403 `forbidden` for a user token with another user's `user_id`.

    Args:
        user_id (str): A user id: 1 to 200 characters, NFC-normalised, without whitespace, / : ? #
            %, control, format (bidi, zero-width), invisible, private-use or unassigned characters, or
            U+FFFD.
        token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | LinkResolution
    """

    return sync_detailed(
        user_id=user_id,
        token=token,
        client=client,
    ).parsed


async def asyncio_detailed(
    user_id: str,
    token: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorBody | LinkResolution]:
    """Open a magic link for a user

     As `GET /v1/links/{token}` for `{user_id}` (the client key): what the operator's app shows them.

    Opens a magic link: the mission's public card (`mission`, and `preview`: the card as a
    newcomer sees it) and, for a user who may open it, their own view (`view`) to show in the widget.

    Who opens it: the user of a user token; with the client key (or an admin key), `?user_id=`;
    no credentials (or a key without `user_id`) is an anonymous visitor. A visitor Questline does not
    know gets `signup_required: true` when the audience is `anyone`.

    Refusals: 403 `not_registered` (the audience is `registered` or a segment and the visitor is not a
    known user: ask them to sign in or sign up), 403 `not_in_segment` (a `segment:<id>` audience and a
    user outside it); 404 `unknown_link` (no such link, or its mission was deleted), 404
    `mission_unavailable` (the mission is not live: a draft, paused or archived). `details` has the
    `reason` and the kind of the link's `audience` (`registered` or `segment`, never which segment).
    401 for a wrong credential; 403 `forbidden` for a user token with another user's `user_id`.

    Args:
        user_id (str): A user id: 1 to 200 characters, NFC-normalised, without whitespace, / : ? #
            %, control, format (bidi, zero-width), invisible, private-use or unassigned characters, or
            U+FFFD.
        token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | LinkResolution]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        token=token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    user_id: str,
    token: str,
    *,
    client: AuthenticatedClient,
) -> ErrorBody | LinkResolution | None:
    """Open a magic link for a user

     As `GET /v1/links/{token}` for `{user_id}` (the client key): what the operator's app shows them.

    Opens a magic link: the mission's public card (`mission`, and `preview`: the card as a
    newcomer sees it) and, for a user who may open it, their own view (`view`) to show in the widget.

    Who opens it: the user of a user token; with the client key (or an admin key), `?user_id=`;
    no credentials (or a key without `user_id`) is an anonymous visitor. A visitor Questline does not
    know gets `signup_required: true` when the audience is `anyone`.

    Refusals: 403 `not_registered` (the audience is `registered` or a segment and the visitor is not a
    known user: ask them to sign in or sign up), 403 `not_in_segment` (a `segment:<id>` audience and a
    user outside it); 404 `unknown_link` (no such link, or its mission was deleted), 404
    `mission_unavailable` (the mission is not live: a draft, paused or archived). `details` has the
    `reason` and the kind of the link's `audience` (`registered` or `segment`, never which segment).
    401 for a wrong credential; 403 `forbidden` for a user token with another user's `user_id`.

    Args:
        user_id (str): A user id: 1 to 200 characters, NFC-normalised, without whitespace, / : ? #
            %, control, format (bidi, zero-width), invisible, private-use or unassigned characters, or
            U+FFFD.
        token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | LinkResolution
    """

    return (
        await asyncio_detailed(
            user_id=user_id,
            token=token,
            client=client,
        )
    ).parsed

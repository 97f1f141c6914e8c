from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.link_resolution import LinkResolution
from ...types import UNSET, Unset
from typing import cast


def _get_kwargs(
    token: str,
    *,
    user_id: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_user_id: None | str | Unset
    if isinstance(user_id, Unset):
        json_user_id = UNSET
    else:
        json_user_id = user_id
    params["user_id"] = json_user_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/links/{token}".format(
            token=quote(str(token), safe=""),
        ),
        "params": params,
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
    token: str,
    *,
    client: AuthenticatedClient,
    user_id: None | str | Unset = UNSET,
) -> Response[ErrorBody | LinkResolution]:
    """Open a magic link

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
        token (str):
        user_id (None | str | Unset): The user opening the link (with the client or admin key).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | LinkResolution]
    """

    kwargs = _get_kwargs(
        token=token,
        user_id=user_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    token: str,
    *,
    client: AuthenticatedClient,
    user_id: None | str | Unset = UNSET,
) -> ErrorBody | LinkResolution | None:
    """Open a magic link

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
        token (str):
        user_id (None | str | Unset): The user opening the link (with the client or admin key).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | LinkResolution
    """

    return sync_detailed(
        token=token,
        client=client,
        user_id=user_id,
    ).parsed


async def asyncio_detailed(
    token: str,
    *,
    client: AuthenticatedClient,
    user_id: None | str | Unset = UNSET,
) -> Response[ErrorBody | LinkResolution]:
    """Open a magic link

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
        token (str):
        user_id (None | str | Unset): The user opening the link (with the client or admin key).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | LinkResolution]
    """

    kwargs = _get_kwargs(
        token=token,
        user_id=user_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    token: str,
    *,
    client: AuthenticatedClient,
    user_id: None | str | Unset = UNSET,
) -> ErrorBody | LinkResolution | None:
    """Open a magic link

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
        token (str):
        user_id (None | str | Unset): The user opening the link (with the client or admin key).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | LinkResolution
    """

    return (
        await asyncio_detailed(
            token=token,
            client=client,
            user_id=user_id,
        )
    ).parsed

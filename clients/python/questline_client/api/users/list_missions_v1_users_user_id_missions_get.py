from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.list_missions_v1_users_user_id_missions_get_tab_type_0 import (
    ListMissionsV1UsersUserIdMissionsGetTabType0,
)
from ...models.mission_views import MissionViews
from ...types import UNSET, Unset
from typing import cast


def _get_kwargs(
    user_id: str,
    *,
    tab: ListMissionsV1UsersUserIdMissionsGetTabType0 | None | Unset = UNSET,
    category: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_tab: None | str | Unset
    if isinstance(tab, Unset):
        json_tab = UNSET
    elif isinstance(tab, ListMissionsV1UsersUserIdMissionsGetTabType0):
        json_tab = tab.value
    else:
        json_tab = tab
    params["tab"] = json_tab

    json_category: None | str | Unset
    if isinstance(category, Unset):
        json_category = UNSET
    else:
        json_category = category
    params["category"] = json_category

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/users/{user_id}/missions".format(
            user_id=quote(str(user_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | MissionViews | None:
    if response.status_code == 200:
        response_200 = MissionViews.from_dict(response.json())

        return response_200

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
) -> Response[ErrorBody | MissionViews]:
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
    tab: ListMissionsV1UsersUserIdMissionsGetTabType0 | None | Unset = UNSET,
    category: None | str | Unset = UNSET,
) -> Response[ErrorBody | MissionViews]:
    """List Missions

     The missions the user can see, with tab, chips, timer and progress (`?category=` one category's).

    Args:
        user_id (str): A user id: 1 to 200 characters, NFC-normalised, without whitespace, / : ? #
            %, control, format (bidi, zero-width), invisible, private-use or unassigned characters, or
            U+FFFD.
        tab (ListMissionsV1UsersUserIdMissionsGetTabType0 | None | Unset):
        category (None | str | Unset): Only the missions of this category id

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | MissionViews]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        tab=tab,
        category=category,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    user_id: str,
    *,
    client: AuthenticatedClient,
    tab: ListMissionsV1UsersUserIdMissionsGetTabType0 | None | Unset = UNSET,
    category: None | str | Unset = UNSET,
) -> ErrorBody | MissionViews | None:
    """List Missions

     The missions the user can see, with tab, chips, timer and progress (`?category=` one category's).

    Args:
        user_id (str): A user id: 1 to 200 characters, NFC-normalised, without whitespace, / : ? #
            %, control, format (bidi, zero-width), invisible, private-use or unassigned characters, or
            U+FFFD.
        tab (ListMissionsV1UsersUserIdMissionsGetTabType0 | None | Unset):
        category (None | str | Unset): Only the missions of this category id

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | MissionViews
    """

    return sync_detailed(
        user_id=user_id,
        client=client,
        tab=tab,
        category=category,
    ).parsed


async def asyncio_detailed(
    user_id: str,
    *,
    client: AuthenticatedClient,
    tab: ListMissionsV1UsersUserIdMissionsGetTabType0 | None | Unset = UNSET,
    category: None | str | Unset = UNSET,
) -> Response[ErrorBody | MissionViews]:
    """List Missions

     The missions the user can see, with tab, chips, timer and progress (`?category=` one category's).

    Args:
        user_id (str): A user id: 1 to 200 characters, NFC-normalised, without whitespace, / : ? #
            %, control, format (bidi, zero-width), invisible, private-use or unassigned characters, or
            U+FFFD.
        tab (ListMissionsV1UsersUserIdMissionsGetTabType0 | None | Unset):
        category (None | str | Unset): Only the missions of this category id

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | MissionViews]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        tab=tab,
        category=category,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    user_id: str,
    *,
    client: AuthenticatedClient,
    tab: ListMissionsV1UsersUserIdMissionsGetTabType0 | None | Unset = UNSET,
    category: None | str | Unset = UNSET,
) -> ErrorBody | MissionViews | None:
    """List Missions

     The missions the user can see, with tab, chips, timer and progress (`?category=` one category's).

    Args:
        user_id (str): A user id: 1 to 200 characters, NFC-normalised, without whitespace, / : ? #
            %, control, format (bidi, zero-width), invisible, private-use or unassigned characters, or
            U+FFFD.
        tab (ListMissionsV1UsersUserIdMissionsGetTabType0 | None | Unset):
        category (None | str | Unset): Only the missions of this category id

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | MissionViews
    """

    return (
        await asyncio_detailed(
            user_id=user_id,
            client=client,
            tab=tab,
            category=category,
        )
    ).parsed

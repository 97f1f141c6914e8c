from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.list_missions_v1_missions_get_status_type_0 import ListMissionsV1MissionsGetStatusType0
from ...models.mission_list_page import MissionListPage
from ...models.mission_type import MissionType
from ...types import UNSET, Unset
from typing import cast


def _get_kwargs(
    *,
    status: ListMissionsV1MissionsGetStatusType0 | None | Unset = UNSET,
    type_: MissionType | None | Unset = UNSET,
    category_id: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    challenges: bool | Unset = False,
    include_challenges: bool | Unset = False,
    with_completions: bool | Unset = False,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ListMissionsV1MissionsGetStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_type_: None | str | Unset
    if isinstance(type_, Unset):
        json_type_ = UNSET
    elif isinstance(type_, MissionType):
        json_type_ = type_.value
    else:
        json_type_ = type_
    params["type"] = json_type_

    json_category_id: None | str | Unset
    if isinstance(category_id, Unset):
        json_category_id = UNSET
    else:
        json_category_id = category_id
    params["category_id"] = json_category_id

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    params["challenges"] = challenges

    params["include_challenges"] = include_challenges

    params["with_completions"] = with_completions

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/missions",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | MissionListPage | None:
    if response.status_code == 200:
        response_200 = MissionListPage.from_dict(response.json())

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
) -> Response[ErrorBody | MissionListPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: ListMissionsV1MissionsGetStatusType0 | None | Unset = UNSET,
    type_: MissionType | None | Unset = UNSET,
    category_id: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    challenges: bool | Unset = False,
    include_challenges: bool | Unset = False,
    with_completions: bool | Unset = False,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> Response[ErrorBody | MissionListPage]:
    """List Missions

     Lists the operator's missions (or, with `challenges=true`, users' challenges; with
    `include_challenges=true`, both, each item with its `kind`), oldest first,
    filtered by status, type, category or a part of the name (`q`), with each one's `completions`
    on request; page with `cursor`.

    Args:
        status (ListMissionsV1MissionsGetStatusType0 | None | Unset): Only missions of this status
            (deleted missions are never listed: read one by its id)
        type_ (MissionType | None | Unset):
        category_id (None | str | Unset):
        q (None | str | Unset): Only missions whose name contains this text, ignoring case
        challenges (bool | Unset): List users' personal challenges (owned missions) instead of the
            operator's missions Default: False.
        include_challenges (bool | Unset): List users' personal challenges alongside the
            operator's missions, in one id order; every item then says its `kind` (`mission` or
            `challenge`) Default: False.
        with_completions (bool | Unset): Give each mission its `completions` count (one grouped
            query for the page) Default: False.
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | MissionListPage]
    """

    kwargs = _get_kwargs(
        status=status,
        type_=type_,
        category_id=category_id,
        q=q,
        challenges=challenges,
        include_challenges=include_challenges,
        with_completions=with_completions,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    status: ListMissionsV1MissionsGetStatusType0 | None | Unset = UNSET,
    type_: MissionType | None | Unset = UNSET,
    category_id: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    challenges: bool | Unset = False,
    include_challenges: bool | Unset = False,
    with_completions: bool | Unset = False,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> ErrorBody | MissionListPage | None:
    """List Missions

     Lists the operator's missions (or, with `challenges=true`, users' challenges; with
    `include_challenges=true`, both, each item with its `kind`), oldest first,
    filtered by status, type, category or a part of the name (`q`), with each one's `completions`
    on request; page with `cursor`.

    Args:
        status (ListMissionsV1MissionsGetStatusType0 | None | Unset): Only missions of this status
            (deleted missions are never listed: read one by its id)
        type_ (MissionType | None | Unset):
        category_id (None | str | Unset):
        q (None | str | Unset): Only missions whose name contains this text, ignoring case
        challenges (bool | Unset): List users' personal challenges (owned missions) instead of the
            operator's missions Default: False.
        include_challenges (bool | Unset): List users' personal challenges alongside the
            operator's missions, in one id order; every item then says its `kind` (`mission` or
            `challenge`) Default: False.
        with_completions (bool | Unset): Give each mission its `completions` count (one grouped
            query for the page) Default: False.
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | MissionListPage
    """

    return sync_detailed(
        client=client,
        status=status,
        type_=type_,
        category_id=category_id,
        q=q,
        challenges=challenges,
        include_challenges=include_challenges,
        with_completions=with_completions,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: ListMissionsV1MissionsGetStatusType0 | None | Unset = UNSET,
    type_: MissionType | None | Unset = UNSET,
    category_id: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    challenges: bool | Unset = False,
    include_challenges: bool | Unset = False,
    with_completions: bool | Unset = False,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> Response[ErrorBody | MissionListPage]:
    """List Missions

     Lists the operator's missions (or, with `challenges=true`, users' challenges; with
    `include_challenges=true`, both, each item with its `kind`), oldest first,
    filtered by status, type, category or a part of the name (`q`), with each one's `completions`
    on request; page with `cursor`.

    Args:
        status (ListMissionsV1MissionsGetStatusType0 | None | Unset): Only missions of this status
            (deleted missions are never listed: read one by its id)
        type_ (MissionType | None | Unset):
        category_id (None | str | Unset):
        q (None | str | Unset): Only missions whose name contains this text, ignoring case
        challenges (bool | Unset): List users' personal challenges (owned missions) instead of the
            operator's missions Default: False.
        include_challenges (bool | Unset): List users' personal challenges alongside the
            operator's missions, in one id order; every item then says its `kind` (`mission` or
            `challenge`) Default: False.
        with_completions (bool | Unset): Give each mission its `completions` count (one grouped
            query for the page) Default: False.
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | MissionListPage]
    """

    kwargs = _get_kwargs(
        status=status,
        type_=type_,
        category_id=category_id,
        q=q,
        challenges=challenges,
        include_challenges=include_challenges,
        with_completions=with_completions,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    status: ListMissionsV1MissionsGetStatusType0 | None | Unset = UNSET,
    type_: MissionType | None | Unset = UNSET,
    category_id: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    challenges: bool | Unset = False,
    include_challenges: bool | Unset = False,
    with_completions: bool | Unset = False,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> ErrorBody | MissionListPage | None:
    """List Missions

     Lists the operator's missions (or, with `challenges=true`, users' challenges; with
    `include_challenges=true`, both, each item with its `kind`), oldest first,
    filtered by status, type, category or a part of the name (`q`), with each one's `completions`
    on request; page with `cursor`.

    Args:
        status (ListMissionsV1MissionsGetStatusType0 | None | Unset): Only missions of this status
            (deleted missions are never listed: read one by its id)
        type_ (MissionType | None | Unset):
        category_id (None | str | Unset):
        q (None | str | Unset): Only missions whose name contains this text, ignoring case
        challenges (bool | Unset): List users' personal challenges (owned missions) instead of the
            operator's missions Default: False.
        include_challenges (bool | Unset): List users' personal challenges alongside the
            operator's missions, in one id order; every item then says its `kind` (`mission` or
            `challenge`) Default: False.
        with_completions (bool | Unset): Give each mission its `completions` count (one grouped
            query for the page) Default: False.
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | MissionListPage
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            type_=type_,
            category_id=category_id,
            q=q,
            challenges=challenges,
            include_challenges=include_challenges,
            with_completions=with_completions,
            limit=limit,
            cursor=cursor,
        )
    ).parsed

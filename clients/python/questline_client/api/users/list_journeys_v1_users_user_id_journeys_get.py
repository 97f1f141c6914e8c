from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.user_journey_list import UserJourneyList
from ...types import UNSET, Unset
from typing import cast


def _get_kwargs(
    user_id: str,
    *,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

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
        "url": "/v1/users/{user_id}/journeys".format(
            user_id=quote(str(user_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | UserJourneyList | None:
    if response.status_code == 200:
        response_200 = UserJourneyList.from_dict(response.json())

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
) -> Response[ErrorBody | UserJourneyList]:
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
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> Response[ErrorBody | UserJourneyList]:
    """List Journeys

     The user's journeys, most recently changed first (client or admin key, like every
    `/v1/users/{user_id}/...` route).

    Each names its mission, the enrolment's state and the Temporal workflow it runs under
    (`workflow_id`; a recurring mission's latest cycle), with `temporal_ui_url`, that workflow's
    page in the Temporal UI (`QUESTLINE_TEMPORAL_UI_URL`; null when it is not set). A user
    without journeys (or unknown) has an empty list.

    Args:
        user_id (str): A user id: 1 to 200 characters, NFC-normalised, without whitespace, / : ? #
            %, control, format (bidi, zero-width), invisible, private-use or unassigned characters, or
            U+FFFD.
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | UserJourneyList]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    user_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> ErrorBody | UserJourneyList | None:
    """List Journeys

     The user's journeys, most recently changed first (client or admin key, like every
    `/v1/users/{user_id}/...` route).

    Each names its mission, the enrolment's state and the Temporal workflow it runs under
    (`workflow_id`; a recurring mission's latest cycle), with `temporal_ui_url`, that workflow's
    page in the Temporal UI (`QUESTLINE_TEMPORAL_UI_URL`; null when it is not set). A user
    without journeys (or unknown) has an empty list.

    Args:
        user_id (str): A user id: 1 to 200 characters, NFC-normalised, without whitespace, / : ? #
            %, control, format (bidi, zero-width), invisible, private-use or unassigned characters, or
            U+FFFD.
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | UserJourneyList
    """

    return sync_detailed(
        user_id=user_id,
        client=client,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    user_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> Response[ErrorBody | UserJourneyList]:
    """List Journeys

     The user's journeys, most recently changed first (client or admin key, like every
    `/v1/users/{user_id}/...` route).

    Each names its mission, the enrolment's state and the Temporal workflow it runs under
    (`workflow_id`; a recurring mission's latest cycle), with `temporal_ui_url`, that workflow's
    page in the Temporal UI (`QUESTLINE_TEMPORAL_UI_URL`; null when it is not set). A user
    without journeys (or unknown) has an empty list.

    Args:
        user_id (str): A user id: 1 to 200 characters, NFC-normalised, without whitespace, / : ? #
            %, control, format (bidi, zero-width), invisible, private-use or unassigned characters, or
            U+FFFD.
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | UserJourneyList]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    user_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> ErrorBody | UserJourneyList | None:
    """List Journeys

     The user's journeys, most recently changed first (client or admin key, like every
    `/v1/users/{user_id}/...` route).

    Each names its mission, the enrolment's state and the Temporal workflow it runs under
    (`workflow_id`; a recurring mission's latest cycle), with `temporal_ui_url`, that workflow's
    page in the Temporal UI (`QUESTLINE_TEMPORAL_UI_URL`; null when it is not set). A user
    without journeys (or unknown) has an empty list.

    Args:
        user_id (str): A user id: 1 to 200 characters, NFC-normalised, without whitespace, / : ? #
            %, control, format (bidi, zero-width), invisible, private-use or unassigned characters, or
            U+FFFD.
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | UserJourneyList
    """

    return (
        await asyncio_detailed(
            user_id=user_id,
            client=client,
            limit=limit,
            cursor=cursor,
        )
    ).parsed

from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.streak_freeze_in import StreakFreezeIn
from ...models.streak_freeze_out import StreakFreezeOut
from typing import cast


def _get_kwargs(
    user_id: str,
    *,
    body: StreakFreezeIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/users/{user_id}/streak-freezes".format(
            user_id=quote(str(user_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | StreakFreezeOut | None:
    if response.status_code == 201:
        response_201 = StreakFreezeOut.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = ErrorBody.from_dict(response.json())

        return response_409

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
) -> Response[ErrorBody | StreakFreezeOut]:
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
    body: StreakFreezeIn,
) -> Response[ErrorBody | StreakFreezeOut]:
    """Buy Streak Freeze

     Buys one freeze for the user's streak on a mission (or their challenge) from the bonus
    shop, paying the item's `price` in points: it covers one missed period instead of
    breaking the streak. The streak must offer freezes (`streak.freezes`) and the user hold
    fewer than its `max`.

    422 naming the field: `item_not_found` or `not_a_freeze` (`item_id`), `mission_not_found`
    or `not_a_streak` (`mission_id`). 409: `no_streak` (no journey on it yet),
    `insufficient_points`, `out_of_stock`, `freezes_not_offered`, `freezes_full`,
    `journey_finished`; nothing is paid then.

    Args:
        user_id (str): A user id: 1 to 200 characters, NFC-normalised, without whitespace, / : ? #
            %, control, format (bidi, zero-width), invisible, private-use or unassigned characters, or
            U+FFFD.
        body (StreakFreezeIn): Which streak to protect, with which shop item.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | StreakFreezeOut]
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
    body: StreakFreezeIn,
) -> ErrorBody | StreakFreezeOut | None:
    """Buy Streak Freeze

     Buys one freeze for the user's streak on a mission (or their challenge) from the bonus
    shop, paying the item's `price` in points: it covers one missed period instead of
    breaking the streak. The streak must offer freezes (`streak.freezes`) and the user hold
    fewer than its `max`.

    422 naming the field: `item_not_found` or `not_a_freeze` (`item_id`), `mission_not_found`
    or `not_a_streak` (`mission_id`). 409: `no_streak` (no journey on it yet),
    `insufficient_points`, `out_of_stock`, `freezes_not_offered`, `freezes_full`,
    `journey_finished`; nothing is paid then.

    Args:
        user_id (str): A user id: 1 to 200 characters, NFC-normalised, without whitespace, / : ? #
            %, control, format (bidi, zero-width), invisible, private-use or unassigned characters, or
            U+FFFD.
        body (StreakFreezeIn): Which streak to protect, with which shop item.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | StreakFreezeOut
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
    body: StreakFreezeIn,
) -> Response[ErrorBody | StreakFreezeOut]:
    """Buy Streak Freeze

     Buys one freeze for the user's streak on a mission (or their challenge) from the bonus
    shop, paying the item's `price` in points: it covers one missed period instead of
    breaking the streak. The streak must offer freezes (`streak.freezes`) and the user hold
    fewer than its `max`.

    422 naming the field: `item_not_found` or `not_a_freeze` (`item_id`), `mission_not_found`
    or `not_a_streak` (`mission_id`). 409: `no_streak` (no journey on it yet),
    `insufficient_points`, `out_of_stock`, `freezes_not_offered`, `freezes_full`,
    `journey_finished`; nothing is paid then.

    Args:
        user_id (str): A user id: 1 to 200 characters, NFC-normalised, without whitespace, / : ? #
            %, control, format (bidi, zero-width), invisible, private-use or unassigned characters, or
            U+FFFD.
        body (StreakFreezeIn): Which streak to protect, with which shop item.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | StreakFreezeOut]
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
    body: StreakFreezeIn,
) -> ErrorBody | StreakFreezeOut | None:
    """Buy Streak Freeze

     Buys one freeze for the user's streak on a mission (or their challenge) from the bonus
    shop, paying the item's `price` in points: it covers one missed period instead of
    breaking the streak. The streak must offer freezes (`streak.freezes`) and the user hold
    fewer than its `max`.

    422 naming the field: `item_not_found` or `not_a_freeze` (`item_id`), `mission_not_found`
    or `not_a_streak` (`mission_id`). 409: `no_streak` (no journey on it yet),
    `insufficient_points`, `out_of_stock`, `freezes_not_offered`, `freezes_full`,
    `journey_finished`; nothing is paid then.

    Args:
        user_id (str): A user id: 1 to 200 characters, NFC-normalised, without whitespace, / : ? #
            %, control, format (bidi, zero-width), invisible, private-use or unassigned characters, or
            U+FFFD.
        body (StreakFreezeIn): Which streak to protect, with which shop item.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | StreakFreezeOut
    """

    return (
        await asyncio_detailed(
            user_id=user_id,
            client=client,
            body=body,
        )
    ).parsed

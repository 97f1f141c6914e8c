from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.explanation import Explanation
from ...types import UNSET, Unset
from typing import cast


def _get_kwargs(
    mission_id: str,
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
        "url": "/v1/me/missions/{mission_id}/explain".format(
            mission_id=quote(str(mission_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | Explanation | None:
    if response.status_code == 200:
        response_200 = Explanation.from_dict(response.json())

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
) -> Response[ErrorBody | Explanation]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    mission_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> Response[ErrorBody | Explanation]:
    """Explain Me

     Why each of your events counted for the mission or not ("why didn't this count?"): the same timeline
    as the operator's form, without other users' data or operator internals (no segment or tier names,
    no workflow id, no ledger keys, no callbacks). 404 when you cannot see the mission.

    Reason codes: `wrong_event_type`: the event is not of the mission's event type; `wrong_tags`: the
    event lacks the tags the goal asks for (any or all of them); `value_out_of_range`: the value is
    outside the goal's range [amount_min, amount_max); `no_positive_amount`: an amount goal adds up
    positive values; this one had none; `duplicate_id`: an event with this id was seen before (it counts
    once); `mission_closed`: the mission was not active (a draft, archived) or the journey was closed;
    `not_eligible`: the user was not in the mission's segments or tiers at the time; `before_start`:
    received before the mission opened (its start_at, activation or first cycle); `locked`: the mission
    was still locked for the user; `not_granted`: the featured mission had not been granted to the user
    yet; `after_deadline`: received after the deadline (end_at, time_to_complete or the cycle's reset);
    `not_opted_in`: the mission needs an opt-in, and the user had not opted in yet;
    `submission_pending`: a submission was waiting for review; `already_completed`: the mission was
    already completed (every completion used); `cycle_completed`: the recurring mission's current cycle
    was already completed; `budget_spent`: the mission's budget cap was spent before the user started;
    `mission_paused`: received while the mission was paused: its events count for nobody, then or later.

    Args:
        mission_id (str):
        limit (int | Unset): Events per page Default: 100.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | Explanation]
    """

    kwargs = _get_kwargs(
        mission_id=mission_id,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    mission_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> ErrorBody | Explanation | None:
    """Explain Me

     Why each of your events counted for the mission or not ("why didn't this count?"): the same timeline
    as the operator's form, without other users' data or operator internals (no segment or tier names,
    no workflow id, no ledger keys, no callbacks). 404 when you cannot see the mission.

    Reason codes: `wrong_event_type`: the event is not of the mission's event type; `wrong_tags`: the
    event lacks the tags the goal asks for (any or all of them); `value_out_of_range`: the value is
    outside the goal's range [amount_min, amount_max); `no_positive_amount`: an amount goal adds up
    positive values; this one had none; `duplicate_id`: an event with this id was seen before (it counts
    once); `mission_closed`: the mission was not active (a draft, archived) or the journey was closed;
    `not_eligible`: the user was not in the mission's segments or tiers at the time; `before_start`:
    received before the mission opened (its start_at, activation or first cycle); `locked`: the mission
    was still locked for the user; `not_granted`: the featured mission had not been granted to the user
    yet; `after_deadline`: received after the deadline (end_at, time_to_complete or the cycle's reset);
    `not_opted_in`: the mission needs an opt-in, and the user had not opted in yet;
    `submission_pending`: a submission was waiting for review; `already_completed`: the mission was
    already completed (every completion used); `cycle_completed`: the recurring mission's current cycle
    was already completed; `budget_spent`: the mission's budget cap was spent before the user started;
    `mission_paused`: received while the mission was paused: its events count for nobody, then or later.

    Args:
        mission_id (str):
        limit (int | Unset): Events per page Default: 100.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | Explanation
    """

    return sync_detailed(
        mission_id=mission_id,
        client=client,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    mission_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> Response[ErrorBody | Explanation]:
    """Explain Me

     Why each of your events counted for the mission or not ("why didn't this count?"): the same timeline
    as the operator's form, without other users' data or operator internals (no segment or tier names,
    no workflow id, no ledger keys, no callbacks). 404 when you cannot see the mission.

    Reason codes: `wrong_event_type`: the event is not of the mission's event type; `wrong_tags`: the
    event lacks the tags the goal asks for (any or all of them); `value_out_of_range`: the value is
    outside the goal's range [amount_min, amount_max); `no_positive_amount`: an amount goal adds up
    positive values; this one had none; `duplicate_id`: an event with this id was seen before (it counts
    once); `mission_closed`: the mission was not active (a draft, archived) or the journey was closed;
    `not_eligible`: the user was not in the mission's segments or tiers at the time; `before_start`:
    received before the mission opened (its start_at, activation or first cycle); `locked`: the mission
    was still locked for the user; `not_granted`: the featured mission had not been granted to the user
    yet; `after_deadline`: received after the deadline (end_at, time_to_complete or the cycle's reset);
    `not_opted_in`: the mission needs an opt-in, and the user had not opted in yet;
    `submission_pending`: a submission was waiting for review; `already_completed`: the mission was
    already completed (every completion used); `cycle_completed`: the recurring mission's current cycle
    was already completed; `budget_spent`: the mission's budget cap was spent before the user started;
    `mission_paused`: received while the mission was paused: its events count for nobody, then or later.

    Args:
        mission_id (str):
        limit (int | Unset): Events per page Default: 100.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | Explanation]
    """

    kwargs = _get_kwargs(
        mission_id=mission_id,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    mission_id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> ErrorBody | Explanation | None:
    """Explain Me

     Why each of your events counted for the mission or not ("why didn't this count?"): the same timeline
    as the operator's form, without other users' data or operator internals (no segment or tier names,
    no workflow id, no ledger keys, no callbacks). 404 when you cannot see the mission.

    Reason codes: `wrong_event_type`: the event is not of the mission's event type; `wrong_tags`: the
    event lacks the tags the goal asks for (any or all of them); `value_out_of_range`: the value is
    outside the goal's range [amount_min, amount_max); `no_positive_amount`: an amount goal adds up
    positive values; this one had none; `duplicate_id`: an event with this id was seen before (it counts
    once); `mission_closed`: the mission was not active (a draft, archived) or the journey was closed;
    `not_eligible`: the user was not in the mission's segments or tiers at the time; `before_start`:
    received before the mission opened (its start_at, activation or first cycle); `locked`: the mission
    was still locked for the user; `not_granted`: the featured mission had not been granted to the user
    yet; `after_deadline`: received after the deadline (end_at, time_to_complete or the cycle's reset);
    `not_opted_in`: the mission needs an opt-in, and the user had not opted in yet;
    `submission_pending`: a submission was waiting for review; `already_completed`: the mission was
    already completed (every completion used); `cycle_completed`: the recurring mission's current cycle
    was already completed; `budget_spent`: the mission's budget cap was spent before the user started;
    `mission_paused`: received while the mission was paused: its events count for nobody, then or later.

    Args:
        mission_id (str):
        limit (int | Unset): Events per page Default: 100.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | Explanation
    """

    return (
        await asyncio_detailed(
            mission_id=mission_id,
            client=client,
            limit=limit,
            cursor=cursor,
        )
    ).parsed

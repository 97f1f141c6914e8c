from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.send_update_in import SendUpdateIn
from ...models.send_update_out import SendUpdateOut
from typing import cast


def _get_kwargs(
    mission_id: str,
    *,
    body: SendUpdateIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/missions/{mission_id}/updates".format(
            mission_id=quote(str(mission_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | SendUpdateOut | None:
    if response.status_code == 202:
        response_202 = SendUpdateOut.from_dict(response.json())

        return response_202

    if response.status_code == 400:
        response_400 = ErrorBody.from_dict(response.json())

        return response_400

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
) -> Response[ErrorBody | SendUpdateOut]:
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
    body: SendUpdateIn,
) -> Response[ErrorBody | SendUpdateOut]:
    """Send Update: a message to a mission's users

     Sends `text` (the `send_update` template's `{{customText}}`) through the channels carrying
    `send_update`: to `user_ids` at once (`users`, `deliveries`), or, without them, to every user
    with a journey of the mission, however many, by a background fan-out (`fanout_id`). With `id`,
    sending the same update again sends nothing more. 404 `mission_not_found`; 409
    `notifications_off` for a mission with `notify: false`.

    Args:
        mission_id (str):
        body (SendUpdateIn): An admin's update to a mission's users.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | SendUpdateOut]
    """

    kwargs = _get_kwargs(
        mission_id=mission_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    mission_id: str,
    *,
    client: AuthenticatedClient,
    body: SendUpdateIn,
) -> ErrorBody | SendUpdateOut | None:
    """Send Update: a message to a mission's users

     Sends `text` (the `send_update` template's `{{customText}}`) through the channels carrying
    `send_update`: to `user_ids` at once (`users`, `deliveries`), or, without them, to every user
    with a journey of the mission, however many, by a background fan-out (`fanout_id`). With `id`,
    sending the same update again sends nothing more. 404 `mission_not_found`; 409
    `notifications_off` for a mission with `notify: false`.

    Args:
        mission_id (str):
        body (SendUpdateIn): An admin's update to a mission's users.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | SendUpdateOut
    """

    return sync_detailed(
        mission_id=mission_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    mission_id: str,
    *,
    client: AuthenticatedClient,
    body: SendUpdateIn,
) -> Response[ErrorBody | SendUpdateOut]:
    """Send Update: a message to a mission's users

     Sends `text` (the `send_update` template's `{{customText}}`) through the channels carrying
    `send_update`: to `user_ids` at once (`users`, `deliveries`), or, without them, to every user
    with a journey of the mission, however many, by a background fan-out (`fanout_id`). With `id`,
    sending the same update again sends nothing more. 404 `mission_not_found`; 409
    `notifications_off` for a mission with `notify: false`.

    Args:
        mission_id (str):
        body (SendUpdateIn): An admin's update to a mission's users.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | SendUpdateOut]
    """

    kwargs = _get_kwargs(
        mission_id=mission_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    mission_id: str,
    *,
    client: AuthenticatedClient,
    body: SendUpdateIn,
) -> ErrorBody | SendUpdateOut | None:
    """Send Update: a message to a mission's users

     Sends `text` (the `send_update` template's `{{customText}}`) through the channels carrying
    `send_update`: to `user_ids` at once (`users`, `deliveries`), or, without them, to every user
    with a journey of the mission, however many, by a background fan-out (`fanout_id`). With `id`,
    sending the same update again sends nothing more. 404 `mission_not_found`; 409
    `notifications_off` for a mission with `notify: false`.

    Args:
        mission_id (str):
        body (SendUpdateIn): An admin's update to a mission's users.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | SendUpdateOut
    """

    return (
        await asyncio_detailed(
            mission_id=mission_id,
            client=client,
            body=body,
        )
    ).parsed

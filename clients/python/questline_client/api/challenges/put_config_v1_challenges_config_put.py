from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.challenge_config import ChallengeConfig
from ...models.error_body import ErrorBody
from typing import cast


def _get_kwargs(
    *,
    body: ChallengeConfig,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/challenges/config",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ChallengeConfig | ErrorBody | None:
    if response.status_code == 200:
        response_200 = ChallengeConfig.from_dict(response.json())

        return response_200

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
) -> Response[ChallengeConfig | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ChallengeConfig,
) -> Response[ChallengeConfig | ErrorBody]:
    """Put Config

     Sets which event types users may build challenges on, the reward per completed challenge
    and the limits (422 naming the field; `item_not_found` for an unknown shop item): minimum and
    maximum target and periods, running challenges per user, and rewarded challenges per user
    per `reward_period` (`max_rewarded_per_period`, default 3 a day). A field left out takes its
    default.

    Applies to challenges created from now on: running challenges keep their reward, and those on
    a type no longer enabled go on until completed or left.

    Args:
        body (ChallengeConfig): The operator's rules for user challenges: what may be challenged,
            the reward, the limits.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChallengeConfig | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: ChallengeConfig,
) -> ChallengeConfig | ErrorBody | None:
    """Put Config

     Sets which event types users may build challenges on, the reward per completed challenge
    and the limits (422 naming the field; `item_not_found` for an unknown shop item): minimum and
    maximum target and periods, running challenges per user, and rewarded challenges per user
    per `reward_period` (`max_rewarded_per_period`, default 3 a day). A field left out takes its
    default.

    Applies to challenges created from now on: running challenges keep their reward, and those on
    a type no longer enabled go on until completed or left.

    Args:
        body (ChallengeConfig): The operator's rules for user challenges: what may be challenged,
            the reward, the limits.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChallengeConfig | ErrorBody
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ChallengeConfig,
) -> Response[ChallengeConfig | ErrorBody]:
    """Put Config

     Sets which event types users may build challenges on, the reward per completed challenge
    and the limits (422 naming the field; `item_not_found` for an unknown shop item): minimum and
    maximum target and periods, running challenges per user, and rewarded challenges per user
    per `reward_period` (`max_rewarded_per_period`, default 3 a day). A field left out takes its
    default.

    Applies to challenges created from now on: running challenges keep their reward, and those on
    a type no longer enabled go on until completed or left.

    Args:
        body (ChallengeConfig): The operator's rules for user challenges: what may be challenged,
            the reward, the limits.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChallengeConfig | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ChallengeConfig,
) -> ChallengeConfig | ErrorBody | None:
    """Put Config

     Sets which event types users may build challenges on, the reward per completed challenge
    and the limits (422 naming the field; `item_not_found` for an unknown shop item): minimum and
    maximum target and periods, running challenges per user, and rewarded challenges per user
    per `reward_period` (`max_rewarded_per_period`, default 3 a day). A field left out takes its
    default.

    Applies to challenges created from now on: running challenges keep their reward, and those on
    a type no longer enabled go on until completed or left.

    Args:
        body (ChallengeConfig): The operator's rules for user challenges: what may be challenged,
            the reward, the limits.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChallengeConfig | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed

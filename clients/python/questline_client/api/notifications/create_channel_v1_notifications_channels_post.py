from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.channel_in import ChannelIn
from ...models.channel_row import ChannelRow
from ...models.error_body import ErrorBody
from typing import cast


def _get_kwargs(
    *,
    body: ChannelIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/notifications/channels",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ChannelRow | ErrorBody | None:
    if response.status_code == 201:
        response_201 = ChannelRow.from_dict(response.json())

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
) -> Response[ChannelRow | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ChannelIn,
) -> Response[ChannelRow | ErrorBody]:
    """Add a notification channel

     Adds a channel. `webhook`: a JSON POST to `url` of `{"id", "type":
    "notification.<event>", "created_at", "data": {"event", "user_id", "mission_id", "subject", "text",
    "html", "values"}}`, signed like callbacks (`Questline-Signature` with the callback secret;
    `Questline-Delivery` is the delivery id, the same on every attempt). `slack`: a POST of
    `{"text": ...}` to an incoming-webhook URL. `email`: SMTP (the server is in the settings) to the
    address in the user attribute `email_attribute` (default `email`); a user without one is
    `skipped`. `events` limits what it carries (default all).

    URLs are called only where the outbound policy allows (422 naming `url` otherwise). 422
    `smtp_not_configured` naming `kind` for an email channel when QUESTLINE_SMTP_HOST/FROM are unset.

    Args:
        body (ChannelIn): A channel the operator configures: a signed webhook, email over SMTP, or
            a Slack-style webhook.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChannelRow | ErrorBody]
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
    body: ChannelIn,
) -> ChannelRow | ErrorBody | None:
    """Add a notification channel

     Adds a channel. `webhook`: a JSON POST to `url` of `{"id", "type":
    "notification.<event>", "created_at", "data": {"event", "user_id", "mission_id", "subject", "text",
    "html", "values"}}`, signed like callbacks (`Questline-Signature` with the callback secret;
    `Questline-Delivery` is the delivery id, the same on every attempt). `slack`: a POST of
    `{"text": ...}` to an incoming-webhook URL. `email`: SMTP (the server is in the settings) to the
    address in the user attribute `email_attribute` (default `email`); a user without one is
    `skipped`. `events` limits what it carries (default all).

    URLs are called only where the outbound policy allows (422 naming `url` otherwise). 422
    `smtp_not_configured` naming `kind` for an email channel when QUESTLINE_SMTP_HOST/FROM are unset.

    Args:
        body (ChannelIn): A channel the operator configures: a signed webhook, email over SMTP, or
            a Slack-style webhook.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChannelRow | ErrorBody
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ChannelIn,
) -> Response[ChannelRow | ErrorBody]:
    """Add a notification channel

     Adds a channel. `webhook`: a JSON POST to `url` of `{"id", "type":
    "notification.<event>", "created_at", "data": {"event", "user_id", "mission_id", "subject", "text",
    "html", "values"}}`, signed like callbacks (`Questline-Signature` with the callback secret;
    `Questline-Delivery` is the delivery id, the same on every attempt). `slack`: a POST of
    `{"text": ...}` to an incoming-webhook URL. `email`: SMTP (the server is in the settings) to the
    address in the user attribute `email_attribute` (default `email`); a user without one is
    `skipped`. `events` limits what it carries (default all).

    URLs are called only where the outbound policy allows (422 naming `url` otherwise). 422
    `smtp_not_configured` naming `kind` for an email channel when QUESTLINE_SMTP_HOST/FROM are unset.

    Args:
        body (ChannelIn): A channel the operator configures: a signed webhook, email over SMTP, or
            a Slack-style webhook.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChannelRow | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ChannelIn,
) -> ChannelRow | ErrorBody | None:
    """Add a notification channel

     Adds a channel. `webhook`: a JSON POST to `url` of `{"id", "type":
    "notification.<event>", "created_at", "data": {"event", "user_id", "mission_id", "subject", "text",
    "html", "values"}}`, signed like callbacks (`Questline-Signature` with the callback secret;
    `Questline-Delivery` is the delivery id, the same on every attempt). `slack`: a POST of
    `{"text": ...}` to an incoming-webhook URL. `email`: SMTP (the server is in the settings) to the
    address in the user attribute `email_attribute` (default `email`); a user without one is
    `skipped`. `events` limits what it carries (default all).

    URLs are called only where the outbound policy allows (422 naming `url` otherwise). 422
    `smtp_not_configured` naming `kind` for an email channel when QUESTLINE_SMTP_HOST/FROM are unset.

    Args:
        body (ChannelIn): A channel the operator configures: a signed webhook, email over SMTP, or
            a Slack-style webhook.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChannelRow | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed

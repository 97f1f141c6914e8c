from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.segment import Segment
from ...models.segment_patch import SegmentPatch
from typing import cast


def _get_kwargs(
    segment_id: str,
    *,
    body: SegmentPatch,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/segments/{segment_id}".format(
            segment_id=quote(str(segment_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorBody | Segment | None:
    if response.status_code == 200:
        response_200 = Segment.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorBody | Segment]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    segment_id: str,
    *,
    client: AuthenticatedClient,
    body: SegmentPatch,
) -> Response[ErrorBody | Segment]:
    """Patch Segment

     Renames a segment, or replaces a rule segment's rule: the new rule is evaluated at once for
    every user, and who enters or leaves is routed as on any change (trigger grants, on-entry
    broadcasts, eligibility). A rule that time alone can change gets its durable clock.

    Args:
        segment_id (str):
        body (SegmentPatch): Changes to a segment: a new name, and for a rule segment a new rule
            (evaluated at once).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | Segment]
    """

    kwargs = _get_kwargs(
        segment_id=segment_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    segment_id: str,
    *,
    client: AuthenticatedClient,
    body: SegmentPatch,
) -> ErrorBody | Segment | None:
    """Patch Segment

     Renames a segment, or replaces a rule segment's rule: the new rule is evaluated at once for
    every user, and who enters or leaves is routed as on any change (trigger grants, on-entry
    broadcasts, eligibility). A rule that time alone can change gets its durable clock.

    Args:
        segment_id (str):
        body (SegmentPatch): Changes to a segment: a new name, and for a rule segment a new rule
            (evaluated at once).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | Segment
    """

    return sync_detailed(
        segment_id=segment_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    segment_id: str,
    *,
    client: AuthenticatedClient,
    body: SegmentPatch,
) -> Response[ErrorBody | Segment]:
    """Patch Segment

     Renames a segment, or replaces a rule segment's rule: the new rule is evaluated at once for
    every user, and who enters or leaves is routed as on any change (trigger grants, on-entry
    broadcasts, eligibility). A rule that time alone can change gets its durable clock.

    Args:
        segment_id (str):
        body (SegmentPatch): Changes to a segment: a new name, and for a rule segment a new rule
            (evaluated at once).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | Segment]
    """

    kwargs = _get_kwargs(
        segment_id=segment_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    segment_id: str,
    *,
    client: AuthenticatedClient,
    body: SegmentPatch,
) -> ErrorBody | Segment | None:
    """Patch Segment

     Renames a segment, or replaces a rule segment's rule: the new rule is evaluated at once for
    every user, and who enters or leaves is routed as on any change (trigger grants, on-entry
    broadcasts, eligibility). A rule that time alone can change gets its durable clock.

    Args:
        segment_id (str):
        body (SegmentPatch): Changes to a segment: a new name, and for a rule segment a new rule
            (evaluated at once).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | Segment
    """

    return (
        await asyncio_detailed(
            segment_id=segment_id,
            client=client,
            body=body,
        )
    ).parsed

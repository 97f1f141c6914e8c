from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.decline import Decline
from ...models.error_body import ErrorBody
from ...models.submission_row import SubmissionRow
from typing import cast


def _get_kwargs(
    submission_id: str,
    *,
    body: Decline,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/submissions/{submission_id}/decline".format(
            submission_id=quote(str(submission_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | SubmissionRow | None:
    if response.status_code == 200:
        response_200 = SubmissionRow.from_dict(response.json())

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorBody | SubmissionRow]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    submission_id: str,
    *,
    client: AuthenticatedClient,
    body: Decline,
) -> Response[ErrorBody | SubmissionRow]:
    """Decline

     Declines the pending proof with feedback; the user may submit again.

    Args:
        submission_id (str):
        body (Decline): Why the proof was declined; the user sees it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | SubmissionRow]
    """

    kwargs = _get_kwargs(
        submission_id=submission_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    submission_id: str,
    *,
    client: AuthenticatedClient,
    body: Decline,
) -> ErrorBody | SubmissionRow | None:
    """Decline

     Declines the pending proof with feedback; the user may submit again.

    Args:
        submission_id (str):
        body (Decline): Why the proof was declined; the user sees it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | SubmissionRow
    """

    return sync_detailed(
        submission_id=submission_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    submission_id: str,
    *,
    client: AuthenticatedClient,
    body: Decline,
) -> Response[ErrorBody | SubmissionRow]:
    """Decline

     Declines the pending proof with feedback; the user may submit again.

    Args:
        submission_id (str):
        body (Decline): Why the proof was declined; the user sees it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | SubmissionRow]
    """

    kwargs = _get_kwargs(
        submission_id=submission_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    submission_id: str,
    *,
    client: AuthenticatedClient,
    body: Decline,
) -> ErrorBody | SubmissionRow | None:
    """Decline

     Declines the pending proof with feedback; the user may submit again.

    Args:
        submission_id (str):
        body (Decline): Why the proof was declined; the user sees it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | SubmissionRow
    """

    return (
        await asyncio_detailed(
            submission_id=submission_id,
            client=client,
            body=body,
        )
    ).parsed

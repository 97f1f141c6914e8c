from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.proof_upload import ProofUpload
from ...models.submission import Submission
from ...models.submission_in import SubmissionIn
from typing import cast


def _get_kwargs(
    user_id: str,
    mission_id: str,
    *,
    body: SubmissionIn | ProofUpload | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/users/{user_id}/missions/{mission_id}/submissions".format(
            user_id=quote(str(user_id), safe=""),
            mission_id=quote(str(mission_id), safe=""),
        ),
    }

    if isinstance(body, SubmissionIn):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, ProofUpload):
        _kwargs["files"] = body.to_multipart()

        headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorBody | Submission | None:
    if response.status_code == 201:
        response_201 = Submission.from_dict(response.json())

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

    if response.status_code == 503:
        response_503 = ErrorBody.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorBody | Submission]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    user_id: str,
    mission_id: str,
    *,
    client: AuthenticatedClient,
    body: SubmissionIn | ProofUpload | Unset = UNSET,
) -> Response[ErrorBody | Submission]:
    """Submit

     Submits proof for a manual mission; the journey waits in `pending` (409 while one waits).

    Send JSON (`link`, `text`, `image`/`video` as a URL, `survey` answers), or upload an image or
    a video as `multipart/form-data` with the fields `kind` and `file`: at most
    `QUESTLINE_UPLOAD_MAX_BYTES` (413), of a type the settings allow whose bytes match it (415).
    Admins fetch an uploaded file at `GET /v1/submissions/{id}/proof`.

    Args:
        user_id (str): A user id: 1 to 200 characters, NFC-normalised, without whitespace, / : ? #
            %, control, format (bidi, zero-width), invisible, private-use or unassigned characters, or
            U+FFFD.
        mission_id (str):
        body (SubmissionIn): A proof submission.
        body (ProofUpload): An image, video or document (PDF) proof sent as `multipart/form-data`
            (the file's
            `Content-Type` is checked, and its first bytes must match it).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | Submission]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        mission_id=mission_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    user_id: str,
    mission_id: str,
    *,
    client: AuthenticatedClient,
    body: SubmissionIn | ProofUpload | Unset = UNSET,
) -> ErrorBody | Submission | None:
    """Submit

     Submits proof for a manual mission; the journey waits in `pending` (409 while one waits).

    Send JSON (`link`, `text`, `image`/`video` as a URL, `survey` answers), or upload an image or
    a video as `multipart/form-data` with the fields `kind` and `file`: at most
    `QUESTLINE_UPLOAD_MAX_BYTES` (413), of a type the settings allow whose bytes match it (415).
    Admins fetch an uploaded file at `GET /v1/submissions/{id}/proof`.

    Args:
        user_id (str): A user id: 1 to 200 characters, NFC-normalised, without whitespace, / : ? #
            %, control, format (bidi, zero-width), invisible, private-use or unassigned characters, or
            U+FFFD.
        mission_id (str):
        body (SubmissionIn): A proof submission.
        body (ProofUpload): An image, video or document (PDF) proof sent as `multipart/form-data`
            (the file's
            `Content-Type` is checked, and its first bytes must match it).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | Submission
    """

    return sync_detailed(
        user_id=user_id,
        mission_id=mission_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    user_id: str,
    mission_id: str,
    *,
    client: AuthenticatedClient,
    body: SubmissionIn | ProofUpload | Unset = UNSET,
) -> Response[ErrorBody | Submission]:
    """Submit

     Submits proof for a manual mission; the journey waits in `pending` (409 while one waits).

    Send JSON (`link`, `text`, `image`/`video` as a URL, `survey` answers), or upload an image or
    a video as `multipart/form-data` with the fields `kind` and `file`: at most
    `QUESTLINE_UPLOAD_MAX_BYTES` (413), of a type the settings allow whose bytes match it (415).
    Admins fetch an uploaded file at `GET /v1/submissions/{id}/proof`.

    Args:
        user_id (str): A user id: 1 to 200 characters, NFC-normalised, without whitespace, / : ? #
            %, control, format (bidi, zero-width), invisible, private-use or unassigned characters, or
            U+FFFD.
        mission_id (str):
        body (SubmissionIn): A proof submission.
        body (ProofUpload): An image, video or document (PDF) proof sent as `multipart/form-data`
            (the file's
            `Content-Type` is checked, and its first bytes must match it).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | Submission]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        mission_id=mission_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    user_id: str,
    mission_id: str,
    *,
    client: AuthenticatedClient,
    body: SubmissionIn | ProofUpload | Unset = UNSET,
) -> ErrorBody | Submission | None:
    """Submit

     Submits proof for a manual mission; the journey waits in `pending` (409 while one waits).

    Send JSON (`link`, `text`, `image`/`video` as a URL, `survey` answers), or upload an image or
    a video as `multipart/form-data` with the fields `kind` and `file`: at most
    `QUESTLINE_UPLOAD_MAX_BYTES` (413), of a type the settings allow whose bytes match it (415).
    Admins fetch an uploaded file at `GET /v1/submissions/{id}/proof`.

    Args:
        user_id (str): A user id: 1 to 200 characters, NFC-normalised, without whitespace, / : ? #
            %, control, format (bidi, zero-width), invisible, private-use or unassigned characters, or
            U+FFFD.
        mission_id (str):
        body (SubmissionIn): A proof submission.
        body (ProofUpload): An image, video or document (PDF) proof sent as `multipart/form-data`
            (the file's
            `Content-Type` is checked, and its first bytes must match it).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | Submission
    """

    return (
        await asyncio_detailed(
            user_id=user_id,
            mission_id=mission_id,
            client=client,
            body=body,
        )
    ).parsed

from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_body import ErrorBody
from ...models.image_out import ImageOut
from ...models.image_upload import ImageUpload
from ...models.upload_image_v1_missions_mission_id_images_post_slot import UploadImageV1MissionsMissionIdImagesPostSlot
from typing import cast


def _get_kwargs(
    mission_id: str,
    *,
    body: ImageUpload,
    slot: UploadImageV1MissionsMissionIdImagesPostSlot,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    json_slot = slot.value
    params["slot"] = json_slot

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/missions/{mission_id}/images".format(
            mission_id=quote(str(mission_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorBody | ImageOut | None:
    if response.status_code == 201:
        response_201 = ImageOut.from_dict(response.json())

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
) -> Response[ErrorBody | ImageOut]:
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
    body: ImageUpload,
    slot: UploadImageV1MissionsMissionIdImagesPostSlot,
) -> Response[ErrorBody | ImageOut]:
    """Upload a mission's card or page image

     Uploads an image for the mission's card or page (`?slot=card|page`) as
    `multipart/form-data` with one part, `file`. The image's type is told by its bytes — png, jpeg,
    webp or gif — never by the declared `Content-Type`. It is stored like uploaded proofs and served,
    public and immutable, at `url` (`GET /v1/mission-images/{image_id}`, no credentials; 404
    `image_not_found`): set the mission spec's `images.card` / `images.page` to it
    (`PATCH /v1/missions/{id}`). Each upload is a new image; earlier ones stay served.

    413 `upload_too_large` past `QUESTLINE_MISSION_IMAGE_MAX_BYTES`; 415 `unsupported_media_type` when
    the bytes are none of those types; 422 naming `slot` or `file` (missing, empty, an unknown form
    field); 400 `invalid_multipart`; 404 `mission_not_found`; 503 when the store cannot take it.

    Args:
        mission_id (str):
        slot (UploadImageV1MissionsMissionIdImagesPostSlot): `card` (the mission card) or `page`
            (the mission page)
        body (ImageUpload): A mission's card or page image sent as `multipart/form-data`: png,
            jpeg, webp or gif, told by
            its first bytes (the declared `Content-Type` is not trusted).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | ImageOut]
    """

    kwargs = _get_kwargs(
        mission_id=mission_id,
        body=body,
        slot=slot,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    mission_id: str,
    *,
    client: AuthenticatedClient,
    body: ImageUpload,
    slot: UploadImageV1MissionsMissionIdImagesPostSlot,
) -> ErrorBody | ImageOut | None:
    """Upload a mission's card or page image

     Uploads an image for the mission's card or page (`?slot=card|page`) as
    `multipart/form-data` with one part, `file`. The image's type is told by its bytes — png, jpeg,
    webp or gif — never by the declared `Content-Type`. It is stored like uploaded proofs and served,
    public and immutable, at `url` (`GET /v1/mission-images/{image_id}`, no credentials; 404
    `image_not_found`): set the mission spec's `images.card` / `images.page` to it
    (`PATCH /v1/missions/{id}`). Each upload is a new image; earlier ones stay served.

    413 `upload_too_large` past `QUESTLINE_MISSION_IMAGE_MAX_BYTES`; 415 `unsupported_media_type` when
    the bytes are none of those types; 422 naming `slot` or `file` (missing, empty, an unknown form
    field); 400 `invalid_multipart`; 404 `mission_not_found`; 503 when the store cannot take it.

    Args:
        mission_id (str):
        slot (UploadImageV1MissionsMissionIdImagesPostSlot): `card` (the mission card) or `page`
            (the mission page)
        body (ImageUpload): A mission's card or page image sent as `multipart/form-data`: png,
            jpeg, webp or gif, told by
            its first bytes (the declared `Content-Type` is not trusted).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | ImageOut
    """

    return sync_detailed(
        mission_id=mission_id,
        client=client,
        body=body,
        slot=slot,
    ).parsed


async def asyncio_detailed(
    mission_id: str,
    *,
    client: AuthenticatedClient,
    body: ImageUpload,
    slot: UploadImageV1MissionsMissionIdImagesPostSlot,
) -> Response[ErrorBody | ImageOut]:
    """Upload a mission's card or page image

     Uploads an image for the mission's card or page (`?slot=card|page`) as
    `multipart/form-data` with one part, `file`. The image's type is told by its bytes — png, jpeg,
    webp or gif — never by the declared `Content-Type`. It is stored like uploaded proofs and served,
    public and immutable, at `url` (`GET /v1/mission-images/{image_id}`, no credentials; 404
    `image_not_found`): set the mission spec's `images.card` / `images.page` to it
    (`PATCH /v1/missions/{id}`). Each upload is a new image; earlier ones stay served.

    413 `upload_too_large` past `QUESTLINE_MISSION_IMAGE_MAX_BYTES`; 415 `unsupported_media_type` when
    the bytes are none of those types; 422 naming `slot` or `file` (missing, empty, an unknown form
    field); 400 `invalid_multipart`; 404 `mission_not_found`; 503 when the store cannot take it.

    Args:
        mission_id (str):
        slot (UploadImageV1MissionsMissionIdImagesPostSlot): `card` (the mission card) or `page`
            (the mission page)
        body (ImageUpload): A mission's card or page image sent as `multipart/form-data`: png,
            jpeg, webp or gif, told by
            its first bytes (the declared `Content-Type` is not trusted).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | ImageOut]
    """

    kwargs = _get_kwargs(
        mission_id=mission_id,
        body=body,
        slot=slot,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    mission_id: str,
    *,
    client: AuthenticatedClient,
    body: ImageUpload,
    slot: UploadImageV1MissionsMissionIdImagesPostSlot,
) -> ErrorBody | ImageOut | None:
    """Upload a mission's card or page image

     Uploads an image for the mission's card or page (`?slot=card|page`) as
    `multipart/form-data` with one part, `file`. The image's type is told by its bytes — png, jpeg,
    webp or gif — never by the declared `Content-Type`. It is stored like uploaded proofs and served,
    public and immutable, at `url` (`GET /v1/mission-images/{image_id}`, no credentials; 404
    `image_not_found`): set the mission spec's `images.card` / `images.page` to it
    (`PATCH /v1/missions/{id}`). Each upload is a new image; earlier ones stay served.

    413 `upload_too_large` past `QUESTLINE_MISSION_IMAGE_MAX_BYTES`; 415 `unsupported_media_type` when
    the bytes are none of those types; 422 naming `slot` or `file` (missing, empty, an unknown form
    field); 400 `invalid_multipart`; 404 `mission_not_found`; 503 when the store cannot take it.

    Args:
        mission_id (str):
        slot (UploadImageV1MissionsMissionIdImagesPostSlot): `card` (the mission card) or `page`
            (the mission page)
        body (ImageUpload): A mission's card or page image sent as `multipart/form-data`: png,
            jpeg, webp or gif, told by
            its first bytes (the declared `Content-Type` is not trusted).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | ImageOut
    """

    return (
        await asyncio_detailed(
            mission_id=mission_id,
            client=client,
            body=body,
            slot=slot,
        )
    ).parsed

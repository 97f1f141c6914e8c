"""Card and page images uploaded for a mission (issue 17): admins upload and list them; anyone
fetches one by the URL the mission spec's `images.card` / `images.page` points at."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api import proofs
from api.deps import Admin, Conn, ServicesDep, StoreDep
from api.errors import ApiError, ErrorBody, error_responses
from services import links as svc
from services.links import ImageList, ImageOut, ImageSlot, UnsupportedImage
from storage import StoreError

__all__ = ["router"]

log = logging.getLogger("questline.api")

router = APIRouter(tags=["missions"])

UPLOAD = """Uploads an image for the mission's card or page (`?slot=card|page`) as
`multipart/form-data` with one part, `file`. The image's type is told by its bytes — png, jpeg,
webp or gif — never by the declared `Content-Type`. It is stored like uploaded proofs and served,
public and immutable, at `url` (`GET /v1/mission-images/{image_id}`, no credentials; 404
`image_not_found`): set the mission spec's `images.card` / `images.page` to it
(`PATCH /v1/missions/{id}`). Each upload is a new image; earlier ones stay served.

413 `upload_too_large` past `QUESTLINE_MISSION_IMAGE_MAX_BYTES`; 415 `unsupported_media_type` when
the bytes are none of those types; 422 naming `slot` or `file` (missing, empty, an unknown form
field); 400 `invalid_multipart`; 404 `mission_not_found`; 503 when the store cannot take it."""

_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {"$ref": "#/components/schemas/ImageUpload"},
                "encoding": {"file": {"contentType": "image/png, image/jpeg, image/webp, image/gif"}},
            }
        },
    }
}

_UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {
    413: {"model": ErrorBody, "description": "The image is larger than `QUESTLINE_MISSION_IMAGE_MAX_BYTES`"},
    415: {"model": ErrorBody, "description": "The bytes are not a png, jpeg, webp or gif image"},
    503: {"model": ErrorBody, "description": "The upload store cannot take the image now"},
}


def _url_of(request: Request) -> Callable[[str], str]:
    """Where each uploaded image is served, on the host the request came to."""
    return lambda image_id: str(request.url_for("mission_image", image_id=image_id))


@router.post(
    "/v1/missions/{mission_id}/images",
    status_code=201,
    response_model=ImageOut,
    responses={**error_responses(400, 401, 403, 404, 422), **_UPLOAD_ERRORS},
    openapi_extra=_BODY,
    summary="Upload a mission's card or page image",
    description=UPLOAD,
)
async def upload_image(
    mission_id: str,
    request: Request,
    services: ServicesDep,
    _: Admin,
    slot: Annotated[ImageSlot, Query(description="`card` (the mission card) or `page` (the mission page)")],
) -> ImageOut:
    """Stores an uploaded card or page image."""
    # No transaction is held while the file streams in: the mission is checked first, then again on record.
    await svc.check_mission(services.engine, mission_id)
    if not proofs.is_multipart(request):
        raise ApiError(
            415,
            "unsupported_media_type",
            "send the image as multipart/form-data with a part named `file`",
            [{"field": "content-type", "reason": "send multipart/form-data"}],
        )
    limit = services.settings.mission_image_max_bytes
    filename, _declared, data = proofs.file_of(await proofs.read_form(request, limit, (proofs.FILE_FIELD,)))
    try:
        return await svc.add_image(
            services.engine,
            services.store,
            mission_id=mission_id,
            slot=slot,
            filename=filename,
            data=data,
            url_of=_url_of(request),
        )
    except UnsupportedImage as exc:
        raise ApiError(
            415,
            "unsupported_media_type",
            "file: not a png, jpeg, webp or gif image (its bytes are checked, not its declared type)",
            [{"field": "file", "reason": "send a png, jpeg, webp or gif image", "allowed": list(exc.allowed)}],
        ) from exc
    except StoreError as exc:
        log.exception("cannot store an image of mission %s", mission_id)
        raise ApiError(503, "upload_store_unavailable", "the image cannot be stored now; try again later") from exc


@router.get(
    "/v1/missions/{mission_id}/images",
    response_model=ImageList,
    responses=error_responses(401, 403, 404, 422),
    summary="A mission's uploaded images",
)
async def list_images(
    mission_id: str,
    request: Request,
    conn: Conn,
    _: Admin,
    limit: Annotated[int, Query(ge=1, le=500, description="How many of the latest images")] = 100,
) -> ImageList:
    """The mission's latest uploaded card and page images, newest first."""
    return await svc.images_of(conn, mission_id, _url_of(request), limit)


@router.delete(
    "/v1/missions/{mission_id}/images/{image_id}",
    status_code=204,
    response_class=Response,
    responses=error_responses(401, 403, 404, 409),
    summary="Delete an uploaded mission image",
    description="Deletes an image uploaded for the mission (its URL then answers 404). 404 `image_not_found`; "
    "409 `image_in_use` while the mission's `images.card` or `images.page` points at it (`details.slots`).",
)
async def delete_image(mission_id: str, image_id: str, services: ServicesDep, _: Admin) -> Response:
    """Deletes an uploaded image nobody's card or page shows."""
    try:
        await svc.delete_image(services.engine, services.store, mission_id, image_id)
    except StoreError:
        # The record is gone, so the image is no longer served; the bytes stay behind in the store.
        log.exception("cannot delete the bytes of image %s", image_id)
    return Response(status_code=204)


_IMAGE_BYTES = {
    "description": "The image's bytes, as uploaded (its type told by its bytes at upload)",
    # png, jpeg, webp or gif: as a range, which typed clients read as bytes.
    "content": {"image/*": {"schema": {"type": "string", "format": "binary"}}},
}


# A public, immutable file (no credentials, nothing to authorise: cards show it to anyone).
@router.get(
    "/v1/mission-images/{image_id}",
    name="mission_image",
    response_class=Response,
    summary="An uploaded card or page image (public)",
    responses={
        200: _IMAGE_BYTES,
        **error_responses(404),
        503: {"model": ErrorBody, "description": "The upload store cannot be read now"},
    },
)
async def image_file(image_id: str, conn: Conn, store: StoreDep) -> Response:
    """An uploaded card or page image (public: cards show it to anyone; never changes)."""
    try:
        data, content_type = await svc.image_file(conn, store, image_id)
    except StoreError as exc:
        raise ApiError(503, "upload_store_unavailable", "the image cannot be read now; try again later") from exc
    return Response(
        data,
        media_type=content_type,
        headers={
            "Cache-Control": "public, max-age=31536000, immutable",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "Cross-Origin-Resource-Policy": "cross-origin",
        },
    )

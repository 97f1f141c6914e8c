"""Reading a proof from a submission request: a JSON body, or an upload streamed within limits.

An upload is `multipart/form-data` with a `kind` and a `file`. The body is parsed as it streams
in (python-multipart's push parser): the file is kept in memory up to the limit plus one byte
and the request fails with 413 the moment it grows past it, so a client can never make the API
hold more than `QUESTLINE_UPLOAD_MAX_BYTES` of it. The file is then checked (declared type
allowed for the kind, first bytes matching that type), stored, and only then submitted.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from email.message import Message
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field, ValidationError
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

from api.errors import ApiError, ErrorBody
from api.schemas import Strict
from domain.errors import DomainError, Invalid
from domain.goals import check_proof
from domain.media import HEAD_BYTES, KNOWN_TYPES, UPLOAD_KINDS, matches, normalize
from domain.missions import ManualGoal
from settings import Settings
from storage import ObjectStore, StoreError

if TYPE_CHECKING:
    from python_multipart.multipart import MultipartCallbacks

log = logging.getLogger("questline.api")
T = TypeVar("T")

#: Largest JSON submission read (a text proof is at most 10,000 characters).
JSON_MAX_BYTES = 1024 * 1024


class ProofIn(Strict):
    """Proof of a manual goal: `link`, `text`, `image`/`video` (URL), `survey` answers or
    `linkedin_post` (the https URL of the user's post on linkedin.com)."""

    kind: Literal["link", "text", "image", "video", "survey", "linkedin_post"]
    value: str | dict[str, str]


class SubmissionIn(Strict):
    """A proof submission."""

    proof: ProofIn


#: The form fields, and how large each text field may be.
FILE_FIELD = "file"
KIND_FIELD = "kind"
_TEXT_FIELD_MAX = 1024
#: Room for multipart boundaries and part headers on top of the file itself.
_ENVELOPE_BYTES = 64 * 1024
_MAX_FILENAME = 255


UploadKind = Literal["image", "video", "document"]


class ProofUpload(BaseModel):
    """An image, video or document (PDF) proof sent as `multipart/form-data` (the file's
    `Content-Type` is checked, and its first bytes must match it)."""

    kind: UploadKind = Field(description="`image`, `video` or `document` (a PDF); the mission must accept it")
    file: bytes = Field(description="the file, with its Content-Type; its first bytes must match that type")


class ImageUpload(BaseModel):
    """A mission's card or page image sent as `multipart/form-data`: png, jpeg, webp or gif, told by
    its first bytes (the declared `Content-Type` is not trusted)."""

    file: bytes = Field(description="the image file")


@dataclass(frozen=True)
class UploadedFile:
    """The parts of a proof upload, read within the limits."""

    kind: UploadKind
    filename: str | None
    content_type: str
    data: bytes


def too_large(field: str, limit: int, code: str = "upload_too_large") -> ApiError:
    """The 413 of an upload (or body) larger than `limit` bytes."""
    return ApiError(
        413,
        code,
        f"{field}: larger than the limit of {limit} bytes",
        [{"field": field, "reason": f"larger than {limit} bytes", "max_bytes": limit}],
    )


async def read_capped(chunks: AsyncIterator[bytes], limit: int, field: str, *, code: str = "upload_too_large") -> bytes:
    """All of `chunks`, or 413 as soon as they add up to more than `limit` bytes (never reading on)."""
    out = bytearray()
    async for chunk in chunks:
        out += chunk
        if len(out) > limit:
            raise too_large(field, limit, code)
    return bytes(out)


def _invalid(field: str, reason: str) -> Invalid:
    return Invalid("invalid_upload", f"{field}: {reason}", [{"field": field, "reason": reason}])


def _malformed(reason: str) -> ApiError:
    return ApiError(400, "invalid_multipart", f"the multipart body is malformed: {reason}")


class FormPart:
    """One part of a multipart form as it is parsed: its headers, then its bytes."""

    def __init__(self) -> None:
        self.headers: list[tuple[bytes, bytes]] = []
        self.name: str | None = None
        self.filename: str | None = None
        self.content_type = ""
        self.data = bytearray()


class _FormReader:
    """python-multipart callbacks that keep the `kind` and `file` parts, each within its limit."""

    def __init__(self, max_bytes: int, fields: tuple[str, ...] = (FILE_FIELD, KIND_FIELD)) -> None:
        self.max_bytes = max_bytes
        self.fields = fields
        self.parts: dict[str, FormPart] = {}
        self.ended = False
        self._part = FormPart()
        self._field = b""
        self._value = b""

    def callbacks(self) -> MultipartCallbacks:
        """The callbacks to give the parser."""
        return {
            "on_part_begin": self._begin,
            "on_header_field": self._header_field,
            "on_header_value": self._header_value,
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": self._data,
            "on_end": self._end,
        }

    def _begin(self) -> None:
        self._part = FormPart()

    def _header_field(self, data: bytes, start: int, end: int) -> None:
        self._field += data[start:end]

    def _header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def _header_end(self) -> None:
        self._part.headers.append((self._field.lower(), self._value))
        self._field, self._value = b"", b""

    def _headers_finished(self) -> None:
        part = self._part
        headers = dict(part.headers)
        _, params = parse_options_header(headers.get(b"content-disposition", b""))
        name = params.get(b"name", b"").decode("utf-8", "replace")
        if name not in self.fields:
            raise _invalid(name or "form", f"unknown form field; send {' and '.join(f'`{f}`' for f in self.fields)}")
        if name in self.parts:
            raise _invalid(name, "sent more than once")
        part.name = name
        if b"filename" in params:
            part.filename = _clean_filename(params[b"filename"].decode("utf-8", "replace"))
        part.content_type = normalize(headers.get(b"content-type", b"").decode("latin-1"))
        self.parts[name] = part

    def _data(self, data: bytes, start: int, end: int) -> None:
        part = self._part
        part.data += data[start:end]
        if part.name == FILE_FIELD and len(part.data) > self.max_bytes:
            raise too_large(FILE_FIELD, self.max_bytes)
        if part.name != FILE_FIELD and len(part.data) > _TEXT_FIELD_MAX:
            raise _invalid(part.name or "form", f"at most {_TEXT_FIELD_MAX} bytes")

    def _end(self) -> None:
        self.ended = True


def _clean_filename(raw: str) -> str | None:
    """The file's own name (no folders, no control characters), shortened; None when nothing is left."""
    name = raw.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return name[:_MAX_FILENAME] or None


def is_multipart(request: Request) -> bool:
    """True when the request says it carries `multipart/form-data`."""
    return normalize(request.headers.get("content-type")) == "multipart/form-data"


async def read_proof_upload(request: Request, max_bytes: int) -> UploadedFile:
    """The `kind` and `file` parts of a multipart request (413 past `max_bytes`, 422 when one is missing)."""
    return _fields(await read_form(request, max_bytes, (FILE_FIELD, KIND_FIELD)))


async def read_form(request: Request, max_bytes: int, fields: tuple[str, ...]) -> Mapping[str, FormPart]:
    """The parts named `fields` of a multipart request, the `file` within `max_bytes` (413 past it)."""
    message = Message()
    message["content-type"] = request.headers.get("content-type", "")
    boundary = message.get_param("boundary")
    if not isinstance(boundary, str) or not boundary:
        raise _malformed("the Content-Type has no boundary")
    body_limit = max_bytes + _ENVELOPE_BYTES
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > body_limit:
        raise too_large(FILE_FIELD, max_bytes)  # refuse before reading anything
    reader = _FormReader(max_bytes, fields)
    try:
        parser = MultipartParser(boundary, reader.callbacks())
    except FormParserError as exc:
        raise _malformed(str(exc)) from exc
    received = 0
    async for chunk in request.stream():
        received += len(chunk)
        if received > body_limit:
            raise too_large(FILE_FIELD, max_bytes)
        try:
            parser.write(chunk)
        except FormParserError as exc:
            raise _malformed(str(exc)) from exc
        if reader.ended:
            break
    if not reader.ended:
        raise _malformed("it ends before its closing boundary")
    return reader.parts


def file_of(parts: Mapping[str, FormPart]) -> tuple[str | None, str, bytes]:
    """The `file` part's name, declared type and bytes (422 when it is missing or empty)."""
    file_part = parts.get(FILE_FIELD)
    if file_part is None:
        raise _invalid(FILE_FIELD, "missing: send the file as a part named `file`")
    if not file_part.data:
        raise _invalid(FILE_FIELD, "the file is empty")
    return file_part.filename, file_part.content_type, bytes(file_part.data)


def _fields(parts: Mapping[str, FormPart]) -> UploadedFile:
    kind_part = parts.get(KIND_FIELD)
    if kind_part is None:
        raise _invalid(KIND_FIELD, "missing: send `image`, `video` or `document`")
    kind = kind_part.data.decode("utf-8", "replace").strip()
    if kind not in UPLOAD_KINDS:
        raise _invalid(KIND_FIELD, "an upload is an `image`, a `video` or a `document`")
    filename, content_type, data = file_of(parts)
    return UploadedFile(
        kind="image" if kind == "image" else "video" if kind == "video" else "document",
        filename=filename,
        content_type=content_type,
        data=data,
    )


_A_KIND = {"image": "an image", "video": "a video", "document": "a document"}


def check_media(upload: UploadedFile, allowed: Sequence[str]) -> None:
    """415 unless the declared type is allowed for the kind and the file's first bytes match it."""
    if upload.content_type not in allowed:
        declared = upload.content_type or "no Content-Type"
        raise ApiError(
            415,
            "unsupported_media_type",
            f"{FILE_FIELD}: {declared} is not accepted for {_A_KIND[upload.kind]}",
            [{"field": FILE_FIELD, "reason": f"send one of {', '.join(allowed)}", "allowed": list(allowed)}],
        )
    if not matches(upload.content_type, upload.data[:HEAD_BYTES]):
        raise ApiError(
            415,
            "unsupported_media_type",
            f"{FILE_FIELD}: the content is not {upload.content_type}",
            [{"field": FILE_FIELD, "reason": f"the file's bytes are not a {upload.content_type} file"}],
        )


async def read_submission_json(request: Request) -> SubmissionIn:
    """The JSON body, failing as FastAPI would: 400 `invalid_json`, 422 naming each field."""
    content_type = normalize(request.headers.get("content-type"))
    if content_type and content_type != "application/json" and not content_type.endswith("+json"):
        raise ApiError(
            415,
            "unsupported_media_type",
            f"{content_type} is not accepted: send application/json, or multipart/form-data to upload a file",
            [{"field": "content-type", "reason": "send application/json or multipart/form-data"}],
        )
    raw = await read_capped(request.stream(), JSON_MAX_BYTES, "body", code="payload_too_large")
    if not raw.strip():
        raise RequestValidationError([{"type": "missing", "loc": ("body",), "msg": "Field required", "input": None}])
    try:
        return SubmissionIn.model_validate_json(raw)
    except ValidationError as exc:
        raise RequestValidationError([{**err, "loc": ("body", *err["loc"])} for err in exc.errors()]) from exc


def allowed_types(settings: Settings, kind: UploadKind) -> Sequence[str]:
    """The content types an upload of `kind` may have."""
    if kind == "image":
        return settings.upload_image_types
    if kind == "video":
        return settings.upload_video_types
    return KNOWN_TYPES["document"]


def upload_key(submission_id: str) -> str:
    """Where a submission's uploaded file is stored."""
    return f"proofs/{submission_id}"


async def submit_upload(
    request: Request,
    goal: ManualGoal,
    submission_id: str,
    *,
    settings: Settings,
    store: ObjectStore,
    act: Callable[[dict[str, Any]], Awaitable[T]],
) -> T:
    """Reads, checks and stores an uploaded proof, then submits it with `act`.

    The file is stored before the journey hears of the submission, so a crash in between leaves
    at worst a file nothing points at, never a submission without its file. When the journey
    refuses (a submission already pending, the mission closed), the file is deleted again.
    """
    upload = await read_proof_upload(request, settings.upload_max_bytes)
    # check_proof is the one rule for the kinds a mission takes; it is shown the proof's full URL.
    # The stored value is the path, which stays right whatever host the API is reached through.
    check_proof(goal, upload.kind, str(request.url_for("submission_proof", submission_id=submission_id)))
    check_media(upload, allowed_types(settings, upload.kind))
    key = upload_key(submission_id)
    try:
        await store.put(key, upload.data, upload.content_type)
    except StoreError as exc:
        log.exception("cannot store the upload of %s", submission_id)
        raise ApiError(503, "upload_store_unavailable", "the file cannot be stored now; try again later") from exc
    proof = {
        "kind": upload.kind,
        "value": str(request.app.url_path_for("submission_proof", submission_id=submission_id)),
        "upload": {
            "key": key,
            "content_type": upload.content_type,
            "size": len(upload.data),
            "filename": upload.filename,
        },
    }
    try:
        return await act(proof)
    except DomainError:
        # Refused: no submission will ever point at the file. Other failures (a timeout, a lost
        # connection) may come after the journey took the submission, so the file stays.
        try:
            await store.delete(key)
        except StoreError:
            log.exception("cannot delete the upload of refused submission %s", submission_id)
        raise


_ALL_TYPES = ", ".join(t for types in KNOWN_TYPES.values() for t in types)

#: `openapi_extra` of the submit route, which reads its body itself: JSON or an upload.
SUBMIT_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/SubmissionIn"}},
            "multipart/form-data": {
                "schema": {"$ref": "#/components/schemas/ProofUpload"},
                "encoding": {"file": {"contentType": _ALL_TYPES}},
            },
        },
    }
}

#: OpenAPI descriptions of the errors only the submit route has.
SUBMIT_ERRORS: dict[int | str, dict[str, Any]] = {
    413: {"model": ErrorBody, "description": "The file is larger than `QUESTLINE_UPLOAD_MAX_BYTES`"},
    415: {"model": ErrorBody, "description": "A file type not accepted for its kind, or bytes not of that type"},
    503: {"model": ErrorBody, "description": "The upload store cannot take the file now"},
}

#: The models that `openapi_extra` bodies name, added to the document's components.
DOCUMENTED_BODIES: tuple[type[BaseModel], ...] = (SubmissionIn, ProofUpload, ImageUpload)

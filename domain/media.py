"""Media types an uploaded proof or mission image may have, and the signatures ("magic bytes") that prove them.

A client declares a file's type; the first bytes say what it really is. An upload is accepted
only when both agree, so a renamed executable is not served back to an admin as an image.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

#: How many leading bytes `matches` needs to judge any known type.
HEAD_BYTES = 64


def _png(head: bytes) -> bool:
    return head.startswith(b"\x89PNG\r\n\x1a\n")


def _jpeg(head: bytes) -> bool:
    return head.startswith(b"\xff\xd8\xff")


def _gif(head: bytes) -> bool:
    return head.startswith((b"GIF87a", b"GIF89a"))


def _webp(head: bytes) -> bool:
    return head.startswith(b"RIFF") and head[8:12] == b"WEBP"


def _iso_media(head: bytes) -> bool:
    # MP4 and QuickTime share the ISO base media layout: a box size, then an `ftyp` box. Phones
    # label the same container either way, so the brand inside is not held against the label.
    return head[4:8] == b"ftyp"


def _quicktime(head: bytes) -> bool:
    # Older QuickTime files start with a movie, data or padding atom instead of `ftyp`.
    return _iso_media(head) or head[4:8] in (b"moov", b"mdat", b"wide", b"free", b"skip")


def _pdf(head: bytes) -> bool:
    # `%PDF-` opens the file; readers tolerate a little junk before it, but an upload need not.
    return head.startswith(b"%PDF-")


def _webm(head: bytes) -> bool:
    # An EBML header whose DocType is "webm" (Matroska's own DocType is "matroska").
    return head.startswith(b"\x1a\x45\xdf\xa3") and b"webm" in head[:HEAD_BYTES]


_SIGNATURES: dict[str, Callable[[bytes], bool]] = {
    "image/png": _png,
    "image/jpeg": _jpeg,
    "image/gif": _gif,
    "image/webp": _webp,
    "video/mp4": _iso_media,
    "video/webm": _webm,
    "video/quicktime": _quicktime,
    "application/pdf": _pdf,
}

#: Every type whose signature is known, by the proof kind it can be.
KNOWN_TYPES: dict[str, tuple[str, ...]] = {
    "image": tuple(t for t in _SIGNATURES if t.startswith("image/")),
    "video": tuple(t for t in _SIGNATURES if t.startswith("video/")),
    "document": ("application/pdf",),
}

#: Proof kinds sent as an uploaded file (`multipart/form-data`), not as a JSON value.
UPLOAD_KINDS = ("image", "video", "document")
#: Types a mission's card or page image may have.
IMAGE_TYPES = KNOWN_TYPES["image"]


def sniff(head: bytes, candidates: tuple[str, ...]) -> str | None:
    """The first of `candidates` whose signature `head` carries, or None."""
    return next((t for t in candidates if matches(t, head)), None)


def normalize(content_type: str | None) -> str:
    """`Image/PNG; charset=x` → `image/png` (empty when there is none)."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def matches(content_type: str, head: bytes) -> bool:
    """True when `head` (the file's first bytes) carries the signature of `content_type`."""
    check = _SIGNATURES.get(normalize(content_type))
    return check is not None and check(head[:HEAD_BYTES])


#: Hosts of LinkedIn's web app (a post is shared as https://www.linkedin.com/posts/... or /feed/update/...).
_LINKEDIN_HOSTS = frozenset({"linkedin.com", "www.linkedin.com"})
#: Path prefixes of a LinkedIn post: a shared post, a feed update (`urn:li:activity:...`), an article.
_LINKEDIN_POST_PATHS = ("/posts/", "/feed/update/", "/pulse/")


def linkedin_post_problem(url: str) -> str | None:
    """Why `url` is not the https URL of a LinkedIn post, or None when it is one."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
    except ValueError:
        return "not a URL"
    if parts.scheme != "https":
        return "a LinkedIn post URL starts with https://"
    if host not in _LINKEDIN_HOSTS and not host.endswith(".linkedin.com"):
        return "not a linkedin.com URL"
    path = parts.path
    if not path.startswith(_LINKEDIN_POST_PATHS) or len(path.rstrip("/").split("/")) < 3:
        return "not a LinkedIn post: use the post's link (linkedin.com/posts/... or linkedin.com/feed/update/...)"
    return None

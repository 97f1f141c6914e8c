"""Magic links and uploaded mission images.

Every mission has one shareable link: a random token, made on first read and kept in
`mission_links`, that opens the mission in the widget (`<link page>?questline_link=<token>`). The
audience in force is the one set on the link (`PUT /v1/missions/{id}/link`), else the spec's
`audience`, else `registered` (`domain.links`). Resolving a link answers the mission's public
card (what a newcomer would see), and for a user who may open it their own view; or why not.

Card and page images are stored like proofs (the object store), one object per upload, under a
random id; their bytes decide their type (the declared `Content-Type` is not trusted).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal
from urllib.parse import urlencode, urlsplit, urlunsplit

from pydantic import AwareDatetime, BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncEngine

from db import links as repo
from db import missions as missions_repo
from db import users as users_repo
from db.engine import Conn
from db.links import ImageRow
from domain.errors import Conflict, Invalid, NotFound
from domain.journey import MissionContext
from domain.links import (
    AudienceSource,
    LinkAudience,
    Refusal,
    Visitor,
    admit,
    effective_audience,
    new_token,
    segment_of,
)
from domain.media import HEAD_BYTES, IMAGE_TYPES, sniff
from domain.missions import Mission, MissionStatus, MissionType
from domain.rewards import Reward
from services.journeys import Journeys
from services.mission_views import GoalView, MissionView, goal_view_of, view_of
from storage import ObjectMissing, ObjectStore

log = logging.getLogger("questline.links")

#: The query parameter of a link's URL that the widget opens the mission from.
LINK_PARAM = "questline_link"
#: Where a link points when `QUESTLINE_LINK_BASE_URL` is unset: a page of the API embedding the widget.
DEFAULT_LINK_PAGE = "/widget/link.html"

ImageSlot = Literal["card", "page"]


class LinkOut(BaseModel):
    """A mission's magic link."""

    mission_id: str
    token: str = Field(description="The link's token (the `questline_link` parameter of `url`).")
    url: str = Field(description="The shareable URL: the page embedding the widget, with `?questline_link=<token>`.")
    audience: str = Field(description="Who the link opens the mission for: `anyone`, `registered` or `segment:<id>`.")
    audience_source: AudienceSource = Field(
        description="Where the audience comes from: set on the `link`, the mission `spec`'s `audience`,"
        " or the `default`."
    )
    created_at: AwareDatetime
    updated_at: AwareDatetime


class LinkAudienceIn(BaseModel):
    """The audience to set on a mission's link; null goes back to the spec's (or the default)."""

    model_config = {"extra": "forbid"}

    audience: LinkAudience | None


class PublicMission(BaseModel):
    """What anyone holding the link is shown of the mission: user-safe, no operator settings."""

    mission_id: str
    name: str
    description: str | None
    type: MissionType
    goal: GoalView
    reward: Reward | None
    images: dict[str, Any] | None
    action_button: dict[str, Any] | None
    category_id: str | None
    start_at: AwareDatetime | None
    end_at: AwareDatetime | None


class LinkResolution(BaseModel):
    """A magic link opened: the mission, and for a user who may open it their own view."""

    audience: str = Field(description="The link's audience in force.")
    mission: PublicMission
    preview: MissionView | None = Field(
        description="The card as a newcomer sees it (no journey); null when only chosen users see the mission "
        "(featured, hidden until unlocked)."
    )
    user_id: str | None = Field(description="Who opened it (the user token's user, or `user_id`); null: anonymous.")
    registered: bool = Field(description="Whether Questline knows the user (they have a profile).")
    view: MissionView | None = Field(
        description="The user's own view of the mission (open it in the widget); null when they cannot see it "
        "(not a user yet, or not eligible)."
    )
    signup_required: bool = Field(
        description="True for a visitor Questline does not know: show the card read-only and ask them to sign "
        "up in the operator's app to start."
    )


@dataclass(frozen=True)
class Refused:
    """A link that does not open its mission for this visitor, and why."""

    reason: Refusal
    audience: str


class ImageOut(BaseModel):
    """An uploaded card or page image; point the mission spec's `images.card` / `images.page` at `url`."""

    id: str
    mission_id: str
    slot: ImageSlot
    url: str = Field(description="Where the image is served (public, immutable).")
    content_type: str = Field(description="The type its bytes proved to be (png, jpeg, webp or gif).")
    size: int
    filename: str | None
    created_at: AwareDatetime


class ImageList(BaseModel):
    """A mission's latest uploaded images, newest first."""

    items: list[ImageOut]


def link_url(base: str, token: str) -> str:
    """`base` with `?questline_link=<token>` added to its query (its fragment kept)."""
    parts = urlsplit(base)
    query = "&".join(q for q in (parts.query, urlencode({LINK_PARAM: token})) if q)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def _out(mission: Mission, row: repo.LinkRow, base: str) -> LinkOut:
    audience, source = effective_audience(row.audience, mission.spec.audience)
    return LinkOut(
        mission_id=mission.id,
        token=row.token,
        url=link_url(base, row.token),
        audience=audience,
        audience_source=source,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


async def link_of(conn: Conn, mission_id: str, base: str) -> LinkOut:
    """The mission's link (made on first read); 404 for an unknown mission."""
    mission = await missions_repo.get(conn, mission_id)
    return _out(mission, await repo.ensure(conn, mission_id, new_token()), base)


async def set_audience(conn: Conn, mission_id: str, audience: str | None, base: str) -> LinkOut:
    """Sets who the link opens the mission for; 422 `segment_not_found` naming `audience`."""
    mission = await missions_repo.get(conn, mission_id)
    segment = segment_of(audience) if audience is not None else None
    if segment is not None and not await repo.segment_exists(conn, segment):
        raise Invalid(
            "segment_not_found",
            f"audience: segment {segment!r} does not exist",
            [{"field": "audience", "reason": f"segment {segment!r} does not exist"}],
        )
    return _out(mission, await repo.set_audience(conn, mission_id, new_token(), audience), base)


async def rotate(conn: Conn, mission_id: str, base: str) -> LinkOut:
    """Replaces the link's token, so a link shared too widely opens nothing; its audience stays."""
    mission = await missions_repo.get(conn, mission_id)
    return _out(mission, await repo.rotate(conn, mission_id, new_token()), base)


def _unknown_link() -> NotFound:
    return NotFound("unknown_link", "this link does not open any mission (mistyped, or its mission was deleted)")


async def resolve(conn: Conn, token: str, user_id: str | None, journeys: Journeys) -> LinkResolution | Refused:
    """What the link shows `user_id` (None: an anonymous visitor), or why it shows nothing.

    404 `unknown_link` (also once its mission is deleted); 404 `mission_unavailable` while the
    mission is not active (a draft, a paused or archived one, or a user's own challenge).
    """
    row = await repo.by_token(conn, token)
    if row is None:
        raise _unknown_link()
    try:
        mission = await missions_repo.get(conn, row.mission_id)
    except NotFound:
        raise _unknown_link() from None
    if mission.status == "deleted":  # kept as a record of what was reversed, never shown again
        raise _unknown_link()
    if mission.status is not MissionStatus.ACTIVE or mission.owner_user_id is not None:
        raise NotFound("mission_unavailable", "the link's mission is not live now", {"mission_id": mission.id})
    audience, _ = effective_audience(row.audience, mission.spec.audience)
    registered = user_id is not None and await repo.is_registered(conn, user_id)
    segments = frozenset(await users_repo.segment_ids(conn, user_id)) if registered and user_id else frozenset()
    refusal = admit(audience, Visitor(user_id=user_id, registered=registered, segments=segments))
    if refusal is not None:
        return Refused(refusal, audience)
    view: MissionView | None = None
    if registered and user_id is not None:
        try:
            view = await journeys.view(conn, user_id, mission.id)
        except NotFound:
            view = None
    spec = mission.spec
    ctx = MissionContext(
        mission_id=mission.id,
        revision=mission.revision,
        spec=spec,
        status=mission.status,
        activated_at=mission.activated_at,
        budget_exhausted_at=mission.budget_exhausted_at,
        owner_user_id=mission.owner_user_id,
    )
    public = PublicMission(
        mission_id=mission.id,
        name=spec.name,
        description=spec.description,
        type=spec.type,
        goal=goal_view_of(spec.goal),
        reward=spec.reward,
        images=spec.images.model_dump(mode="json") if spec.images else None,
        action_button=spec.action_button.model_dump(mode="json") if spec.action_button else None,
        category_id=spec.category_id,
        start_at=spec.start_at,
        end_at=spec.end_at,
    )
    return LinkResolution(
        audience=audience,
        mission=public,
        preview=view_of(ctx, None, datetime.now(UTC)),
        user_id=user_id,
        registered=registered,
        view=view,
        signup_required=not registered,
    )


# --- card and page images --------------------------------------------------------------------


def image_key(image_id: str) -> str:
    """Where an uploaded mission image is stored."""
    return f"mission-images/{image_id}"


class UnsupportedImage(Exception):
    """The uploaded bytes are none of the accepted image types."""

    def __init__(self, allowed: Sequence[str]) -> None:
        super().__init__("not an accepted image")
        self.allowed = tuple(allowed)


def _image_out(row: ImageRow, url_of: Callable[[str], str]) -> ImageOut:
    slot: ImageSlot = "card" if row.slot == "card" else "page"
    return ImageOut(
        id=row.id,
        mission_id=row.mission_id,
        slot=slot,
        url=url_of(row.id),
        content_type=row.content_type,
        size=row.size,
        filename=row.filename,
        created_at=row.created_at,
    )


async def check_mission(engine: AsyncEngine, mission_id: str) -> None:
    """404 `mission_not_found` unless the mission exists (before an upload is read)."""
    async with engine.connect() as conn:
        await missions_repo.get(conn, mission_id)


async def add_image(
    engine: AsyncEngine,
    store: ObjectStore,
    *,
    mission_id: str,
    slot: ImageSlot,
    filename: str | None,
    data: bytes,
    url_of: Callable[[str], str],
) -> ImageOut:
    """Stores an uploaded image whose bytes are a png, jpeg, webp or gif (`UnsupportedImage`
    otherwise), then records it. A failure to record leaves at worst an object nothing points at."""
    content_type = sniff(data[:HEAD_BYTES], IMAGE_TYPES)
    if content_type is None:
        raise UnsupportedImage(IMAGE_TYPES)
    image_id = f"img_{uuid.uuid4().hex}"
    key = image_key(image_id)
    await store.put(key, data, content_type)
    async with engine.begin() as conn:
        await missions_repo.get(conn, mission_id)  # still there
        row = await repo.add_image(
            conn,
            ImageRow(
                id=image_id,
                mission_id=mission_id,
                slot=slot,
                key=key,
                content_type=content_type,
                size=len(data),
                filename=filename,
                created_at=datetime.now(UTC),
            ),
        )
    return _image_out(row, url_of)


async def images_of(conn: Conn, mission_id: str, url_of: Callable[[str], str], limit: int = 100) -> ImageList:
    """The mission's `limit` latest uploaded images, newest first (404 for an unknown mission)."""
    await missions_repo.get(conn, mission_id)
    return ImageList(items=[_image_out(row, url_of) for row in await repo.images_of(conn, mission_id, limit)])


async def image_file(conn: Conn, store: ObjectStore, image_id: str) -> tuple[bytes, str]:
    """An uploaded image's bytes and type; 404 `image_not_found`."""
    row = await repo.image(conn, image_id)
    if row is None:
        raise NotFound("image_not_found", f"no uploaded image {image_id!r}")
    try:
        return await store.get(row.key)
    except ObjectMissing as exc:
        log.warning("image %s is recorded but missing from the store", image_id)
        raise NotFound("image_not_found", f"image {image_id!r} is no longer stored") from exc


async def delete_image(engine: AsyncEngine, store: ObjectStore, mission_id: str, image_id: str) -> None:
    """Deletes an uploaded image of the mission: 404 `image_not_found`, 409 `image_in_use` while
    the mission's spec points at it. The row goes first, then the bytes (a failure in between
    leaves at worst an object nothing points at)."""
    async with engine.begin() as conn:
        mission = await missions_repo.get(conn, mission_id, for_update=True)
        row = await repo.image(conn, image_id)
        if row is None or row.mission_id != mission_id:
            raise NotFound("image_not_found", f"mission {mission_id!r} has no uploaded image {image_id!r}")
        images = mission.spec.images
        shown = {"card": images.card, "page": images.page} if images is not None else {}
        suffix = f"/v1/mission-images/{image_id}"
        in_use = [slot for slot, url in shown.items() if url is not None and str(url).endswith(suffix)]
        if in_use:
            raise Conflict(
                "image_in_use",
                f"the mission's {' and '.join(in_use)} image is this one: point images elsewhere first",
                {"slots": in_use},
            )
        await repo.delete_image(conn, image_id)
    await store.delete(row.key)

"""Magic links' and mission images' SQL (`mission_links`, `mission_images`; migration 0022)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from db.engine import Conn
from db.tables import mission_images, mission_links, segments, users

L = mission_links.c
I = mission_images.c  # noqa: E741 - the table's columns, as elsewhere in db/


@dataclass(frozen=True)
class LinkRow:
    """A mission's link: its token and the audience set on it (None: the spec's)."""

    mission_id: str
    token: str
    audience: str | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class ImageRow:
    """One uploaded card or page image."""

    id: str
    mission_id: str
    slot: str
    key: str
    content_type: str
    size: int
    filename: str | None
    created_at: datetime


def _link(row: Any) -> LinkRow:
    return LinkRow(row.mission_id, row.token, row.audience, row.created_at, row.updated_at)


_LINK_COLUMNS = (L.mission_id, L.token, L.audience, L.created_at, L.updated_at)
_IMAGE_COLUMNS = (I.id, I.mission_id, I.slot, I.key, I.content_type, I.size, I.filename, I.created_at)


async def ensure(conn: Conn, mission_id: str, token: str) -> LinkRow:
    """The mission's link, made with `token` when it has none yet (concurrent first reads agree)."""
    await conn.execute(insert(mission_links).values(mission_id=mission_id, token=token).on_conflict_do_nothing())
    row = (await conn.execute(sa.select(*_LINK_COLUMNS).where(L.mission_id == mission_id))).one()
    return _link(row)


async def set_audience(conn: Conn, mission_id: str, token: str, audience: str | None) -> LinkRow:
    """Sets the audience on the mission's link (made with `token` when it has none)."""
    stmt = insert(mission_links).values(mission_id=mission_id, token=token, audience=audience)
    stmt = stmt.on_conflict_do_update(
        index_elements=[L.mission_id], set_={"audience": stmt.excluded.audience, "updated_at": sa.func.now()}
    )
    row = (await conn.execute(stmt.returning(*_LINK_COLUMNS))).one()
    return _link(row)


async def rotate(conn: Conn, mission_id: str, token: str) -> LinkRow:
    """Gives the mission's link a new token (the old one opens nothing from now on)."""
    stmt = insert(mission_links).values(mission_id=mission_id, token=token)
    stmt = stmt.on_conflict_do_update(
        index_elements=[L.mission_id], set_={"token": stmt.excluded.token, "updated_at": sa.func.now()}
    )
    row = (await conn.execute(stmt.returning(*_LINK_COLUMNS))).one()
    return _link(row)


async def by_token(conn: Conn, token: str) -> LinkRow | None:
    """The link with this token, or None."""
    row = (await conn.execute(sa.select(*_LINK_COLUMNS).where(L.token == token))).one_or_none()
    return _link(row) if row is not None else None


async def is_registered(conn: Conn, user_id: str) -> bool:
    """Whether Questline knows the user (a row in `users`)."""
    found = await conn.execute(sa.select(sa.literal(1)).where(users.c.id == user_id))
    return found.scalar_one_or_none() is not None


async def segment_exists(conn: Conn, segment_id: str) -> bool:
    """Whether the segment exists."""
    found = await conn.execute(sa.select(sa.literal(1)).where(segments.c.id == segment_id))
    return found.scalar_one_or_none() is not None


async def add_image(conn: Conn, image: ImageRow) -> ImageRow:
    """Records an uploaded image (its bytes already stored under `image.key`)."""
    values = {c.name: getattr(image, c.name) for c in _IMAGE_COLUMNS if c.name != "created_at"}
    row = (await conn.execute(insert(mission_images).values(**values).returning(*_IMAGE_COLUMNS))).one()
    return ImageRow(*row)


async def image(conn: Conn, image_id: str) -> ImageRow | None:
    """The uploaded image with this id, or None."""
    row = (await conn.execute(sa.select(*_IMAGE_COLUMNS).where(I.id == image_id))).one_or_none()
    return ImageRow(*row) if row is not None else None


async def images_of(conn: Conn, mission_id: str, limit: int) -> list[ImageRow]:
    """The mission's `limit` latest uploaded images, newest first."""
    rows = await conn.execute(
        sa.select(*_IMAGE_COLUMNS).where(I.mission_id == mission_id).order_by(I.created_at.desc(), I.id).limit(limit)
    )
    return [ImageRow(*row) for row in rows]


async def delete_image(conn: Conn, image_id: str) -> None:
    """Forgets an uploaded image (its bytes are removed from the store by the caller)."""
    await conn.execute(sa.delete(mission_images).where(I.id == image_id))

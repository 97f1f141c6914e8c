"""Keyset paging, newest first: a page continues after the row its cursor names."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from db.engine import Conn
from domain.errors import Invalid


async def newest_after(
    conn: Conn,
    stmt: sa.Select[Any],
    created: sa.ColumnElement[Any],
    key: sa.ColumnElement[Any],
    cursor: str,
    *,
    what: str,
    scope: sa.ColumnElement[bool] | None = None,
) -> sa.Select[Any]:
    """`stmt` (ordered by `created`, `key` descending) limited to rows after the one whose `key` is
    `cursor` (within `scope`); Invalid("invalid_cursor") naming `what` when there is none."""
    find = sa.select(created, key).where(key == cursor)
    if scope is not None:
        find = find.where(scope)
    mark = (await conn.execute(find)).first()
    if mark is None:
        raise Invalid(
            "invalid_cursor",
            f"cursor={cursor} is not {what}",
            [{"field": "cursor", "reason": "pass the next_cursor of the previous page"}],
        )
    return stmt.where(sa.tuple_(created, key) < sa.tuple_(*mark))

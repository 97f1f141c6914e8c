"""Serialising a user's social check requests per platform (docs/missions.md §5)."""

from __future__ import annotations

import sqlalchemy as sa

from db.engine import Conn

#: First key of the per-(user, platform) advisory lock taken while a social check is refused or
#: started ("qlsc"), so it cannot collide with advisory locks of other purposes.
_CHECK_LOCK_CLASS = 0x716C7363


async def lock_checks(conn: Conn, user_id: str, platform: str) -> None:
    """Holds the user's check lock on `platform` until the transaction ends.

    A transaction-level advisory lock, so it works across API processes and is released by the
    commit or rollback whatever happens. Two keys hashing alike only wait for each other.
    """
    key = sa.func.hashtext(sa.literal(f"{user_id}\x1f{platform}"))
    await conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_CHECK_LOCK_CLASS, key)))

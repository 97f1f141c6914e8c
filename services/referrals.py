"""Referrals: a user refers another; the referrer's `questline.referral` fires once, when the
referred user first sends an event after the referral was recorded.

Rules: nobody refers themselves (422 `self_referral`); a referred user has one referrer (a
second referrer is refused, 409 `already_referred`; the same referrer again is a duplicate and
changes nothing). The referral event is logged in the transaction that logs the referred user's
event (`fire`, called by `services.events`), under the id `questline.referral:<referred>`, and
routed with it: a retry or a race never fires it twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from db import referrals as repo
from db.engine import Conn
from db.events import StoredEvent
from db.referrals import Referral
from domain.errors import Conflict, Invalid
from domain.internal_events import is_internal
from domain.system_events import REFERRAL, WIDGET_OPENED, referral_id

__all__ = ["Referral", "Referrals", "fire"]


class Referrals:
    """Records and lists referrals."""

    async def record(self, conn: Conn, referrer_user_id: str, referred_user_id: str) -> tuple[Referral, bool]:
        """The referral and whether it is new (False: the same referral again)."""
        if referrer_user_id == referred_user_id:
            reason = "a user cannot refer themselves"
            details = [{"field": "referred_user_id", "reason": reason}]
            raise Invalid("self_referral", f"referred_user_id: {reason}", details)
        made = await repo.insert_new(conn, referrer_user_id, referred_user_id)
        if made is not None:
            return made, True
        existing = await repo.of_referred(conn, referred_user_id)
        assert existing is not None
        if existing.referrer_user_id != referrer_user_id:
            raise Conflict(
                "already_referred",
                f"user {referred_user_id!r} was already referred by another user; a user has one referrer",
                [{"field": "referred_user_id", "reason": "already referred by another user"}],
            )
        return existing, False

    async def of_user(self, conn: Conn, referrer_user_id: str) -> list[Referral]:
        """The user's referrals, oldest first."""
        return await repo.by_referrer(conn, referrer_user_id)


def _fires(e: StoredEvent) -> bool:
    """Whether the event is the referred user's own doing (a client's event or a widget open)."""
    return not is_internal(e.type) or e.type == WIDGET_OPENED


async def fire(conn: Conn, fresh: Sequence[StoredEvent], at: datetime) -> list[StoredEvent]:
    """Logs the referral events that the referred users' new events fire (once each); returns them."""
    first: dict[str, StoredEvent] = {}
    for e in fresh:
        if _fires(e):
            first.setdefault(e.user_id, e)
    fired = await repo.fire(conn, first.keys(), at, {u: referral_id(u) for u in first})
    return [
        StoredEvent(
            id=referral_id(r.referred_user_id),
            user_id=r.referrer_user_id,
            type=REFERRAL,
            received_at=first[r.referred_user_id].received_at,
            attributes={"referred_user_id": r.referred_user_id},
        )
        for r in fired
    ]

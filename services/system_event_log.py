"""System events logged inside other services' transactions (`domain.system_events`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from db.events import StoredEvent
from domain.system_events import TIER_REACHED, tier_reached_id, tiers_passed


def tier_reached_events(
    user_id: str, tiers: Sequence[str], before: str | None, after: str | None, at: datetime
) -> list[StoredEvent]:
    """`questline.tier_reached` for each tier passed going up from `before` to `after` (lowest first)."""
    out = []
    previous = before
    for tier in tiers_passed(tiers, before, after):
        out.append(
            StoredEvent(
                id=tier_reached_id(user_id, tier),
                user_id=user_id,
                type=TIER_REACHED,
                tags=[tier],
                received_at=at,
                attributes={"tier": tier, "previous": previous},
            )
        )
        previous = tier
    return out

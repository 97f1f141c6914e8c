"""The `rule` approval mode: a submission passes at once when its user has enough points or is in a segment."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine

from db import ledger, users


class ApprovalRules:
    """Answers the enrolment workflow's question: does this user's submission pass the rule?"""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def passes(self, user_id: str, *, min_points: int | None, segment: str | None) -> bool:
        """Auto-approve when the user has at least `min_points` or is a member of `segment` (either suffices)."""
        async with self.engine.connect() as conn:
            if min_points is not None and await ledger.balance(conn, user_id) >= min_points:
                return True
            return segment is not None and segment in await users.segment_ids(conn, user_id)

"""System events (`domain.system_events`): the widget's open, tier reached, the event type
catalogue, and the categories a user sees.

The widget's open goes through `services.events` like any event (the log, dedupe by id, routing),
under the deterministic id of its user and minute, so a second open in the same minute (or a
retry) is a duplicate that counts nothing. `questline.tier_reached` is logged with the tier
change that causes it (`services.audience.tier_change`, `services.system_event_log`), once per
user and tier.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from pydantic import BaseModel, Field

from db import catalogue
from db import event_types as counts
from db.engine import Conn
from domain.internal_events import is_internal
from domain.projection import Tab
from domain.system_events import (
    REFERRAL,
    SYSTEM_EVENT_TYPES,
    WIDGET_OPENED,
    widget_opened_id,
)
from services.events import Events, Ingested
from services.journeys import Journeys
from services.mission_views import MissionView

#: The system types that enter through `services.events` (and so are counted there).
COUNTED_ON_INGEST = frozenset({WIDGET_OPENED, REFERRAL})


class EventTypeOut(BaseModel):
    """An event type missions can count."""

    type: str
    system: bool = Field(description="A built-in type Questline logs itself (clients cannot send it)")
    description: str | None = None
    attributes: dict[str, str] = Field(default_factory=dict, description="The event's data fields and what they hold")
    tags: list[str] = Field(default_factory=list, description="The tags it carries (patterns)")
    count: int | None = Field(
        None,
        description=(
            "How many were logged through ingestion (clients' events, widget opens, referrals); null for the "
            "system types logged with a completion (not counted, so completions share no hot row)"
        ),
    )
    last_seen: datetime | None = None


class EventTypes(BaseModel):
    """The system types first, then the custom types seen, most frequent first."""

    items: list[EventTypeOut]


class CategoryCount(BaseModel):
    """A category of missions the user can see, with how many are in each tab."""

    id: str | None = Field(description="null: the missions in no category")
    name: str | None
    description: str | None = None
    count: int
    available: int = 0
    completed: int = 0
    locked: int = 0
    missed: int = 0


class UserCategories(BaseModel):
    """The categories of the missions visible to the user, in the categories' order (none last)."""

    items: list[CategoryCount]


class SystemEvents:
    """The widget's open event, the event type catalogue and a user's categories."""

    def __init__(self, events: Events, journeys: Journeys) -> None:
        self.events = events
        self.journeys = journeys

    async def widget_opened(self, user_id: str, page_load_id: str | None = None) -> Ingested:
        """Logs the open under the user's minute: the first in a minute counts, the rest are duplicates."""
        now = datetime.now(UTC)
        first_id = widget_opened_id(user_id, now)
        # The minute's first open fixes the payload; a later one in it is the same event again.
        event = {"id": first_id, "user_id": user_id, "type": WIDGET_OPENED, "attributes": {}}
        del page_load_id  # not part of the payload: two page loads in one minute are one open
        return (await self.events.ingest([event], settle=True))[0]

    async def event_types(self, conn: Conn) -> EventTypes:
        """The system types (described) and the custom types seen (counted), from the kept counts
        (this process's latest additions written first; another process's within a second)."""
        await self.events.counts.flush()
        seen = {c.type: c for c in await counts.all_counts(conn)}
        items = [
            EventTypeOut(
                type=t.type,
                system=True,
                description=t.description,
                attributes=t.attributes,
                tags=list(t.tags),
                count=(seen[t.type].count if t.type in seen else 0) if t.type in COUNTED_ON_INGEST else None,
                last_seen=seen[t.type].last_seen if t.type in seen and t.type in COUNTED_ON_INGEST else None,
            )
            for t in SYSTEM_EVENT_TYPES
        ]
        items += [
            EventTypeOut(type=c.type, system=False, count=c.count, last_seen=c.last_seen)
            for c in seen.values()
            if not is_internal(c.type)
        ]
        return EventTypes(items=items)

    async def missions(self, conn: Conn, user_id: str, category_id: str | None) -> list[MissionView]:
        """The user's missions (every tab) in one category."""
        views = (await self.journeys.list_views(conn, user_id, None)).items
        return [v for v in views if v.category_id == category_id]

    async def categories(self, conn: Conn, user_id: str) -> UserCategories:
        """The categories of the missions the user can see, with counts per tab."""
        views = (await self.journeys.list_views(conn, user_id, None)).items
        tabs: dict[str | None, Counter[Tab]] = {}
        for v in views:
            tabs.setdefault(v.category_id, Counter())[v.tab] += 1
        known = {c.id: c for c in await catalogue.list_categories(conn)}
        order = [c for c in known if c in tabs] + ([None] if None in tabs else [])
        order += sorted(c for c in tabs if c is not None and c not in known)
        return UserCategories(
            items=[
                CategoryCount(
                    id=c,
                    name=known[c].name if c in known else None,
                    description=known[c].description if c in known else None,
                    count=sum(tabs[c].values()),
                    **{str(tab.value): n for tab, n in tabs[c].items()},
                )
                for c in order
            ]
        )

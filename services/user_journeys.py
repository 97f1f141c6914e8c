"""A user's journeys for admins, each with the Temporal UI page of its workflow.

The workflow id is the one the journey runs under (the enrolments read model keeps it: for a
recurring mission, the latest cycle's); the link is the Temporal UI's workflow page,
`{temporal_ui_url}/namespaces/{namespace}/workflows/{workflow_id}`, or null when
`QUESTLINE_TEMPORAL_UI_URL` is not set (no UI to link to).
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

from pydantic import BaseModel, Field

from db import user_journeys as repo
from db.engine import Conn
from settings import Settings

__all__ = ["UserJourney", "UserJourneyList", "journeys_of", "temporal_ui_link"]


class UserJourney(BaseModel):
    """One of the user's journeys: the mission, the enrolment's state and its workflow."""

    mission_id: str
    mission_name: str
    mission_type: str
    status: str = Field(description="The enrolment's state: locked, available, opted_in, pending, completed, missed")
    cycle: int = Field(description="A recurring mission's cycle of this journey (0 otherwise)")
    completions: int
    workflow_id: str = Field(description="The Temporal workflow id the journey runs under")
    updated_at: datetime
    temporal_ui_url: str | None = Field(
        description="The workflow's page in the Temporal UI; null when QUESTLINE_TEMPORAL_UI_URL is not set"
    )


class UserJourneyList(BaseModel):
    """A page of a user's journeys, most recently changed first; pass `next_cursor` as `cursor` for the next."""

    items: list[UserJourney]
    next_cursor: str | None = None


def temporal_ui_link(base_url: str, namespace: str, workflow_id: str) -> str | None:
    """The Temporal UI's page of a workflow, or None without a UI address."""
    base = base_url.strip().rstrip("/")
    if not base:
        return None
    return f"{base}/namespaces/{quote(namespace, safe='')}/workflows/{quote(workflow_id, safe='')}"


async def journeys_of(
    conn: Conn, settings: Settings, user_id: str, *, limit: int, cursor: str | None
) -> UserJourneyList:
    """A page of the user's journeys (an unknown user simply has none)."""
    rows = await repo.of_user(conn, user_id, limit=limit + 1, after=cursor)
    items = [
        UserJourney(
            **row.model_dump(),
            temporal_ui_url=temporal_ui_link(settings.temporal_ui_url, settings.temporal_namespace, row.workflow_id),
        )
        for row in rows[:limit]
    ]
    return UserJourneyList(items=items, next_cursor=rows[limit - 1].mission_id if len(rows) > limit else None)

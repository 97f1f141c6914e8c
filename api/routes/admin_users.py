"""Reads about one user that the console needs: their journeys and where to inspect them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import Client, Conn, SettingsDep
from api.errors import error_responses
from api.schemas import UserId
from services.user_journeys import UserJourneyList, journeys_of

router = APIRouter(prefix="/v1/users", tags=["users"])


@router.get("/{user_id}/journeys", response_model=UserJourneyList, responses=error_responses(401, 403, 422))
async def list_journeys(
    user_id: UserId,
    conn: Conn,
    settings: SettingsDep,
    _: Client,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: str | None = None,
) -> UserJourneyList:
    """The user's journeys, most recently changed first (client or admin key, like every
    `/v1/users/{user_id}/...` route).

    Each names its mission, the enrolment's state and the Temporal workflow it runs under
    (`workflow_id`; a recurring mission's latest cycle), with `temporal_ui_url`, that workflow's
    page in the Temporal UI (`QUESTLINE_TEMPORAL_UI_URL`; null when it is not set). A user
    without journeys (or unknown) has an empty list.
    """
    return await journeys_of(conn, settings, user_id, limit=limit, cursor=cursor)

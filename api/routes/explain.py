"""Explain a journey: `GET /v1/users/{user_id}/missions/{mission_id}/explain` (client key) and the
user-safe `GET /v1/me/missions/{mission_id}/explain` (user token). The rule is `services.explain`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from api.deps import Conn, JourneysDep, Me, SettingsDep, path_user
from api.errors import error_responses
from services import explain as explaining
from services.explain import REASONS_DOC, Explanation

__all__ = ["me_router", "users_router"]

_ERRORS = error_responses(401, 403, 404, 422)
Limit = Annotated[int, Query(ge=1, le=500, description="Events per page")]
Cursor = Annotated[str | None, Query(description="`next_cursor` of the previous page")]
PathUser = Annotated[str, Depends(path_user)]

users_router = APIRouter(prefix="/v1/users/{user_id}", tags=["users"])
me_router = APIRouter(prefix="/v1/me", tags=["me"])


@users_router.get(
    "/missions/{mission_id}/explain",
    response_model=Explanation,
    responses=_ERRORS,
    description=(
        "Why each of the user's events counted for the mission or not, and what happened to the journey.\n\n"
        "The timeline lists every logged event of the mission's event type from the user, oldest first "
        "(paged by `limit` and `cursor`), each `counted` (with what it `added` and the `progress` after it) "
        "or `not_counted` with a stable `reason` and a sentence. The verdicts come from replaying the log "
        "through the same function the event router and the journey decide with, so they cannot disagree; "
        "`replay.agrees` says the replay reached the stored journey's progress and completions. `changes` "
        "lists the opt-in, the unlock and its cause, the grant, submissions and decisions, the social check, "
        "completions, ledger entries (with their idempotency keys) and callbacks (with their attempts); "
        "`workflow_id` and `temporal_ui_url` name the journey's workflow. 404 for an unknown mission (or "
        f"another user's challenge).\n\nReason codes: {REASONS_DOC}."
    ),
)
async def explain_user(
    user_id: PathUser,
    mission_id: str,
    conn: Conn,
    settings: SettingsDep,
    limit: Limit = 100,
    cursor: Cursor = None,
) -> Explanation:
    """A user's journey through a mission, explained (client and admin keys)."""
    return await explaining.explain(conn, settings, user_id, mission_id, limit=limit, cursor=cursor)


@me_router.get(
    "/missions/{mission_id}/explain",
    response_model=Explanation,
    responses=_ERRORS,
    description=(
        'Why each of your events counted for the mission or not ("why didn\'t this count?"): the same '
        "timeline as the operator's form, without other users' data or operator internals (no segment or "
        "tier names, no workflow id, no ledger keys, no callbacks). 404 when you cannot see the mission.\n\n"
        f"Reason codes: {REASONS_DOC}."
    ),
)
async def explain_me(
    user_id: Me,
    mission_id: str,
    conn: Conn,
    settings: SettingsDep,
    journeys: JourneysDep,
    limit: Limit = 100,
    cursor: Cursor = None,
) -> Explanation:
    """Your journey through a mission, explained (user token)."""
    return await explaining.explain_mine(conn, settings, journeys, user_id, mission_id, limit=limit, cursor=cursor)

"""System events (`services.system_events`, `services.referrals`): the widget's open, referrals,
the event type catalogue; and the categories a user sees.

- `POST /v1/me/widget-opened` (user token; `/v1/users/{user_id}/widget-opened` for the client
  key): logs `questline.widget_opened`, once per user per minute.
- `POST /v1/users/{user_id}/referrals` (client key): `{user_id}` referred `referred_user_id`; the
  referrer's `questline.referral` fires when the referred user first sends an event.
- `GET /v1/users/{user_id}/referrals` (client key): the user's referrals.
- `GET /v1/event-types` (admin): the system types and the custom types seen, with counts.
- `GET /v1/me/categories`, `GET /v1/users/{user_id}/categories`: the categories of the missions
  the user can see, with counts.
"""

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, Field

from api.deps import Admin, Conn, EventsDep, JourneysDep, path_user, token_user
from api.errors import error_responses
from api.schemas import Strict, UserId
from api.strict import JsonBody
from services.referrals import Referral, Referrals
from services.system_events import EventTypes, SystemEvents, UserCategories

__all__ = ["event_types_router", "me_router", "users_router"]

event_types_router = APIRouter(prefix="/v1/event-types", tags=["events"])
me_router = APIRouter(prefix="/v1/me", tags=["me"])
users_router = APIRouter(prefix="/v1/users/{user_id}", tags=["users"])


async def _system_events(events: EventsDep, journeys: JourneysDep) -> SystemEvents:
    return SystemEvents(events, journeys)


SystemEventsDep = Annotated[SystemEvents, Depends(_system_events)]


class WidgetOpened(BaseModel):
    """The open was logged (`duplicate`: another open in the same minute already was)."""

    id: str
    duplicate: bool


def _add_widget_opened(router: APIRouter, who: Callable[..., Awaitable[str]]) -> None:
    UserDep = Annotated[str, Depends(who)]

    @router.post(
        "/widget-opened", status_code=202, response_model=WidgetOpened, responses=error_responses(401, 403, 422)
    )
    async def widget_opened(user_id: UserDep, system: SystemEventsDep) -> WidgetOpened:
        """The widget was opened: logs `questline.widget_opened` for the user, at most once per minute
        (a second open in the same minute answers `duplicate: true` and counts nothing). The widget
        calls the `/v1/me` route itself; the client key's is for an app that shows it another way."""
        result = await system.widget_opened(user_id)
        return WidgetOpened(id=result.id, duplicate=result.duplicate)


_add_widget_opened(me_router, token_user)
_add_widget_opened(users_router, path_user)


class ReferralIn(Strict):
    """The user this user referred."""

    referred_user_id: UserId


class ReferralOut(BaseModel):
    """A referral: `fired_at` is when the referrer's `questline.referral` fired (null: not yet)."""

    referrer_user_id: str
    referred_user_id: str
    created_at: datetime
    fired_at: datetime | None = None
    event_id: str | None = Field(None, description="The `questline.referral` event's id once it fired")
    duplicate: bool = Field(False, description="The same referral was recorded before (nothing changed)")


class ReferralList(BaseModel):
    """The user's referrals, oldest first."""

    items: list[ReferralOut]


def _out(r: Referral, duplicate: bool = False) -> ReferralOut:
    return ReferralOut(**r.model_dump(), duplicate=duplicate)


@users_router.post(
    "/referrals",
    status_code=201,
    response_model=ReferralOut,
    responses={
        **error_responses(400, 401, 403),
        200: {"model": ReferralOut, "description": "The same referral again (`duplicate: true`, nothing changed)"},
        409: {
            **error_responses(409)[409],
            "description": "`already_referred`: the referred user already has another referrer",
        },
        422: {
            **error_responses(422)[422],
            "description": "`self_referral` (a user cannot refer themselves), or an invalid `referred_user_id`",
        },
    },
)
async def refer(
    body: JsonBody[ReferralIn], response: Response, conn: Conn, user_id: Annotated[str, Depends(path_user)]
) -> ReferralOut:
    """Records that `{user_id}` referred `referred_user_id`. The referrer's `questline.referral`
    fires once, at the referred user's first event after this (a client event or a widget open)."""
    referral, new = await Referrals().record(conn, user_id, body.referred_user_id)
    if not new:
        response.status_code = 200
    return _out(referral, duplicate=not new)


@users_router.get("/referrals", response_model=ReferralList, responses=error_responses(401, 403, 422))
async def referrals(conn: Conn, user_id: Annotated[str, Depends(path_user)]) -> ReferralList:
    """The users `{user_id}` referred, oldest first, with whether each referral has fired."""
    return ReferralList(items=[_out(r) for r in await Referrals().of_user(conn, user_id)])


@event_types_router.get("", response_model=EventTypes, responses=error_responses(401, 403))
async def event_types(conn: Conn, system: SystemEventsDep, _: Admin) -> EventTypes:
    """The event types missions can count: the system types (with a description and their data
    fields), then the custom types seen in the log, most frequent first, with their count and
    last sighting (kept on ingest: no scan of the log)."""
    return await system.event_types(conn)


def _add_categories(router: APIRouter, who: Callable[..., Awaitable[str]]) -> None:
    UserDep = Annotated[str, Depends(who)]

    @router.get("/categories", response_model=UserCategories, responses=error_responses(401, 403, 422))
    async def categories(user_id: UserDep, conn: Conn, system: SystemEventsDep) -> UserCategories:
        """The categories of the missions the user can see, with their count and per-tab counts
        (missions in no category last, `id: null`). `GET .../missions?category=<id>` lists one."""
        return await system.categories(conn, user_id)


_add_categories(me_router, token_user)
_add_categories(users_router, path_user)

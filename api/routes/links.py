"""Magic links: a mission's shareable link that opens it in the widget (issue 17).

Admins read a mission's link and set its audience (`/v1/missions/{id}/link`); anyone resolves a
link: anyone at `/v1/links/{token}` (public: credentials optional, shared with the widget's
origins for an anonymous visitor), a user at `/v1/me/links/{token}` (the widget with its token) and
a client for a user at `/v1/users/{user_id}/links/{token}`. The rules are `services.links` and
`domain.links`.
"""

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request

from api.auth import Role, authenticate
from api.deps import Admin, Conn, JourneysDep, SettingsDep, path_user, token_user
from api.errors import ApiError, ErrorBody, error_responses
from api.strict import JsonBody
from domain.links import Refusal
from services import links as svc
from services.links import LinkAudienceIn, LinkOut, LinkResolution, Refused
from settings import Settings

__all__ = ["router"]

router = APIRouter(tags=["links"])

AUDIENCE = """`audience` is who the link opens the mission for: `anyone` (also people who are not yet
users: they see the mission's card read-only and are asked to sign up in your app to start),
`registered` (the default: users Questline knows, i.e. with a profile) or `segment:<segment id>`
(its members). The audience in force is the one set with `PUT .../link`, else the mission spec's
`audience`, else `registered` (`audience_source` says which)."""

GET_LINK = f"""The mission's magic link: `url` is the page embedding the widget
(`QUESTLINE_LINK_BASE_URL`, else the API's `/widget/link.html`) with `?questline_link=<token>`;
the widget opens the mission when its page is loaded with that parameter. The token is random
and stays the same until `POST .../link/rotate` replaces it. 404 `mission_not_found`.

{AUDIENCE}"""

PUT_LINK = f"""Sets the link's audience (`null`: back to the mission spec's `audience`, else
`registered`). 404 `mission_not_found`; 422 naming `audience` (`validation_error`, or
`segment_not_found` for a `segment:<id>` that does not exist).

{AUDIENCE}"""

RESOLVE = """Opens a magic link: the mission's public card (`mission`, and `preview`: the card as a
newcomer sees it) and, for a user who may open it, their own view (`view`) to show in the widget.

Who opens it: the user of a user token; with the client key (or an admin key), `?user_id=`;
no credentials (or a key without `user_id`) is an anonymous visitor. A visitor Questline does not
know gets `signup_required: true` when the audience is `anyone`.

Refusals: 403 `not_registered` (the audience is `registered` or a segment and the visitor is not a
known user: ask them to sign in or sign up), 403 `not_in_segment` (a `segment:<id>` audience and a
user outside it); 404 `unknown_link` (no such link, or its mission was deleted), 404
`mission_unavailable` (the mission is not live: a draft, paused or archived). `details` has the
`reason` and the kind of the link's `audience` (`registered` or `segment`, never which segment).
401 for a wrong credential; 403 `forbidden` for a user token with another user's `user_id`."""

_REFUSALS: dict[int | str, dict[str, Any]] = {
    403: {
        "model": ErrorBody,
        "description": "`not_registered` / `not_in_segment`: the link's audience does not include the visitor",
    },
    404: {"model": ErrorBody, "description": "`unknown_link`, or `mission_unavailable` (the mission is not live)"},
}


def _base(request: Request, settings: Settings) -> str:
    """Where links point: the configured page, else this API's widget page."""
    return settings.link_base_url or str(request.base_url).rstrip("/") + svc.DEFAULT_LINK_PAGE


@router.get(
    "/v1/missions/{mission_id}/link",
    response_model=LinkOut,
    responses=error_responses(401, 403, 404),
    summary="A mission's magic link",
    description=GET_LINK,
)
async def get_link(mission_id: str, request: Request, conn: Conn, settings: SettingsDep, _: Admin) -> LinkOut:
    """The mission's shareable link and its audience."""
    return await svc.link_of(conn, mission_id, _base(request, settings))


@router.put(
    "/v1/missions/{mission_id}/link",
    response_model=LinkOut,
    responses=error_responses(401, 403, 404, 422),
    summary="Set who a mission's magic link opens it for",
    description=PUT_LINK,
)
async def put_link(
    mission_id: str,
    body: JsonBody[LinkAudienceIn],
    request: Request,
    conn: Conn,
    settings: SettingsDep,
    _: Admin,
) -> LinkOut:
    """Sets the link's audience."""
    return await svc.set_audience(conn, mission_id, body.audience, _base(request, settings))


@router.post(
    "/v1/missions/{mission_id}/link/rotate",
    response_model=LinkOut,
    responses=error_responses(401, 403, 404),
    summary="Give a mission's magic link a new token",
    description="Replaces the link's token (and so its `url`): the old link answers 404 `unknown_link` from now "
    "on, e.g. after it was shared too widely. The audience stays. 404 `mission_not_found`.",
)
async def rotate_link(mission_id: str, request: Request, conn: Conn, settings: SettingsDep, _: Admin) -> LinkOut:
    """A new token for the mission's link."""
    return await svc.rotate(conn, mission_id, _base(request, settings))


def _visitor(authorization: str | None, user_id: str | None, settings: Settings) -> str | None:
    """The user who opens the link (None: anonymous), from the credential sent, if any."""
    if not authorization:
        if user_id is not None:
            raise ApiError(
                401,
                "missing_credentials",
                "user_id: naming the user needs the client key; a user sends their user token instead",
            )
        return None
    who = authenticate(
        authorization, admin_key=settings.admin_key, client_key=settings.client_key, token_secret=settings.token_secret
    )
    if who.role is Role.USER:
        if user_id is not None and user_id != who.user_id:
            raise ApiError(403, "forbidden", "user_id: a user token opens links for its own user only")
        return who.user_id
    return user_id


async def _resolve(token: str, visitor: str | None, conn: Conn, journeys: JourneysDep) -> LinkResolution:
    """The link opened for `visitor` (None: anonymous), or its refusal as the HTTP error."""
    result = await svc.resolve(conn, token, visitor, journeys)
    if isinstance(result, Refused):
        raise _refused(result)
    return result


def _refused(refused: Refused) -> ApiError:
    # The kind of audience only: which segment it is stays with the operator.
    details = {
        "reason": refused.reason.value,
        "audience": "segment" if refused.audience.startswith("segment:") else refused.audience,
    }
    if refused.reason is Refusal.NOT_IN_SEGMENT:
        return ApiError(403, "not_in_segment", "this link opens its mission for the members of a segment only", details)
    return ApiError(
        403,
        "not_registered",
        "this link opens its mission for registered users only: sign in or sign up first",
        details,
    )


UserIdQuery = Annotated[
    str | None,
    Query(min_length=1, max_length=200, description="The user opening the link (with the client or admin key)."),
]
AuthorizationHeader = Annotated[str | None, Header(description="Optional: a user token, or the client key.")]


@router.get(
    "/v1/links/{token}",
    response_model=LinkResolution,
    responses={**error_responses(401, 403, 422), **_REFUSALS},
    summary="Open a magic link",
    description=RESOLVE,
)
async def open_link(
    token: str,
    conn: Conn,
    journeys: JourneysDep,
    settings: SettingsDep,
    user_id: UserIdQuery = None,
    authorization: AuthorizationHeader = None,
) -> LinkResolution:
    """The link's mission, for whoever opens it."""
    return await _resolve(token, _visitor(authorization, user_id, settings), conn, journeys)


def _user_link_route(prefix: str, who: Callable[..., Awaitable[str]], tag: str, summary: str, note: str) -> None:
    """`GET {prefix}/links/{token}`: the link opened for the route's user (a user route and its
    client-key mirror, as every `/v1/me` route has one)."""

    @router.get(
        f"{prefix}/links/{{token}}",
        response_model=LinkResolution,
        responses={**error_responses(401, 403, 422), **_REFUSALS},
        summary=summary,
        description=note + "\n\n" + RESOLVE,
        tags=[tag],
        name=f"open_link_{tag}",
    )
    async def open_users_link(
        token: str, user_id: Annotated[str, Depends(who)], conn: Conn, journeys: JourneysDep
    ) -> LinkResolution:
        return await _resolve(token, user_id, conn, journeys)


_user_link_route(
    "/v1/me",
    token_user,
    "me",
    "Open a magic link (the widget's user)",
    "As `GET /v1/links/{token}` for the user of the token (the widget calls it; an anonymous visitor's "
    "widget calls `GET /v1/links/{token}`, which is shared with the widget's origins too).",
)
_user_link_route(
    "/v1/users/{user_id}",
    path_user,
    "users",
    "Open a magic link for a user",
    "As `GET /v1/links/{token}` for `{user_id}` (the client key): what the operator's app shows them.",
)

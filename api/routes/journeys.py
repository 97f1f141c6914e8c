"""What a user sees and does: mission views, opt-in, social checks, wallet; and admin grants and unlocks.

The same user routes are served twice: under `/v1/users/{user_id}` for the client key, and under
`/v1/me` for a user token, from one definition. The rules are the services' (`services.journeys`,
`services.grants`); these routes only translate HTTP.
"""

from collections.abc import Awaitable, Callable
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request

from api import proofs
from api.deps import (
    Admin,
    Conn,
    GrantsDep,
    JourneysDep,
    ReadConn,
    SettingsDep,
    StoreDep,
    path_user,
    start_after_commit,
    token_user,
)
from api.errors import error_responses
from api.schemas import Strict, UserIds
from api.strict import JsonBody
from domain.journey import Journey
from domain.missions import ManualGoal
from domain.projection import Tab
from services.grants import GrantJobList, GrantJobOut, Outcomes
from services.journeys import ProofSource, ProofValue, SubmitAct
from services.mission_views import MissionView, MissionViews, QuestViews, Submission, Wallet

__all__ = ["admin_router", "jobs_router", "me_router", "user_router", "users_router"]


#: Who the user routes act for: `path_user` (client key) or `token_user` (user token).
Who = Callable[..., Awaitable[str]]
_AUTH = error_responses(401, 403, 422)


def user_router(prefix: str, who: Who, tag: str) -> APIRouter:
    """The user routes under `prefix`, with the user id taken from `who`."""
    router = APIRouter(prefix=prefix, tags=[tag])
    _add_mission_views(router, who)
    _add_actions(router, who)
    _add_verify(router, who)
    _add_quests_and_wallet(router, who)
    return router


def _add_mission_views(router: APIRouter, who: Who) -> None:
    """The user's missions: the list by tab, and one mission."""
    UserDep = Annotated[str, Depends(who)]
    auth = _AUTH

    @router.get("/missions", response_model=MissionViews, responses=auth)
    async def list_missions(
        user_id: UserDep,
        journeys: JourneysDep,
        conn: ReadConn,
        tab: Literal["available", "locked", "completed", "missed"] | None = None,
        category: Annotated[
            str | None, Query(max_length=200, description="Only the missions of this category id")
        ] = None,
    ) -> MissionViews:
        """The missions the user can see, with tab, chips, timer and progress (`?category=` one category's)."""
        views = await journeys.list_views(conn, user_id, Tab(tab) if tab else None)
        if category is not None:
            views = MissionViews(items=[v for v in views.items if v.category_id == category])
        return views

    @router.get("/missions/{mission_id}", response_model=MissionView, responses={**auth, **error_responses(404)})
    async def get_mission(mission_id: str, user_id: UserDep, journeys: JourneysDep, conn: ReadConn) -> MissionView:
        """One mission as the user sees it; 404 when hidden from them."""
        return await journeys.view(conn, user_id, mission_id)


def _add_actions(router: APIRouter, who: Who) -> None:
    """What the user does to a mission: opt in, submit proof."""
    UserDep = Annotated[str, Depends(who)]
    auth = _AUTH

    @router.post(
        "/missions/{mission_id}/opt-in", response_model=MissionView, responses={**auth, **error_responses(404, 409)}
    )
    async def opt_in(mission_id: str, user_id: UserDep, journeys: JourneysDep, conn: Conn) -> MissionView:
        """Opts the user in; 409 when the mission takes no opt-in, is not open, or is already joined."""
        return await journeys.opt_in(conn, user_id, mission_id)

    @router.post(
        "/missions/{mission_id}/submissions",
        status_code=201,
        response_model=Submission,
        responses={**auth, **error_responses(404, 409), **proofs.SUBMIT_ERRORS},
        openapi_extra=proofs.SUBMIT_BODY,
    )
    async def submit(
        mission_id: str,
        request: Request,
        user_id: UserDep,
        journeys: JourneysDep,
        settings: SettingsDep,
        store: StoreDep,
    ) -> Submission:
        """Submits proof for a manual mission; the journey waits in `pending` (409 while one waits).

        Send JSON (`link`, `text`, `image`/`video` as a URL, `survey` answers), or upload an image or
        a video as `multipart/form-data` with the fields `kind` and `file`: at most
        `QUESTLINE_UPLOAD_MAX_BYTES` (413), of a type the settings allow whose bytes match it (415).
        Admins fetch an uploaded file at `GET /v1/submissions/{id}/proof`.
        """
        # The body is read here, not by FastAPI, so an upload streams within its limit.
        proof: ProofValue | ProofSource
        if proofs.is_multipart(request):

            async def upload(goal: ManualGoal, submission_id: str, act: SubmitAct) -> Journey | None:
                return await proofs.submit_upload(request, goal, submission_id, settings=settings, store=store, act=act)

            proof = upload
        else:
            body = await proofs.read_submission_json(request)
            proof = ProofValue(kind=body.proof.kind, value=body.proof.value)
        return await journeys.submit(user_id, mission_id, proof)


def _add_verify(router: APIRouter, who: Who) -> None:
    """The user asks for a social mission's check."""
    UserDep = Annotated[str, Depends(who)]
    auth = _AUTH

    @router.post(
        "/missions/{mission_id}/verify",
        status_code=202,
        response_model=MissionView,
        responses={**auth, **error_responses(404, 409, 429)},
    )
    async def verify(mission_id: str, user_id: UserDep, journeys: JourneysDep, conn: Conn) -> MissionView:
        """Starts the check of a social mission: 202 with the mission, its `verification` running.

        The platform is first asked `QUESTLINE_SOCIAL_CHECK_DELAY` later (new posts take minutes to
        appear), then again with backoff for up to `QUESTLINE_SOCIAL_CHECK_TIMEOUT`. Found: the
        mission completes. Not found: `verification.detail` says why and the user may ask again.
        While a check of this user runs on the same platform (any mission): 429
        `social_check_running` with `Retry-After`. 409 `not_a_social_mission`, or `cannot_verify`
        when the mission cannot progress now (not opted in, waiting on a review, over).
        """
        return await journeys.verify(conn, user_id, mission_id)


def _add_quests_and_wallet(router: APIRouter, who: Who) -> None:
    """The user's quests and wallet."""
    UserDep = Annotated[str, Depends(who)]
    auth = _AUTH

    @router.get("/quests", response_model=QuestViews, responses=auth)
    async def quests(user_id: UserDep, journeys: JourneysDep, conn: ReadConn) -> QuestViews:
        """Quests with the user's progress: completed active missions out of all active missions."""
        return await journeys.quests(conn, user_id)

    @router.get("/wallet", response_model=Wallet, responses=auth)
    async def wallet(user_id: UserDep, journeys: JourneysDep, conn: ReadConn) -> Wallet:
        """Points balance (summed from the ledger), items, and the latest ledger entries."""
        return await journeys.wallet(conn, user_id)


users_router = user_router("/v1/users/{user_id}", path_user, "users")
me_router = user_router("/v1/me", token_user, "me")


# --- admin: grants and unlocks ---------------------------------------------------------------

admin_router = APIRouter(prefix="/v1/missions", tags=["missions"])


class SegmentGrantIn(Strict):
    """The segment whose every member gets the featured mission."""

    segment_id: str


@admin_router.post("/{mission_id}/grants", response_model=Outcomes, responses=error_responses(401, 403, 404, 409, 422))
async def grant(mission_id: str, body: JsonBody[UserIds], conn: Conn, grants: GrantsDep, _: Admin) -> Outcomes:
    """Grants a featured mission to users (422 when its start_at is in the future)."""
    return await grants.grant(conn, mission_id, body.user_ids)


@admin_router.post("/{mission_id}/unlock", response_model=Outcomes, responses=error_responses(401, 403, 404, 409, 422))
async def unlock(mission_id: str, body: JsonBody[UserIds], conn: Conn, grants: GrantsDep, _: Admin) -> Outcomes:
    """Unlocks a locked mission for users, whatever its unlock conditions."""
    return await grants.unlock(conn, mission_id, body.user_ids)


@admin_router.post(
    "/{mission_id}/grants/segment",
    status_code=202,
    response_model=GrantJobOut,
    responses=error_responses(401, 403, 404, 409, 422),
)
async def grant_segment(
    mission_id: str, body: JsonBody[SegmentGrantIn], conn: Conn, grants: GrantsDep, request: Request, _: Admin
) -> GrantJobOut:
    """Grants a featured mission to every member of a segment, in the background (durable, resumable).

    Follow it with `GET /v1/grant-jobs/{job_id}`.
    """
    start = await grants.segment_grant(conn, mission_id, body.segment_id)
    # Durable: recorded in this transaction, started after its commit (or by a relay after a crash).
    await start_after_commit(request, conn, start.kind, start.job_id, start.job)
    return start.view


jobs_router = APIRouter(prefix="/v1/grant-jobs", tags=["missions"])


@jobs_router.get("", response_model=GrantJobList, responses=error_responses(401, 403, 422))
async def list_grant_jobs(
    conn: Conn,
    grants: GrantsDep,
    _: Admin,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(description="`next_cursor` of the previous page")] = None,
) -> GrantJobList:
    """Grant jobs newest first (an admin's segment grants, an activation's trigger grants and unlock
    backfills), each with its progress and `total` (the segment's members). A job is listed for a
    week after it started."""
    page = await grants.jobs(conn, limit=limit, cursor=cursor)
    return GrantJobList(items=page.items, next_cursor=page.next_cursor)


@jobs_router.get("/{job_id}", response_model=GrantJobOut, responses=error_responses(401, 403, 404))
async def grant_job(job_id: str, conn: Conn, grants: GrantsDep, _: Admin) -> GrantJobOut:
    """A bulk grant's progress."""
    return await grants.job(conn, job_id)

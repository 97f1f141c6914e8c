"""What a user sees and does: mission views, opt-in, social checks, wallet; and admin grants and unlocks.

The same user routes are served twice: under `/v1/users/{user_id}` for the client key, and under
`/v1/me` for a user token, from one definition.
"""

import asyncio
import uuid
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel

from api import proofs
from api.deps import Admin, Conn, ServicesDep, path_user, start_after_commit, token_user
from api.errors import error_responses
from api.schemas import Strict, UserIds
from api.strict import JsonBody
from db import catalogue, enrolments, ledger, starts, users
from db import missions as missions_repo
from db import segments as segment_repo
from db.ledger import Wallet
from domain.errors import Conflict, DomainError, Invalid, NotFound
from domain.goals import check_proof
from domain.journey import Journey, MissionContext, can_opt_in, journey_now, status_at
from domain.missions import ManualGoal, MissionStatus, MissionType
from domain.rewards import Reward
from domain.projection import Chip, ProgressView, Tab, Timer, project
from domain.social_cooldown import VerificationStatus
from domain.social_targets import has_linked_account, needs_handle
from domain.users import is_eligible, needs_facts
from services import social as social_checks
from services.active_missions import ActiveMissions, ActiveMissionsCache, context_of
from services.audience import Audience, audience_of
from services.container import Services
from services.gateway import JourneyGateway
from storage import ObjectStore
from workflows.payloads import Grant, OptIn, Submit, Unlock
from workflows.segment_grant import GrantJob

_TAB_ORDER = {Tab.AVAILABLE: 0, Tab.LOCKED: 1, Tab.COMPLETED: 2, Tab.MISSED: 3}


class Submission(BaseModel):
    """The latest proof a user submitted for a manual mission."""

    id: str
    status: str
    proof: dict[str, Any]
    feedback: str | None


class Verification(BaseModel):
    """The latest social check the user asked for (`POST .../verify`).

    `running` until `ends_by` at the latest (asking again on the same platform meanwhile is 429);
    then `passed` (the mission completed), `failed` (`detail` says what was not found; ask again)
    or `review` (the platform could not answer: an admin decides, see `submission`).
    """

    status: VerificationStatus
    requested_at: datetime
    ends_by: datetime
    ended_at: datetime | None
    detail: str | None
    found: int | None
    needed: int | None


class MissionView(BaseModel):
    """One mission as a user sees it now (mission-semantics.md §4)."""

    mission_id: str
    name: str
    description: str | None
    type: MissionType
    tab: Tab
    chips: list[Chip]
    timer: Timer | None
    progress: ProgressView
    can_opt_in: bool
    completions: int
    max_completions: int | None
    reward: Reward | None
    status: str
    submission: Submission | None = None
    verification: Verification | None = None
    category_id: str | None
    quest_id: str | None
    action_button: dict[str, Any] | None
    images: dict[str, Any] | None


class QuestView(BaseModel):
    """A quest as a user sees it: which of its missions they completed."""

    quest_id: str
    name: str
    description: str | None
    reward: dict[str, Any] | None
    mission_ids: list[str]
    completed_mission_ids: list[str]
    progress: ProgressView
    status: Literal["in_progress", "completed"]


class QuestViews(BaseModel):
    """The quests that have active missions."""

    items: list[QuestView]


class MissionViews(BaseModel):
    """The user's visible missions by tab (available, locked, completed, missed), featured first within each."""

    items: list[MissionView]


def submission_of(journey: Journey | None) -> Submission | None:
    """The latest submission of a journey, as the user sees it."""
    sub = journey.submission if journey is not None else None
    if sub is None:
        return None
    return Submission(id=sub.id, status=sub.status, proof=sub.proof, feedback=sub.feedback)


def verification_of(journey: Journey | None) -> Verification | None:
    """The latest social check of a journey, as the user sees it."""
    check = journey.verification if journey is not None else None
    if check is None:
        return None
    return Verification.model_validate(check.model_dump(exclude={"failure"}))


def view_of(ctx: MissionContext, journey: Journey | None, now: datetime) -> MissionView | None:
    """The mission view, or None when the user cannot see the mission."""
    p = project(ctx, journey, now)
    if p is None:
        return None
    spec = ctx.spec
    social = spec.goal.kind == "social"
    return MissionView(
        mission_id=ctx.mission_id,
        name=spec.name,
        description=spec.description,
        type=spec.type,
        tab=p.tab,
        chips=p.chips,
        timer=p.timer,
        progress=p.progress,
        can_opt_in=p.can_opt_in,
        completions=p.completions,
        max_completions=spec.max_completions,
        reward=spec.reward,
        status=p.status.value,
        # A social check the platform could not answer waits in the review queue as a submission.
        submission=submission_of(journey) if spec.goal.kind == "manual" or social else None,
        verification=verification_of(journey_now(ctx, journey, now)) if social else None,
        category_id=spec.category_id,
        quest_id=spec.quest_id,
        action_button=spec.action_button.model_dump(mode="json") if spec.action_button else None,
        images=spec.images.model_dump(mode="json") if spec.images else None,
    )


def _catalogue(svc: Services) -> ActiveMissionsCache:
    cache: ActiveMissionsCache = svc.active_missions
    return cache


def _gateway(svc: Services) -> JourneyGateway:
    gateway: JourneyGateway = svc.gateway
    return gateway


async def _audience(conn: Conn, user_id: str, catalogue: ActiveMissions, needed: bool) -> Audience | None:
    return await audience_of(conn, user_id, catalogue.tiers) if needed else None


async def _handles(conn: Conn, user_id: str, needed: bool) -> Mapping[str, str]:
    """The user's linked accounts, read only when some mission's visibility depends on them."""
    return (await users.get_profile(conn, user_id)).social if needed else {}


def _eligible(ctx: MissionContext, who: Audience | None, handles: Mapping[str, str]) -> bool:
    """§7 segments and tiers, and §5: a social mission needs a linked account on its platform."""
    if needs_facts(ctx.spec) and (who is None or not is_eligible(ctx.spec, who.tier, who.segments)):
        return False
    return has_linked_account(ctx.spec, handles)


async def list_views(svc: Services, conn: Conn, user_id: str, tab: Tab | None) -> MissionViews:
    """Every live mission the user is eligible for, joined with their journeys, projected at now."""
    catalogue = await _catalogue(svc).get(conn)
    journeys = await enrolments.for_user(conn, user_id)
    who = await _audience(conn, user_id, catalogue, catalogue.needs_audience)
    handles = await _handles(conn, user_id, catalogue.needs_handles)
    now = datetime.now(UTC)
    views = [
        v
        for ctx in catalogue.live.values()
        if _eligible(ctx, who, handles)
        and (v := view_of(ctx, journeys.get(ctx.mission_id), now)) is not None
        and (tab is None or v.tab == tab)
    ]
    # By tab, then featured first within it (a missed featured mission never sits above available ones).
    views.sort(key=lambda v: (_TAB_ORDER[v.tab], v.type is not MissionType.FEATURED, v.name))
    return MissionViews(items=views)


async def visible(
    svc: Services, conn: Conn, user_id: str, mission_id: str
) -> tuple[MissionContext, Journey | None, MissionView]:
    """The mission, the user's journey and their view of it; 404 when they cannot see it (§4, §5, §7)."""
    catalogue = await _catalogue(svc).get(conn)
    ctx = catalogue.live.get(mission_id)
    if ctx is not None and _eligible(
        ctx,
        await _audience(conn, user_id, catalogue, needs_facts(ctx.spec)),
        await _handles(conn, user_id, needs_handle(ctx.spec) is not None),
    ):
        now = datetime.now(UTC)
        # A recurring mission's earlier cycle counts as no journey: each reset starts over.
        journey = journey_now(ctx, (await enrolments.for_user(conn, user_id, [mission_id])).get(mission_id), now)
        view = view_of(ctx, journey, now)
        if view is not None:
            return ctx, journey, view
    raise NotFound("mission_not_found", f"no visible mission {mission_id!r}")


def user_router(prefix: str, who: Callable[..., Awaitable[str]], tag: str) -> APIRouter:
    """The user routes under `prefix`, with the user id taken from `who`."""
    router = APIRouter(prefix=prefix, tags=[tag])
    UserDep = Annotated[str, Depends(who)]
    auth = error_responses(401, 403, 422)

    @router.get("/missions", response_model=MissionViews, responses=auth)
    async def list_missions(
        user_id: UserDep,
        svc: ServicesDep,
        conn: Conn,
        tab: Literal["available", "locked", "completed", "missed"] | None = None,
    ) -> MissionViews:
        """The missions the user can see, with tab, chips, timer and progress."""
        return await list_views(svc, conn, user_id, Tab(tab) if tab else None)

    @router.get("/missions/{mission_id}", response_model=MissionView, responses={**auth, **error_responses(404)})
    async def get_mission(mission_id: str, user_id: UserDep, svc: ServicesDep, conn: Conn) -> MissionView:
        """One mission as the user sees it; 404 when hidden from them."""
        return (await visible(svc, conn, user_id, mission_id))[2]

    @router.post(
        "/missions/{mission_id}/opt-in", response_model=MissionView, responses={**auth, **error_responses(404, 409)}
    )
    async def opt_in(mission_id: str, user_id: UserDep, svc: ServicesDep, conn: Conn) -> MissionView:
        """Opts the user in; 409 when the mission takes no opt-in, is not open, or is already joined."""
        ctx, journey, _ = await visible(svc, conn, user_id, mission_id)
        if not ctx.spec.opt_in:
            raise Conflict("opt_in_not_required", "this mission does not take an opt-in")
        # Refuse here what the journey would refuse, so no journey is started just to say no.
        now = datetime.now(UTC)
        if journey is not None and journey.opted_in_at is not None and not can_opt_in(ctx, journey, now):
            raise Conflict("already_opted_in", "the user has already opted in")
        if not can_opt_in(ctx, journey, now):
            raise Conflict(
                "cannot_opt_in", f"the mission cannot be opted into now (it is {status_at(ctx, journey, now).value})"
            )
        result = await _gateway(svc).act(ctx, user_id, "opt_in", OptIn(at=datetime.now(UTC)))
        view = view_of(ctx, result.journey, datetime.now(UTC))
        assert view is not None
        return view

    @router.post(
        "/missions/{mission_id}/submissions",
        status_code=201,
        response_model=Submission,
        responses={**auth, **error_responses(404, 409), **proofs.SUBMIT_ERRORS},
        openapi_extra=proofs.SUBMIT_BODY,
    )
    async def submit(mission_id: str, request: Request, user_id: UserDep, svc: ServicesDep) -> Submission:
        """Submits proof for a manual mission; the journey waits in `pending` (409 while one waits).

        Send JSON (`link`, `text`, `image`/`video` as a URL, `survey` answers), or upload an image or
        a video as `multipart/form-data` with the fields `kind` and `file`: at most
        `QUESTLINE_UPLOAD_MAX_BYTES` (413), of a type the settings allow whose bytes match it (415).
        Admins fetch an uploaded file at `GET /v1/submissions/{id}/proof`.
        """
        # The body is read here, not by FastAPI, so an upload streams within its limit.
        upload = proofs.is_multipart(request)
        body = None if upload else await proofs.read_submission_json(request)
        async with svc.engine.connect() as conn:  # released before a file streams in
            ctx, _, _ = await visible(svc, conn, user_id, mission_id)
        goal = ctx.spec.goal
        if not isinstance(goal, ManualGoal):
            raise Conflict("not_a_manual_mission", "this mission's goal takes no submissions")
        submission_id = f"sub_{uuid.uuid4().hex}"

        async def act(proof: dict[str, Any]) -> Journey | None:
            msg = Submit(submission_id=submission_id, proof=proof)
            return (await _gateway(svc).act(ctx, user_id, "submit", msg)).journey

        if body is None:
            store: ObjectStore = svc.store
            journey = await proofs.submit_upload(
                request, goal, submission_id, settings=svc.settings, store=store, act=act
            )
        else:
            journey = await act(check_proof(goal, body.proof.kind, body.proof.value))
        made = submission_of(journey)
        assert made is not None
        return made

    @router.post(
        "/missions/{mission_id}/verify",
        status_code=202,
        response_model=MissionView,
        responses={**auth, **error_responses(404, 409, 429)},
    )
    async def verify(mission_id: str, user_id: UserDep, svc: ServicesDep, conn: Conn) -> MissionView:
        """Starts the check of a social mission: 202 with the mission, its `verification` running.

        The platform is first asked `QUESTLINE_SOCIAL_CHECK_DELAY` later (new posts take minutes to
        appear), then again with backoff for up to `QUESTLINE_SOCIAL_CHECK_TIMEOUT`. Found: the
        mission completes. Not found: `verification.detail` says why and the user may ask again.
        While a check of this user runs on the same platform (any mission): 429
        `social_check_running` with `Retry-After`. 409 `not_a_social_mission`, or `cannot_verify`
        when the mission cannot progress now (not opted in, waiting on a review, over).
        """
        ctx, journey, _ = await visible(svc, conn, user_id, mission_id)
        catalogue = await _catalogue(svc).get(conn)
        result = await social_checks.start_check(conn, _gateway(svc), catalogue, ctx, journey, user_id, svc.settings)
        view = view_of(ctx, result.journey, datetime.now(UTC))
        assert view is not None
        return view

    @router.get("/quests", response_model=QuestViews, responses=auth)
    async def quests(user_id: UserDep, conn: Conn) -> QuestViews:
        """Quests with the user's progress: completed active missions out of all active missions."""
        done = await users.completed_missions(conn, user_id)
        items = []
        for quest in await catalogue.list_quests(conn):
            needed = await catalogue.active_mission_ids(conn, quest.id)
            if not needed:
                continue
            completed = [m for m in needed if m in done]
            items.append(
                QuestView(
                    quest_id=quest.id,
                    name=quest.name,
                    description=quest.description,
                    reward=quest.reward,
                    mission_ids=needed,
                    completed_mission_ids=completed,
                    progress=ProgressView(current=len(completed), target=len(needed), unit="missions"),
                    status="completed" if len(completed) == len(needed) else "in_progress",
                )
            )
        return QuestViews(items=items)

    @router.get("/wallet", response_model=Wallet, responses=auth)
    async def wallet(user_id: UserDep, conn: Conn) -> Wallet:
        """Points balance (summed from the ledger), items, and the latest ledger entries."""
        return await ledger.wallet(conn, user_id)

    return router


users_router = user_router("/v1/users/{user_id}", path_user, "users")
me_router = user_router("/v1/me", token_user, "me")


# --- admin: grants and unlocks ---------------------------------------------------------------

admin_router = APIRouter(prefix="/v1/missions", tags=["missions"])


class UserOutcome(BaseModel):
    """What happened for one user."""

    user_id: str
    ok: bool
    status: str | None = None
    error: dict[str, str] | None = None


class Outcomes(BaseModel):
    """One outcome per user, in request order."""

    results: list[UserOutcome]


async def _for_each(
    gateway: JourneyGateway, ctx: MissionContext, user_ids: list[str], update: str, msg: Any
) -> Outcomes:
    slots = asyncio.Semaphore(32)

    async def one(user_id: str) -> UserOutcome:
        async with slots:
            try:
                result = await gateway.act(ctx, user_id, update, msg)
            except DomainError as exc:
                return UserOutcome(user_id=user_id, ok=False, error={"code": exc.code, "message": exc.message})
            return UserOutcome(user_id=user_id, ok=True, status=result.status.value)

    return Outcomes(results=list(await asyncio.gather(*(one(u) for u in dict.fromkeys(user_ids)))))


def _check_started(ctx: MissionContext) -> None:
    """A featured mission cannot be granted before its start (§2: 422)."""
    if ctx.spec.start_at is not None and ctx.spec.start_at > datetime.now(UTC):
        raise Invalid(
            "not_started",
            "a featured mission cannot be granted before its start_at",
            [{"field": "start_at", "reason": "in the future"}],
        )


async def _active(conn: Conn, mission_id: str, kind: MissionType) -> MissionContext:
    mission = await missions_repo.get(conn, mission_id)
    if mission.status is not MissionStatus.ACTIVE:
        raise Conflict("mission_not_active", f"the mission is {mission.status.value}, not active")
    if mission.spec.type is not kind:
        raise Conflict(
            "wrong_mission_type", f"only {kind.value} missions take this call; this one is {mission.spec.type.value}"
        )
    return context_of(mission)


@admin_router.post("/{mission_id}/grants", response_model=Outcomes, responses=error_responses(401, 403, 404, 409, 422))
async def grant(mission_id: str, body: JsonBody[UserIds], conn: Conn, svc: ServicesDep, _: Admin) -> Outcomes:
    """Grants a featured mission to users (422 when its start_at is in the future)."""
    ctx = await _active(conn, mission_id, MissionType.FEATURED)
    _check_started(ctx)
    return await _for_each(_gateway(svc), ctx, body.user_ids, "grant", Grant(at=datetime.now(UTC)))


@admin_router.post("/{mission_id}/unlock", response_model=Outcomes, responses=error_responses(401, 403, 404, 409, 422))
async def unlock(mission_id: str, body: JsonBody[UserIds], conn: Conn, svc: ServicesDep, _: Admin) -> Outcomes:
    """Unlocks a locked mission for users, whatever its unlock conditions."""
    ctx = await _active(conn, mission_id, MissionType.LOCKED)
    return await _for_each(_gateway(svc), ctx, body.user_ids, "unlock", Unlock(at=datetime.now(UTC)))


class SegmentGrantIn(Strict):
    """The segment whose every member gets the featured mission."""

    segment_id: str


class GrantJobOut(BaseModel):
    """A bulk grant's progress: granted and refused (finished journeys) so far."""

    job_id: str
    mission_id: str
    segment_id: str
    status: Literal["running", "completed", "failed"]
    granted: int
    refused: int
    pages: int


@admin_router.post(
    "/{mission_id}/grants/segment",
    status_code=202,
    response_model=GrantJobOut,
    responses=error_responses(401, 403, 404, 409, 422),
)
async def grant_segment(
    mission_id: str, body: JsonBody[SegmentGrantIn], conn: Conn, request: Request, _: Admin
) -> GrantJobOut:
    """Grants a featured mission to every member of a segment, in the background (durable, resumable).

    Follow it with `GET /v1/grant-jobs/{job_id}`.
    """
    ctx = await _active(conn, mission_id, MissionType.FEATURED)
    _check_started(ctx)
    try:
        await segment_repo.get(conn, body.segment_id)
    except NotFound as exc:
        raise Invalid("segment_not_found", exc.message, [{"field": "segment_id", "reason": "no such segment"}]) from exc
    job_id = f"segment-grant:{mission_id}:{body.segment_id}:{uuid.uuid4().hex[:12]}"
    job = GrantJob(mission_id=mission_id, segment_id=body.segment_id)
    # Durable: recorded in this transaction, started after its commit (or by a relay after a crash).
    await start_after_commit(request, conn, "segment_grant", job_id, job)
    return GrantJobOut(
        job_id=job_id,
        mission_id=mission_id,
        segment_id=body.segment_id,
        status="running",
        granted=0,
        refused=0,
        pages=0,
    )


jobs_router = APIRouter(prefix="/v1/grant-jobs", tags=["missions"])


@jobs_router.get("/{job_id}", response_model=GrantJobOut, responses=error_responses(401, 403, 404))
async def grant_job(job_id: str, conn: Conn, svc: ServicesDep, _: Admin) -> GrantJobOut:
    """A bulk grant's progress."""
    if not job_id.startswith("segment-grant:"):
        raise NotFound("job_not_found", f"no grant job {job_id!r}")
    progress = await _gateway(svc).grant_job(job_id)
    if progress is None:
        if (waiting := await starts.pending(conn, job_id)) is None:
            raise NotFound("job_not_found", f"no grant job {job_id!r}")
        # Accepted, its start still pending (the API died after the commit; a relay starts it).
        job = GrantJob.model_validate(waiting.payload)
        return GrantJobOut(
            job_id=job_id,
            mission_id=job.mission_id,
            segment_id=job.segment_id,
            status="running",
            granted=0,
            refused=0,
            pages=0,
        )
    job, state = progress.job, progress.status
    return GrantJobOut(
        job_id=job_id,
        mission_id=job.mission_id,
        segment_id=job.segment_id,
        status=state,
        granted=job.granted,
        refused=job.refused,
        pages=job.pages,
    )

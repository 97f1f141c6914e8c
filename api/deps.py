"""FastAPI dependencies: settings, database transactions, Temporal, and who is calling."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Annotated, Any

from fastapi import Depends, Header, Request
from sqlalchemy.ext.asyncio import AsyncConnection

from api.auth import Principal, Role, authenticate, require
from api.errors import ApiError
from api.schemas import UserId
from services.active_missions import ActiveMissionsCache
from services.approvals import Approvals
from services.broadcasts import Broadcasts
from services.callbacks import Callbacks
from services.catalogue import Catalogue
from services.challenges import Challenges
from services.container import Services
from services.events import Events, StoredEvent
from services.gateway import JourneyGateway
from services.grants import Grants
from services.health import Readiness
from services.journeys import Journeys
from services.missions import Missions
from services.outbox import RoutedMarks
from services.routing import EventRouter
from services.segments import Segments
from services.shop import Shop
from services.starts import WorkflowStarts
from services.stats import Stats
from services.streak_repairs import StreakRepairs
from services.users import Users
from settings import Settings
from storage import ObjectStore


async def services(request: Request) -> Services:
    """The process-wide services (`services.container`), built once by the app's lifespan."""
    svc: Services = request.app.state.services
    return svc


ServicesDep = Annotated[Services, Depends(services)]


async def _gateway(svc: ServicesDep) -> JourneyGateway:
    return svc.gateway


async def _router(svc: ServicesDep) -> EventRouter:
    return svc.router


async def _marks(svc: ServicesDep) -> RoutedMarks:
    return svc.marks


async def _starts(svc: ServicesDep) -> WorkflowStarts:
    return svc.starts


async def _active_missions(svc: ServicesDep) -> ActiveMissionsCache:
    return svc.active_missions


async def _events(svc: ServicesDep) -> Events:
    return svc.events


async def _users(svc: ServicesDep) -> Users:
    return svc.users


async def _segments(svc: ServicesDep) -> Segments:
    return svc.segments


async def _readiness(svc: ServicesDep) -> Readiness:
    return svc.readiness


async def _store(svc: ServicesDep) -> ObjectStore:
    return svc.store


async def _missions(svc: ServicesDep) -> Missions:
    return svc.missions


async def _catalogue_admin(svc: ServicesDep) -> Catalogue:
    return svc.catalogue_admin


async def _shop(svc: ServicesDep) -> Shop:
    return svc.shop


async def _journeys(svc: ServicesDep) -> Journeys:
    return svc.journeys


async def _approvals(svc: ServicesDep) -> Approvals:
    return svc.approvals


async def _grants(svc: ServicesDep) -> Grants:
    return svc.grants


async def _broadcasts(svc: ServicesDep) -> Broadcasts:
    return svc.broadcasts


async def _callbacks(svc: ServicesDep) -> Callbacks:
    return svc.callbacks


async def _challenges(svc: ServicesDep) -> Challenges:
    return svc.challenges


async def _stats(svc: ServicesDep) -> Stats:
    return svc.stats


async def _streak_repairs(svc: ServicesDep) -> StreakRepairs:
    return svc.streak_repairs


#: The one door to Temporal.
GatewayDep = Annotated[JourneyGateway, Depends(_gateway)]
#: The event router (plan, deliver, and the opening of journeys).
RouterDep = Annotated[EventRouter, Depends(_router)]
#: Marks events routed, in batches.
MarksDep = Annotated[RoutedMarks, Depends(_marks)]
#: Durable workflow starts (the `workflow_starts` outbox).
StartsDep = Annotated[WorkflowStarts, Depends(_starts)]
#: The active missions, cached per catalogue version.
ActiveMissionsDep = Annotated[ActiveMissionsCache, Depends(_active_missions)]
#: Event ingestion (log, plan, commit, deliver, mark).
EventsDep = Annotated[Events, Depends(_events)]
#: Tiers and users' profiles.
UsersDep = Annotated[Users, Depends(_users)]
#: Segments and their members.
SegmentsDep = Annotated[Segments, Depends(_segments)]
#: The readiness checks of `/readyz`.
ReadinessDep = Annotated[Readiness, Depends(_readiness)]
#: Where uploaded proofs are kept.
StoreDep = Annotated[ObjectStore, Depends(_store)]
#: The operator's missions (create, revise, activate, launch, archive, clone).
MissionsDep = Annotated[Missions, Depends(_missions)]
#: Categories and quests, the operator's groupings of missions.
CatalogueAdminDep = Annotated[Catalogue, Depends(_catalogue_admin)]
#: The bonus shop's items and owed item rewards.
ShopDep = Annotated[Shop, Depends(_shop)]
#: Users' views of missions and their actions.
JourneysDep = Annotated[Journeys, Depends(_journeys)]
#: The review queue of submitted proofs.
ApprovalsDep = Annotated[Approvals, Depends(_approvals)]
#: Admin grants and unlocks.
GrantsDep = Annotated[Grants, Depends(_grants)]
#: Broadcasts and users' inboxes.
BroadcastsDep = Annotated[Broadcasts, Depends(_broadcasts)]
#: Callbacks: admins' list and manual retry.
CallbacksDep = Annotated[Callbacks, Depends(_callbacks)]
#: The challenge configuration and users' challenges.
ChallengesDep = Annotated[Challenges, Depends(_challenges)]
#: The admin console's statistics.
StatsDep = Annotated[Stats, Depends(_stats)]
#: Streak repairs after an outage.
StreakRepairsDep = Annotated[StreakRepairs, Depends(_streak_repairs)]


async def settings(svc: ServicesDep) -> Settings:
    """The process settings."""
    return svc.settings


SettingsDep = Annotated[Settings, Depends(settings)]


async def connection(svc: ServicesDep, request: Request) -> AsyncIterator[AsyncConnection]:
    """One transaction per request: committed when the route returns, rolled back when it raises.

    Scoped to the route function so the commit happens before the response is sent: a client
    that reads right after a write sees it. Callbacks a route registers with `after_commit` run
    once the commit has succeeded (never for a rolled-back request).
    """
    callbacks: list[Callable[[], Awaitable[None]]] = []
    request.state.after_commit = callbacks
    async with svc.engine.begin() as conn:
        yield conn
    for callback in callbacks:
        await callback()


def after_commit(request: Request, callback: Callable[[], Awaitable[None]]) -> None:
    """Runs `callback` after the request's transaction commits (e.g. tell journeys of a change)."""
    request.state.after_commit.append(callback)


def route_after_commit(request: Request, events: Sequence[StoredEvent]) -> None:
    """Routes internal events this request logged (a tier reached, a segment entered) once committed."""
    if not events:
        return
    router = request.app.state.services.router

    async def route() -> None:
        await router.route_and_mark(events)

    after_commit(request, route)


async def start_after_commit(request: Request, conn: AsyncConnection, kind: str, workflow_id: str, arg: Any) -> None:
    """Records a workflow start in the request's transaction and makes it once committed.

    Durable: if the process dies after the commit, a relay (`services.starts`) makes the start.
    """
    starts: WorkflowStarts = request.app.state.services.starts
    pending = await starts.enqueue(conn, kind, workflow_id, arg)
    after_commit(request, lambda: starts.start_now([pending]))


Conn = Annotated[AsyncConnection, Depends(connection, scope="function")]


async def read_connection(svc: ServicesDep) -> AsyncIterator[AsyncConnection]:
    """A read route's transaction: on the read replica when one is set (`QUESTLINE_DATABASE_READ_URL`,
    read-only), else on the primary like `connection`."""
    async with svc.read_engine.begin() as conn:
        yield conn


#: The connection of a route that only reads (mission lists and views, wallet, leaderboards).
ReadConn = Annotated[AsyncConnection, Depends(read_connection, scope="function")]


async def principal(svc: ServicesDep, authorization: Annotated[str | None, Header()] = None) -> Principal:
    """The authenticated caller (401 when the credential is missing or wrong).

    Dependencies are `async def` so FastAPI runs them on the event loop, not in a thread pool.
    """
    s = svc.settings
    return authenticate(authorization, admin_key=s.admin_key, client_key=s.client_key, token_secret=s.token_secret)


async def admin(who: Annotated[Principal, Depends(principal)]) -> Principal:
    """Admin key only."""
    return require(who, Role.ADMIN)


async def client(who: Annotated[Principal, Depends(principal)]) -> Principal:
    """The operator's backend (client key) or an admin."""
    return require(who, Role.ADMIN, Role.CLIENT)


async def user(who: Annotated[Principal, Depends(principal)]) -> str:
    """A user token; the user id it was issued for."""
    require(who, Role.USER)
    assert who.user_id is not None
    return who.user_id


async def path_user(user_id: UserId, _: Annotated[Principal, Depends(client)]) -> str:
    """The `{user_id}` of a `/v1/users/{user_id}/...` route, for the client key (or an admin)."""
    return user_id


async def token_user(user_id: Annotated[str, Depends(user)]) -> str:
    """The user of a `/v1/me/...` route: the one the token was issued for."""
    return user_id


Admin = Annotated[Principal, Depends(admin)]
Client = Annotated[Principal, Depends(client)]
Me = Annotated[str, Depends(user)]


def not_ready(reason: str) -> ApiError:
    """The 503 of `/readyz`."""
    return ApiError(503, "not_ready", reason)

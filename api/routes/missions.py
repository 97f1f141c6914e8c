"""Admin routes of the mission catalogue: create, read, list, patch, activate, archive, clone."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from pydantic import AwareDatetime, BaseModel, Field

from api.deps import Admin, Conn, ServicesDep, SettingsDep, after_commit, start_after_commit
from api.errors import error_responses
from api.schemas import MissionList, MissionOut, MissionPatch, Strict
from api.strict import JsonBody, QueryBool
from db import missions as repo
from db import starts
from domain.errors import Conflict, Invalid, NotFound
from domain.missions import (
    Mission,
    MissionSpec,
    MissionStatus,
    MissionType,
    SocialGoal,
    check_active_patch,
    check_budget_cap,
    transition,
)
from domain.outbound import check_target
from domain.social import check_goal
from services import launch
from services.active_missions import context_of
from services.gateway import JourneyGateway
from services.starts import WorkflowStarts
from workflows.launch import Launch
from workflows.mission_change import mission_change_id
from workflows.payloads import Revise

router = APIRouter(prefix="/v1/missions", tags=["missions"])

_AUTH = error_responses(401, 403)


def _check_verifiable(spec: MissionSpec) -> None:
    """A social goal must be one its platform can verify, with a target that fits its action (422)."""
    if isinstance(spec.goal, SocialGoal):
        check_goal(spec.goal)


async def _announce(request: Request, conn: Conn, mission: Mission) -> None:
    """With the change: the durable broadcast of it to the mission's running journeys (started after commit)."""
    msg = Revise(mission=context_of(mission))
    await start_after_commit(request, conn, "mission_change", mission_change_id(msg), msg)


@router.post("", status_code=201, response_model=MissionOut, responses={**_AUTH, **error_responses(422)})
async def create_mission(body: JsonBody[MissionSpec], conn: Conn, _: Admin, settings: SettingsDep) -> MissionOut:
    """Creates a mission as a draft (422 `not_supported` for a social action its platform cannot verify).

    Every reference must name something that exists (422 naming each field otherwise, the code
    that of the first: `mission_not_found`, `tier_not_found`, `segment_not_found`,
    `item_not_found`, `category_not_found`, `quest_not_found`); a PATCH checks the references it
    adds, and activation (or a scheduled launch) checks them all again.
    """
    check_target("callback_url", body.callback_url, settings.outbound_policy)
    _check_verifiable(body)
    check_budget_cap(body)
    return MissionOut.of(await repo.create(conn, body))


@router.get("", response_model=MissionList, responses={**_AUTH, **error_responses(422)})
async def list_missions(
    conn: Conn,
    _: Admin,
    status: MissionStatus | None = None,
    type: MissionType | None = None,
    category_id: str | None = None,
    challenges: Annotated[
        QueryBool,
        Query(description="List users' personal challenges (owned missions) instead of the operator's missions"),
    ] = False,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: Annotated[str | None, Query(description="`next_cursor` of the previous page")] = None,
) -> MissionList:
    """Lists the operator's missions (or, with `challenges=true`, users' challenges), oldest first,
    filtered by status, type or category; page with `cursor`."""
    page = await repo.list_missions(
        conn, status=status, type=type, category_id=category_id, owned=challenges, limit=limit + 1, after=cursor
    )
    items = [MissionOut.of(m) for m in page[:limit]]
    return MissionList(items=items, next_cursor=page[limit - 1].id if len(page) > limit else None)


@router.get("/{mission_id}", response_model=MissionOut, responses={**_AUTH, **error_responses(404)})
async def get_mission(mission_id: str, conn: Conn, _: Admin) -> MissionOut:
    """One mission with its current revision."""
    return MissionOut.of(await repo.get(conn, mission_id))


class RevisionOut(BaseModel):
    """One revision of a mission's spec."""

    mission_id: str
    revision: int
    spec: dict[str, Any]


@router.get(
    "/{mission_id}/revisions/{revision}",
    response_model=RevisionOut,
    responses={**_AUTH, **error_responses(404, 422)},
)
async def get_revision(
    mission_id: str, revision: Annotated[int, Path(ge=1, le=2**31 - 1)], conn: Conn, _: Admin
) -> RevisionOut:
    """The spec of one revision, as it was (journeys started on it ran it)."""
    spec = await repo.get_revision(conn, mission_id, revision)
    return RevisionOut(mission_id=mission_id, revision=revision, spec=spec.model_dump(mode="json", exclude_none=True))


@router.patch("/{mission_id}", response_model=MissionOut, responses={**_AUTH, **error_responses(404, 409, 422)})
async def patch_mission(
    mission_id: str,
    body: JsonBody[MissionPatch],
    conn: Conn,
    _: Admin,
    request: Request,
    settings: SettingsDep,
) -> MissionOut:
    """Changes fields: a draft in place, an active mission as a new revision; archived: 409."""
    mission = await repo.get(conn, mission_id, for_update=True)
    if mission.status is MissionStatus.ARCHIVED:
        raise Conflict("mission_archived", "an archived mission cannot change", {"status": "archived"})
    current: dict[str, Any] = mission.spec.model_dump(mode="json", exclude_none=True)
    changes: dict[str, Any] = body.model_dump(mode="json", include=body.model_fields_set)
    for key, value in changes.items():
        if value is None:
            current.pop(key, None)
        else:
            current[key] = value
    spec = MissionSpec.model_validate(current)  # a ValidationError becomes a 422 naming the field
    active = mission.status is MissionStatus.ACTIVE
    if active:
        check_active_patch(mission.spec, spec)
    _check_verifiable(spec)
    if spec.callback_url != mission.spec.callback_url:
        check_target("callback_url", spec.callback_url, settings.outbound_policy)
    if spec.budget_cap != mission.spec.budget_cap or spec.reward != mission.spec.reward:
        # Only then: a mission stored with a cap that cannot trip may still change other fields.
        check_budget_cap(spec)
    if spec == mission.spec:
        return MissionOut.of(mission)
    updated = await repo.update_spec(conn, mission, spec, new_revision=active)
    if spec.budget_cap != mission.spec.budget_cap:
        updated = await repo.recheck_budget(conn, updated, datetime.now(UTC))
    if active:
        await _announce(request, conn, updated)
    return MissionOut.of(updated)


async def _transition(conn: Conn, mission_id: str, action: str) -> Mission:
    mission = await repo.get(conn, mission_id, for_update=True)
    target = transition(mission.status, action)
    return await repo.set_status(conn, mission, target, datetime.now(UTC))


class ActivatedMission(MissionOut):
    """The activated mission, and the job granting it to its trigger segment's members."""

    grant_job_id: str | None = Field(
        None,
        description="Only with a `trigger`: the durable job granting the mission to the segment's current members "
        "(follow it with `GET /v1/grant-jobs/{job_id}`); absent without a trigger.",
    )
    unlock_job_id: str | None = Field(
        None,
        description="Only for a locked mission with `unlock.after_missions` or `unlock.min_tier`: the durable job "
        "unlocking it for every user who already completed them all or has that tier (follow it with "
        "`GET /v1/grant-jobs/{job_id}`); absent otherwise.",
    )


@router.post(
    "/{mission_id}/activate",
    response_model=ActivatedMission,
    # Without a trigger the body is the mission as `GET` shows it: `grant_job_id` is left out.
    response_model_exclude_unset=True,
    responses={**_AUTH, **error_responses(404, 409, 422)},
)
async def activate_mission(
    mission_id: str, conn: Conn, svc: ServicesDep, request: Request, _: Admin
) -> ActivatedMission:
    """draft → active: users can see it and their events count from now on.

    A featured mission with a `trigger` is granted to the trigger segment's current members too,
    by a durable job started with the activation (`grant_job_id`); later entrants get it on entry.
    A locked mission is unlocked for every user who already completed all its `after_missions` or
    has its `min_tier`, by a durable job too (`unlock_job_id`); later causes unlock it as they happen.
    A social goal its platform cannot verify is refused (422 `not_supported`, or
    `invalid_social_target` naming `goal.target`).
    """
    mission = await launch.activate(conn, mission_id, datetime.now(UTC))
    starts: WorkflowStarts = svc.starts
    backfill = await launch.enqueue_trigger_grants(conn, starts, mission)
    unlocks = await launch.enqueue_unlock_backfill(conn, starts, mission)
    pendings = [p for p in (backfill, unlocks) if p is not None]
    if pendings:
        after_commit(request, lambda: starts.start_now(pendings))
    out = MissionOut.of(mission).model_dump()
    if backfill is not None:
        out["grant_job_id"] = backfill.workflow_id
    if unlocks is not None:
        out["unlock_job_id"] = unlocks.workflow_id
    return ActivatedMission.model_validate(out)


class LaunchIn(Strict):
    """When to activate the mission."""

    at: AwareDatetime


class ScheduledLaunch(BaseModel):
    """A mission that a durable timer will activate at `at`."""

    mission_id: str
    at: datetime
    status: Literal["scheduled"] = "scheduled"


@router.post(
    "/{mission_id}/launch",
    status_code=202,
    response_model=ScheduledLaunch,
    responses={**_AUTH, **error_responses(404, 409, 422)},
)
async def schedule_launch(
    mission_id: str, body: JsonBody[LaunchIn], conn: Conn, svc: ServicesDep, request: Request, _: Admin
) -> ScheduledLaunch:
    """Schedules a draft's activation at `at` (a durable timer: it fires even across restarts).

    409 `launch_scheduled` while another launch of the mission waits; cancel it with DELETE.
    """
    # The row lock serializes launch requests of a mission: each sees the other's launch, pending or started.
    mission = await repo.get(conn, mission_id, for_update=True)
    transition(mission.status, "activate")
    launch.check_supported(mission)
    # Checked again when the launch fires: a launch that finds a reference gone is skipped.
    await repo.check_spec_references(conn, mission.spec, mission_id=mission.id)
    if body.at <= datetime.now(UTC):
        raise Invalid("in_the_past", "a launch time must be in the future", [{"field": "at", "reason": "in the past"}])
    gateway: JourneyGateway = svc.gateway
    workflow_id = launch.launch_id(mission_id)
    if await starts.pending(conn, workflow_id) is not None or await gateway.is_running(workflow_id):
        raise Conflict("launch_scheduled", "a launch of this mission is already scheduled; cancel it first")
    await start_after_commit(request, conn, "launch", workflow_id, Launch(mission_id=mission_id, at=body.at))
    return ScheduledLaunch(mission_id=mission_id, at=body.at)


@router.delete("/{mission_id}/launch", status_code=204, responses={**_AUTH, **error_responses(404)})
async def cancel_launch(mission_id: str, conn: Conn, svc: ServicesDep, _: Admin) -> None:
    """Cancels the mission's scheduled launch (404 when none waits)."""
    gateway: JourneyGateway = svc.gateway
    # A launch recorded but not yet started (its API died after the commit) is withdrawn here;
    # one the relay starts in the meantime is running, and cancelled below.
    if await starts.cancel_pending(conn, [launch.launch_id(mission_id)], datetime.now(UTC)):
        return
    if not await gateway.cancel(launch.launch_id(mission_id)):
        raise NotFound("launch_not_found", "no launch of this mission is scheduled")


@router.post("/{mission_id}/archive", response_model=MissionOut, responses={**_AUTH, **error_responses(404, 409)})
async def archive_mission(mission_id: str, conn: Conn, _: Admin, request: Request) -> MissionOut:
    """draft|active → archived: hidden from users; in-flight journeys close; history stays."""
    was_active = (await repo.get(conn, mission_id)).status is MissionStatus.ACTIVE
    mission = await _transition(conn, mission_id, "archive")
    if was_active:
        await _announce(request, conn, mission)
    return MissionOut.of(mission)


@router.post(
    "/{mission_id}/clone", status_code=201, response_model=MissionOut, responses={**_AUTH, **error_responses(404, 422)}
)
async def clone_mission(mission_id: str, conn: Conn, _: Admin) -> MissionOut:
    """A new draft with the same spec, whatever the original's status (422 when a reference of it
    names nothing any more, e.g. a tier since dropped from the tier list)."""
    return MissionOut.of(await repo.clone(conn, await repo.get(conn, mission_id)))

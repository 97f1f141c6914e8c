"""Admin routes of the mission catalogue: create, read, list, patch, activate, archive, clone."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from pydantic import AwareDatetime, BaseModel, Field

from api.deps import Admin, Conn, MissionsDep, after_commit
from api.errors import error_responses
from api.routes.lint import LintFinding
from api.schemas import MissionList, MissionOut, MissionPatch, Strict
from api.strict import JsonBody, QueryBool
from services.missions import MissionSpec, MissionStatus, MissionType

router = APIRouter(prefix="/v1/missions", tags=["missions"])

_AUTH = error_responses(401, 403)


@router.post("", status_code=201, response_model=MissionOut, responses={**_AUTH, **error_responses(422)})
async def create_mission(body: JsonBody[MissionSpec], conn: Conn, _: Admin, missions: MissionsDep) -> MissionOut:
    """Creates a mission as a draft (422 `not_supported` for a social action its platform cannot verify).

    Every reference must name something that exists (422 naming each field otherwise, the code
    that of the first: `mission_not_found`, `tier_not_found`, `segment_not_found`,
    `item_not_found`, `category_not_found`, `quest_not_found`); a PATCH checks the references it
    adds, and activation (or a scheduled launch) checks them all again.
    """
    return MissionOut.of(await missions.create(conn, body))


class MissionListItem(MissionOut):
    """A mission as the list shows it; with `with_completions=true`, how many times it was completed;
    with `include_challenges=true` (or `challenges=true`), whether it is a `mission` or a user's `challenge`."""

    kind: Literal["mission", "challenge"] | None = Field(
        None,
        description="Only with `include_challenges=true` or `challenges=true`: `challenge` for a user's personal "
        "challenge (its owner in `owner_user_id`), `mission` for the operator's; absent otherwise.",
    )

    completions: int | None = Field(
        None,
        description="Only with `with_completions=true`: completions recorded so far, over every user, cycle and "
        "round (each cycle of a recurring mission counts); absent otherwise.",
    )


class MissionListPage(MissionList):
    """A page of missions (with their completions on request); pass `next_cursor` as `cursor` for the next page."""

    items: list[MissionListItem]  # type: ignore[assignment]


@router.get(
    "",
    response_model=MissionListPage,
    # Without `with_completions` the items are the missions as `GET` shows them: `completions` is left out.
    response_model_exclude_unset=True,
    responses={**_AUTH, **error_responses(422)},
)
async def list_missions(
    conn: Conn,
    _: Admin,
    missions: MissionsDep,
    status: MissionStatus | None = None,
    type: MissionType | None = None,
    category_id: str | None = None,
    q: Annotated[
        str | None,
        Query(max_length=200, description="Only missions whose name contains this text, ignoring case"),
    ] = None,
    challenges: Annotated[
        QueryBool,
        Query(description="List users' personal challenges (owned missions) instead of the operator's missions"),
    ] = False,
    include_challenges: Annotated[
        QueryBool,
        Query(
            description="List users' personal challenges alongside the operator's missions, in one id order; every "
            "item then says its `kind` (`mission` or `challenge`)"
        ),
    ] = False,
    with_completions: Annotated[
        QueryBool, Query(description="Give each mission its `completions` count (one grouped query for the page)")
    ] = False,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: Annotated[str | None, Query(description="`next_cursor` of the previous page")] = None,
) -> MissionListPage:
    """Lists the operator's missions (or, with `challenges=true`, users' challenges; with
    `include_challenges=true`, both, each item with its `kind`), oldest first,
    filtered by status, type, category or a part of the name (`q`), with each one's `completions`
    on request; page with `cursor`."""
    page = await missions.page(
        conn,
        status=status,
        type=type,
        category_id=category_id,
        challenges=challenges,
        q=q,
        limit=limit,
        cursor=cursor,
        include_challenges=include_challenges,
    )
    counts = await missions.completions(conn, [m.id for m in page.items]) if with_completions else None
    kinds = include_challenges or challenges
    items = [
        MissionListItem.model_validate(
            {
                **MissionOut.of(m).model_dump(),
                **({"completions": counts[m.id]} if counts is not None else {}),
                **({"kind": "challenge" if m.owner_user_id is not None else "mission"} if kinds else {}),
            }
        )
        for m in page.items
    ]
    return MissionListPage(items=items, next_cursor=page.next_cursor)


@router.get("/{mission_id}", response_model=MissionOut, responses={**_AUTH, **error_responses(404)})
async def get_mission(mission_id: str, conn: Conn, _: Admin, missions: MissionsDep) -> MissionOut:
    """One mission with its current revision."""
    return MissionOut.of(await missions.get(conn, mission_id))


class RevisionOut(BaseModel):
    """One revision of a mission's spec."""

    mission_id: str
    revision: int
    spec: dict[str, Any]
    created_at: datetime = Field(
        description="When this revision was made (a draft's edits rewrite revision 1 in place: its creation time)."
    )


@router.get(
    "/{mission_id}/revisions/{revision}",
    response_model=RevisionOut,
    responses={**_AUTH, **error_responses(404, 422)},
)
async def get_revision(
    mission_id: str,
    revision: Annotated[int, Path(ge=1, le=2**31 - 1)],
    conn: Conn,
    _: Admin,
    missions: MissionsDep,
) -> RevisionOut:
    """The spec of one revision, as it was (journeys started on it ran it)."""
    spec, made = await missions.revision(conn, mission_id, revision)
    return RevisionOut(
        mission_id=mission_id, revision=revision, spec=spec.model_dump(mode="json", exclude_none=True), created_at=made
    )


@router.patch("/{mission_id}", response_model=MissionOut, responses={**_AUTH, **error_responses(404, 409, 422)})
async def patch_mission(
    mission_id: str,
    body: JsonBody[MissionPatch],
    conn: Conn,
    _: Admin,
    request: Request,
    missions: MissionsDep,
) -> MissionOut:
    """Changes fields: a draft in place, an active mission as a new revision; archived: 409."""
    change = await missions.revise(conn, mission_id, body.model_dump(mode="json", include=body.model_fields_set))
    after_commit(request, change.on_commit)
    return MissionOut.of(change.mission)


class ActivateIn(Strict):
    """Options of an activation (the body is optional: none, `{}` or `null` activate with the defaults).

    Fields may be added (each optional, with a default that keeps today's behaviour).
    """

    force: bool = Field(
        False,
        description="Activate even when the mission's lint finds errors (`POST /v1/missions/lint`); "
        "without it such an activation is refused with 422 `lint_failed`.",
    )
    count_events_since: AwareDatetime | None = Field(
        None,
        description="Count what users already did: the logged events of the mission's type received from this "
        "time until the activation are delivered to their journeys, in the order received, by a durable job "
        "(`backfill_job_id`). 422 naming this field for a mission whose rules cannot take past events (opt-in, "
        "locked, featured, manual or social goals, streaks; recurring: only the current cycle), a time not before "
        "the activation, or one more than 366 days before it.",
    )


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
    backfill_job_id: str | None = Field(
        None,
        description="Only with `count_events_since`: the durable job counting the logged events since then "
        "(follow it with `GET /v1/grant-jobs/{job_id}`, kind `event_backfill`); absent otherwise.",
    )
    lint_warnings: list[LintFinding] | None = Field(
        None,
        description="What the lint (`POST /v1/missions/lint`) found that did not block the activation: its "
        "warnings, and with `force` its errors too (each with its `severity`); absent when it found nothing.",
    )


@router.post(
    "/{mission_id}/activate",
    response_model=ActivatedMission,
    # Without a trigger (or lint findings) the body is the mission as `GET` shows it: `grant_job_id`
    # (`lint_warnings`) is left out.
    response_model_exclude_unset=True,
    responses={**_AUTH, **error_responses(404, 409, 422)},
)
async def activate_mission(
    mission_id: str,
    conn: Conn,
    missions: MissionsDep,
    request: Request,
    _: Admin,
    body: JsonBody[ActivateIn | None] = None,
) -> ActivatedMission:
    """draft → active: users can see it and their events count from now on.

    A featured mission with a `trigger` is granted to the trigger segment's current members too,
    by a durable job started with the activation (`grant_job_id`); later entrants get it on entry.
    A locked mission is unlocked for every user who already completed all its `after_missions` or
    has its `min_tier`, by a durable job too (`unlock_job_id`); later causes unlock it as they happen.
    A social goal its platform cannot verify is refused (422 `not_supported`, or
    `invalid_social_target` naming `goal.target`).

    The mission is linted first (`POST /v1/missions/lint`): a lint error refuses the activation
    (422 `lint_failed`, every finding in `details`) unless the body says `{"force": true}`; the
    findings that did not block it are returned in `lint_warnings` (absent when there are none).
    """
    options = body if body is not None else ActivateIn()
    activation = await missions.activate(
        conn, mission_id, force=options.force, count_events_since=options.count_events_since
    )
    after_commit(request, activation.on_commit)
    out = MissionOut.of(activation.mission).model_dump()
    if activation.lint_findings:
        out["lint_warnings"] = [LintFinding.of(f).model_dump() for f in activation.lint_findings]
    if activation.grant_job_id is not None:
        out["grant_job_id"] = activation.grant_job_id
    if activation.unlock_job_id is not None:
        out["unlock_job_id"] = activation.unlock_job_id
    if activation.backfill_job_id is not None:
        out["backfill_job_id"] = activation.backfill_job_id
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
    mission_id: str, body: JsonBody[LaunchIn], conn: Conn, missions: MissionsDep, request: Request, _: Admin
) -> ScheduledLaunch:
    """Schedules a draft's activation at `at` (a durable timer: it fires even across restarts).

    409 `launch_scheduled` while another launch of the mission waits; cancel it with DELETE.
    """
    after_commit(request, await missions.schedule_launch(conn, mission_id, body.at))
    return ScheduledLaunch(mission_id=mission_id, at=body.at)


@router.get("/{mission_id}/launch", response_model=ScheduledLaunch, responses={**_AUTH, **error_responses(404)})
async def get_launch(mission_id: str, conn: Conn, missions: MissionsDep, _: Admin) -> ScheduledLaunch:
    """The mission's scheduled launch, while it waits (404 `launch_not_found` when none does:
    never scheduled, cancelled, or already fired)."""
    launch = await missions.scheduled_launch(conn, mission_id)
    return ScheduledLaunch(mission_id=mission_id, at=launch.at)


@router.delete("/{mission_id}/launch", status_code=204, responses={**_AUTH, **error_responses(404)})
async def cancel_launch(mission_id: str, conn: Conn, missions: MissionsDep, _: Admin) -> None:
    """Cancels the mission's scheduled launch (404 when none waits)."""
    await missions.cancel_launch(conn, mission_id)


@router.post("/{mission_id}/archive", response_model=MissionOut, responses={**_AUTH, **error_responses(404, 409)})
async def archive_mission(mission_id: str, conn: Conn, _: Admin, request: Request, missions: MissionsDep) -> MissionOut:
    """draft|active → archived: hidden from users; in-flight journeys close; history stays."""
    change = await missions.archive(conn, mission_id)
    after_commit(request, change.on_commit)
    return MissionOut.of(change.mission)


@router.post(
    "/{mission_id}/clone", status_code=201, response_model=MissionOut, responses={**_AUTH, **error_responses(404, 422)}
)
async def clone_mission(mission_id: str, conn: Conn, _: Admin, missions: MissionsDep) -> MissionOut:
    """A new draft with the same spec, whatever the original's status (422 when a reference of it
    names nothing any more, e.g. a tier since dropped from the tier list)."""
    return MissionOut.of(await missions.clone(conn, mission_id))

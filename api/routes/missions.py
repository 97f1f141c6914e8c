"""Admin routes of the mission catalogue: create, read, list, patch, activate, pause, resume,
archive, clone, delete."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import AwareDatetime, BaseModel, Field

from api.deps import Admin, Conn, MissionsDep, after_commit
from api.errors import error_responses
from api.routes.lint import LintFinding
from api.schemas import MissionList, MissionOut, MissionPatch, Strict
from api.strict import JsonBody, QueryBool
from services.missions import DeletionRow, MissionSpec, MissionStatus, MissionType

router = APIRouter(prefix="/v1/missions", tags=["missions"])

_AUTH = error_responses(401, 403)

#: The statuses a list may filter on: a deleted mission is no longer listed.
ListedStatus = Literal["draft", "active", "paused", "archived"]


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
    status: Annotated[
        ListedStatus | None,
        Query(description="Only missions of this status (deleted missions are never listed: read one by its id)"),
    ] = None,
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
        status=MissionStatus(status) if status is not None else None,
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


# --- pause / resume ------------------------------------------------------------------------------

_PAUSE_NOTE = (
    "Deadlines keep running while a mission is paused: `end_at`, each journey's `time_to_complete` and a"
    " recurring mission's cycles go on as if it were active, so a journey can run out of time during a pause."
)


@router.post(
    "/{mission_id}/pause",
    response_model=MissionOut,
    responses={**_AUTH, **error_responses(404, 409)},
    description=(
        "active → paused (409 `invalid_transition` otherwise): the mission is hidden from users (their lists, "
        "views and the widget: 404 in detail) and its events count for nobody: an event received while it is "
        "paused is never routed to its journeys, and does not count after it resumes either (an explanation says "
        "`mission_paused`). Journeys are not closed: each keeps its progress, which resuming restores as it was. "
        "Admins see `status` `paused` and `paused_at`. " + _PAUSE_NOTE
    ),
)
async def pause_mission(mission_id: str, conn: Conn, _: Admin, missions: MissionsDep) -> MissionOut:
    """Pauses an active mission."""
    return MissionOut.of(await missions.pause(conn, mission_id))


@router.post(
    "/{mission_id}/resume",
    response_model=MissionOut,
    responses={**_AUTH, **error_responses(404, 409)},
    description=(
        "paused → active (409 `invalid_transition` otherwise): visible to users again, every journey's progress "
        "as it was when paused; events count again from now on (those received while paused never do). " + _PAUSE_NOTE
    ),
)
async def resume_mission(mission_id: str, conn: Conn, _: Admin, request: Request, missions: MissionsDep) -> MissionOut:
    """Resumes a paused mission."""
    change = await missions.resume(conn, mission_id)
    after_commit(request, change.on_commit)
    return MissionOut.of(change.mission)


# --- delete ------------------------------------------------------------------------------------


class MissionDeletion(BaseModel):
    """A mission's deletion: the job's progress and its audit (who, when, what was reversed)."""

    id: str
    mission_id: str
    status: Literal["running", "completed"] = Field(
        description="`completed` once every step is done; `running` while journeys are still closing (send the "
        "DELETE again with its `confirm` to resume it)."
    )
    step: Literal["journeys", "points", "proofs", "done"] = Field(
        description="Where the job stands: closing journeys, taking back points and removing submissions, removing "
        "the proofs' files, done."
    )
    previous_status: MissionStatus = Field(description="The mission's status when it was deleted.")
    requested_by: str = Field(description="Who asked (the DELETE's `requested_by`).")
    journeys_closed: int = Field(description="Journeys that were open (not finished) when it was deleted.")
    points_taken_back: int = Field(
        description="Points taken back: the sum of the compensating ledger entries (each user's points from this "
        "mission then net to zero; the entries they earned stay, the ledger is append-only)."
    )
    users_affected: int = Field(description="Users who had points taken back.")
    submissions_removed: int = Field(description="Submissions removed (with their uploaded proofs).")
    created_at: datetime = Field(description="When it was deleted.")
    finished_at: datetime | None = Field(None, description="When the job finished.")

    @classmethod
    def of(cls, row: DeletionRow) -> MissionDeletion:
        """The body of a stored deletion."""
        return cls(
            id=row.id,
            mission_id=row.mission_id,
            status="completed" if row.step == "done" else "running",
            step=row.step,
            previous_status=MissionStatus(row.previous_status),
            requested_by=row.requested_by,
            journeys_closed=row.journeys_closed,
            points_taken_back=row.points_reversed,
            users_affected=row.users_reversed,
            submissions_removed=row.submissions_removed,
            created_at=row.created_at,
            finished_at=row.finished_at,
        )


@router.delete(
    "/{mission_id}",
    status_code=200,
    response_model=MissionDeletion,
    responses={
        **_AUTH,
        202: {"model": MissionDeletion, "description": "Deleted; its journeys are still closing (`status` `running`)"},
        204: {"description": "A draft, deleted outright"},
        **error_responses(404, 409, 422),
    },
)
async def delete_mission(
    mission_id: str,
    _: Admin,
    missions: MissionsDep,
    confirm: Annotated[
        str | None,
        Query(description="The mission's id: needed to delete an active, paused or archived mission"),
    ] = None,
    requested_by: Annotated[
        str, Query(min_length=1, max_length=200, description="Who asks, kept in the deletion's record")
    ] = "admin",
) -> Response:
    """Deletes a mission. A draft is deleted outright (204). An active, paused or archived mission
    needs `?confirm=<its id>` (409 `confirmation_required` without it, 422 `confirmation_mismatch`
    naming `confirm` when it names another) and then "removes all submissions and points awarded":
    it leaves the list and users' views at once, its journeys are closed, every point it awarded is
    taken back with compensating ledger entries (the ledger stays append-only; items and direct
    rewards are not taken back), its submissions and their uploaded proofs are removed, and the
    deletion is recorded (`GET /v1/missions/{id}/deletion`). 200 with that record once done; 202
    while journeys are still closing: sending the DELETE again (with `confirm`) resumes the job
    where it stopped, and never takes points back twice.
    """
    row = await missions.delete(mission_id, confirm=confirm, requested_by=requested_by)
    if row is None:
        return Response(status_code=204)
    body = MissionDeletion.of(row)
    return JSONResponse(body.model_dump(mode="json"), status_code=200 if body.status == "completed" else 202)


@router.get("/{mission_id}/deletion", response_model=MissionDeletion, responses={**_AUTH, **error_responses(404)})
async def get_deletion(mission_id: str, _: Admin, missions: MissionsDep) -> MissionDeletion:
    """The deletion record of a deleted mission: who asked, when, what it reversed, where the job
    stands (404 `deletion_not_found` for a mission not deleted)."""
    return MissionDeletion.of(await missions.deletion(mission_id))

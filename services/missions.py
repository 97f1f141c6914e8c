"""The operator's missions: create, revise, activate (now or at a time), pause, resume, archive,
clone, delete (`services.mission_deletion`).

Every write an admin makes to a mission happens here, in the request's transaction (`conn`):
the spec checks (verifiable social goal, callback target, a budget cap that can trip), what may
change once a mission is active (a survey's questions once someone answered), the budget re-check
when the cap changes, and the announcement of a new revision or the archive to the mission's
running journeys. Workflows a write needs (the announcement, a launch, the activation's backfill
jobs) are recorded with it (`services.starts`) and made by the `on_commit` the write returns,
once the caller's transaction has committed.

A pause is invisible to journeys: the paused mission leaves the catalogue the event router and
the users' views read (`services.active_missions` keeps only active missions), so its events count
for nobody and nobody sees it, while each journey keeps its progress and its clocks (deadlines
keep running). Resuming puts it back as it was. Each pause is kept (`db.missions.pauses`), so an
explanation says which events a pause kept from counting.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from db import missions as repo
from db import starts as pending_starts
from db import users as users_repo
from db.engine import Conn
from db.starts import PendingStart
from domain.errors import Conflict, DomainError, Invalid, NotFound
from domain.mission_lifecycle import check_active_patch, check_survey_lock, survey_questions_changed, transition
from domain.missions import Mission, MissionSpec, MissionStatus, MissionType
from domain.outbound import OutboundPolicy, check_target
from domain.rewards import check_budget_cap
from domain.users import is_eligible, needs_facts
from services import backfill, launch, rewards
from services.active_missions import context_of
from services.audience import audience_of
from services.gateway import JourneyGateway
from services.lint import Finding, Linter, refuse_errors
from services.mission_deletion import DeletionRow, MissionDeletions
from services.paging import Page, page_of
from services.starts import WorkflowStarts
from storage import ObjectStore
from workflows.launch import Launch, launch_id
from workflows.mission_change import mission_change_id
from workflows.payloads import Eligibility, Revise
from workflows.segment_grant import GrantJob, grant_job_id

__all__ = [
    "Activation",
    "AfterCommit",
    "Change",
    "DeletionRow",
    "Mission",
    "MissionSpec",
    "MissionStatus",
    "MissionType",
    "Missions",
]

log = logging.getLogger("questline.missions")

#: What to run once the caller's transaction has committed (start the workflows the write recorded).
AfterCommit = Callable[[], Awaitable[None]]


@dataclass(frozen=True)
class Change:
    """A mission after a write, and what to run once the write has committed."""

    mission: Mission
    on_commit: AfterCommit


@dataclass(frozen=True)
class Activation:
    """An activated mission, the ids of the backfill jobs its activation started, and their start."""

    mission: Mission
    on_commit: AfterCommit
    #: The job granting a triggered mission to its trigger segment's current members.
    grant_job_id: str | None = None
    #: The job unlocking a locked mission for users who already met its conditions.
    unlock_job_id: str | None = None
    #: The lint's findings that did not block it (its warnings; its errors too when forced).
    lint_findings: tuple[Finding, ...] = ()
    #: The job counting the logged events since `count_events_since` (`services.backfill`).
    backfill_job_id: str | None = None


class Missions:
    """The admin's writes and reads of missions, with the workflows they start."""

    def __init__(
        self,
        engine: AsyncEngine,
        gateway: JourneyGateway,
        starts: WorkflowStarts,
        outbound: OutboundPolicy,
        linter: Linter | None = None,
        store: ObjectStore | None = None,
    ) -> None:
        self._engine = engine
        self._gateway = gateway
        self._starts = starts
        self._outbound = outbound
        self._linter = linter or Linter()
        #: Deletions of missions (a draft outright, the others as a resumable job).
        self.deletions = MissionDeletions(engine, gateway, starts, store)

    def _starting(self, pendings: list[PendingStart]) -> AfterCommit:
        """Makes the recorded starts (after the commit; the relay makes them if this process dies first)."""

        async def start() -> None:
            if pendings:
                await self._starts.start_now(pendings)

        return start

    # --- reads ------------------------------------------------------------------------------

    async def get(self, conn: Conn, mission_id: str) -> Mission:
        """One mission with its current revision (404 `mission_not_found`)."""
        return await repo.get(conn, mission_id)

    async def page(
        self,
        conn: Conn,
        *,
        status: MissionStatus | None,
        type: MissionType | None,
        category_id: str | None,
        challenges: bool,
        limit: int,
        cursor: str | None,
        q: str | None = None,
        include_challenges: bool = False,
    ) -> Page[Mission, str]:
        """The operator's missions (or, with `challenges`, users' own; with `include_challenges`,
        both), filtered (`q`: a part of the name, any case), after `cursor`."""
        rows = await repo.list_missions(
            conn,
            status=status,
            type=type,
            category_id=category_id,
            owned=None if include_challenges else challenges,
            name_contains=q,
            limit=limit + 1,
            after=cursor,
        )
        return page_of(rows, limit, lambda mission: mission.id)

    async def completions(self, conn: Conn, mission_ids: list[str]) -> dict[str, int]:
        """Completions recorded for each mission (every user, cycle and round; 0 when none)."""
        counted = await repo.completions_of(conn, mission_ids)
        return {mission_id: counted.get(mission_id, 0) for mission_id in mission_ids}

    async def revision(self, conn: Conn, mission_id: str, revision: int) -> tuple[MissionSpec, datetime]:
        """The spec of one revision, as journeys started on it ran it, and when it was made (404
        when either is missing)."""
        return await repo.get_revision_made(conn, mission_id, revision)

    # --- writes -----------------------------------------------------------------------------

    async def create(self, conn: Conn, spec: MissionSpec) -> Mission:
        """A new draft; its references must name what exists (422 naming each field otherwise)."""
        check_target("callback_url", spec.callback_url, self._outbound)
        launch.check_supported(spec)
        check_budget_cap(spec)
        return await repo.create(conn, spec)

    async def revise(self, conn: Conn, mission_id: str, changes: dict[str, Any]) -> Change:
        """Applies a PATCH (`changes`: field → new JSON value, None removes it): a draft in place, an
        active (or paused) mission as a new revision announced to its journeys; an archived one is
        409, and so is a change of a survey's questions once someone has submitted answers."""
        mission = await repo.get(conn, mission_id, for_update=True)
        if mission.status is MissionStatus.DELETED:
            raise NotFound("mission_not_found", f"mission {mission_id} was deleted", {"mission_id": mission_id})
        if mission.status is MissionStatus.ARCHIVED:
            raise Conflict("mission_archived", "an archived mission cannot change", {"status": "archived"})
        spec = _patched(mission.spec, changes)
        active = mission.status in (MissionStatus.ACTIVE, MissionStatus.PAUSED)
        if active:
            check_active_patch(mission.spec, spec)
            if survey_questions_changed(mission.spec, spec):
                check_survey_lock(mission_id, mission.spec, spec, answered=await repo.has_submissions(conn, mission_id))
        launch.check_supported(spec)
        if spec.callback_url != mission.spec.callback_url:
            check_target("callback_url", spec.callback_url, self._outbound)
        if spec.budget_cap != mission.spec.budget_cap or spec.reward != mission.spec.reward:
            # Only then: a mission stored with a cap that cannot trip may still change other fields.
            check_budget_cap(spec)
        if spec == mission.spec:
            return Change(mission, self._starting([]))
        updated = await repo.update_spec(conn, mission, spec, new_revision=active)
        updated = await self.recheck_budget_on_cap_change(conn, mission, updated)
        pendings = [await self._announce(conn, updated)] if active else []
        return Change(updated, self._starting(pendings))

    async def recheck_budget_on_cap_change(self, conn: Conn, before: Mission, updated: Mission) -> Mission:
        """The budget after a PATCH of `budget_cap` (nothing happens when the cap did not change).

        Against what the mission already spent (points granted, completions recorded): exhausted
        from now when that reaches the new cap, open again when a raised (or removed) cap is no
        longer reached. Either flip bumps the catalogue version, so the event router's cache and
        the read side see it at once; a journey asks (`budget_allows_start`) when it would start.
        The other half of the cap (spending, the completion that reaches it) is `services.rewards`'.
        """
        if updated.spec.budget_cap == before.spec.budget_cap:
            return updated
        return await rewards.recheck_budget(conn, updated, datetime.now(UTC))

    async def archive(self, conn: Conn, mission_id: str) -> Change:
        """draft|active|paused → archived (409 otherwise); an active or paused mission's journeys
        are told, and close."""
        mission = await repo.get(conn, mission_id, for_update=True)
        archived = await repo.set_status(conn, mission, transition(mission.status, "archive"), datetime.now(UTC))
        ran = mission.status in (MissionStatus.ACTIVE, MissionStatus.PAUSED)
        pendings = [await self._announce(conn, archived)] if ran else []
        return Change(archived, self._starting(pendings))

    async def pause(self, conn: Conn, mission_id: str) -> Mission:
        """active → paused (409 otherwise): hidden from users, its events counted for nobody until
        it resumes; journeys are not told (they keep their progress, and their deadlines run)."""
        mission = await repo.get(conn, mission_id, for_update=True)
        return await repo.set_status(conn, mission, transition(mission.status, "pause"), datetime.now(UTC))

    async def resume(self, conn: Conn, mission_id: str) -> Change:
        """paused → active (409 otherwise): visible again, every journey where it was; the events
        received while it was paused never count (`services.active_missions` and the catch-ups
        skip its pauses).

        What opened the mission meanwhile reached nobody (it was out of the catalogue): the
        durable jobs an activation starts run again (the trigger segment's members, the users who
        met its unlock conditions); each catch-up they make leaves the pause's events out.
        """
        mission = await repo.get(conn, mission_id, for_update=True)
        resumed = await repo.set_status(conn, mission, transition(mission.status, "resume"), datetime.now(UTC))
        tag = f"resume-{len(await repo.pauses(conn, mission_id))}"
        pendings = [
            await self._starts.enqueue(conn, "segment_grant", job_id, job) for job_id, job in _reopening(resumed, tag)
        ]
        start = self._starting(pendings)

        async def after() -> None:
            await start()
            await self._tell_regained_eligibility(resumed, datetime.now(UTC))

        return Change(resumed, after)

    async def _tell_regained_eligibility(self, mission: Mission, at: datetime) -> None:
        """Tells the journeys held ineligible whose users are eligible again (they re-entered the
        mission's segments or tiers during the pause, which nobody told them of): from `at`."""
        if not needs_facts(mission.spec):
            return
        async with self._engine.connect() as conn:
            tiers = await users_repo.list_tiers(conn)
            after = ""
            while page := await repo.ineligible_journeys(conn, mission.id, after=after):
                for workflow_id, user_id in page:
                    who = await audience_of(conn, user_id, tiers)
                    if is_eligible(mission.spec, who.tier, who.segments):
                        await self._gateway.signal(workflow_id, "eligibility", Eligibility(eligible=True, at=at))
                after = page[-1][0]

    async def delete(self, mission_id: str, *, confirm: str | None, requested_by: str) -> DeletionRow | None:
        """Deletes a mission (`services.mission_deletion`): None for a draft, else its deletion job."""
        return await self.deletions.delete(mission_id, confirm=confirm, requested_by=requested_by)

    async def deletion(self, mission_id: str) -> DeletionRow:
        """The deletion record of a deleted mission (404 `deletion_not_found` otherwise)."""
        return await self.deletions.get(mission_id)

    async def clone(self, conn: Conn, mission_id: str) -> Mission:
        """A new draft with the same spec, whatever the original's status (422 for a dead reference)."""
        return await repo.clone(conn, await repo.get(conn, mission_id))

    async def _announce(self, conn: Conn, mission: Mission) -> PendingStart:
        """Records the durable broadcast of a new revision or the archive to the mission's running journeys."""
        msg = Revise(mission=context_of(mission))
        return await self._starts.enqueue(conn, "mission_change", mission_change_id(msg), msg)

    # --- activation, now or at a time ---------------------------------------------------------

    async def activate(
        self, conn: Conn, mission_id: str, *, force: bool = False, count_events_since: datetime | None = None
    ) -> Activation:
        """draft → active now, with the backfill jobs of a trigger or of unlock conditions (and, with
        `count_events_since`, of the logged events since then: 422 when the mission cannot take them).

        The mission is linted first (after the status and the checks that always refuse: 409 for a
        mission that is not a draft, 422 `not_supported` or a dead reference): errors refuse the
        activation with 422 `lint_failed` unless `force`; the other findings come with it.
        """
        findings = await self._lint_activation(conn, mission_id, force=force)
        mission = await launch.activate(conn, mission_id, datetime.now(UTC))
        grants = await launch.enqueue_trigger_grants(conn, self._starts, mission)
        unlocks = await launch.enqueue_unlock_backfill(conn, self._starts, mission)
        events = (
            await backfill.enqueue_event_backfill(conn, self._starts, mission, count_events_since)
            if count_events_since is not None
            else None
        )
        return Activation(
            mission=mission,
            on_commit=self._starting([p for p in (grants, unlocks, events) if p is not None]),
            grant_job_id=grants.workflow_id if grants is not None else None,
            unlock_job_id=unlocks.workflow_id if unlocks is not None else None,
            backfill_job_id=events.workflow_id if events is not None else None,
            lint_findings=tuple(findings),
        )

    async def lint(self, conn: Conn, spec: MissionSpec | None, *, mission_id: str | None = None) -> list[Finding]:
        """The lint's findings for `spec` as if activated now (`mission_id`: the stored mission it is
        a version of, 404 when there is none); without a spec, for the whole live catalogue."""
        if spec is None:
            return await self._linter.catalogue(conn)
        if mission_id is not None:
            await repo.get(conn, mission_id)
        return await self._linter.spec(conn, spec, mission_id=mission_id)

    async def _lint_activation(self, conn: Conn, mission_id: str, *, force: bool) -> list[Finding]:
        """The lint of a draft about to be activated (409, `not_supported` and dead references
        first, as the activation itself says them); 422 `lint_failed` on an error unless `force`."""
        draft = await repo.get(conn, mission_id, for_update=True)
        transition(draft.status, "activate")
        launch.check_supported(draft.spec)
        await repo.check_spec_references(conn, draft.spec, mission_id=draft.id)
        findings = await self._linter.mission(conn, draft)
        if not force:
            refuse_errors(findings)
        return findings

    async def schedule_launch(self, conn: Conn, mission_id: str, at: datetime) -> AfterCommit:
        """Schedules a draft's activation at `at` (a durable timer); 409 `launch_scheduled` while one waits."""
        # The row lock serializes launch requests of a mission: each sees the other's launch, pending or started.
        mission = await repo.get(conn, mission_id, for_update=True)
        transition(mission.status, "activate")
        launch.check_supported(mission.spec)
        # Checked again when the launch fires: a launch that finds a reference gone is skipped.
        await repo.check_spec_references(conn, mission.spec, mission_id=mission.id)
        if at <= datetime.now(UTC):
            raise Invalid(
                "in_the_past", "a launch time must be in the future", [{"field": "at", "reason": "in the past"}]
            )
        workflow_id = launch_id(mission_id)
        if await pending_starts.pending(conn, workflow_id) is not None or await self._gateway.is_running(workflow_id):
            raise Conflict("launch_scheduled", "a launch of this mission is already scheduled; cancel it first")
        pending = await self._starts.enqueue(conn, "launch", workflow_id, Launch(mission_id=mission_id, at=at))
        return self._starting([pending])

    async def scheduled_launch(self, conn: Conn, mission_id: str) -> Launch:
        """The mission's launch waiting to fire (recorded, or its timer running); 404 `launch_not_found`."""
        await repo.get(conn, mission_id)
        workflow_id = launch_id(mission_id)
        recorded = await pending_starts.pending(conn, workflow_id)
        if recorded is not None:
            return Launch.model_validate(recorded.payload)
        running = await self._gateway.scheduled_launch(workflow_id)
        if running is None:
            raise NotFound("launch_not_found", "no launch of this mission is scheduled")
        return running

    async def cancel_launch(self, conn: Conn, mission_id: str) -> None:
        """Cancels the mission's scheduled launch (404 `launch_not_found` when none waits)."""
        workflow_id = launch_id(mission_id)
        # A launch recorded but not yet started (its API died after the commit) is withdrawn here;
        # one the relay starts in the meantime is running, and cancelled below.
        if await pending_starts.cancel_pending(conn, [workflow_id], datetime.now(UTC)):
            return
        if not await self._gateway.cancel(workflow_id):
            raise NotFound("launch_not_found", "no launch of this mission is scheduled")

    async def run_launch(self, scheduled: Launch) -> str:
        """A scheduled launch's timer fired: activates the mission in a transaction of its own and
        starts its backfill jobs; returns `activated`, or the code of why it was skipped (a mission
        no longer a draft, a reference gone, `lint_failed` when the lint finds an error — a launch
        is never forced): a skipped launch is not retried."""
        try:
            async with self._engine.begin() as conn:
                activation = await self.activate(conn, scheduled.mission_id)
        except DomainError as exc:
            log.info("launch of %s skipped: %s", scheduled.mission_id, exc.code)
            return exc.code
        await activation.on_commit()
        return "activated"


def _reopening(mission: Mission, tag: str) -> list[tuple[str, GrantJob]]:
    """The jobs a resume starts again (as its activation did, `services.launch`), by ids of their
    own (`tag`): the grants to a trigger segment's members, the unlocks of users who met the
    conditions of a locked mission; both idempotent in the journeys they open."""
    jobs = []
    spec = mission.spec
    if spec.trigger is not None:
        # Not the trigger's own grants (effective from the activation): a member who entered the
        # segment during the pause is granted from the resume, as an entry now would.
        job = GrantJob(mission_id=mission.id, segment_id=spec.trigger.segment)
        jobs.append((grant_job_id(mission.id, spec.trigger.segment, tag), job))
    unlock = spec.unlock
    if spec.type is MissionType.LOCKED and unlock is not None and (unlock.after_missions or unlock.min_tier):
        job = GrantJob(
            mission_id=mission.id, segment_id="", prerequisites=list(unlock.after_missions), min_tier=unlock.min_tier
        )
        jobs.append((grant_job_id(mission.id, "after-missions", f"unlock-{tag}"), job))
    return jobs


def _patched(spec: MissionSpec, changes: dict[str, Any]) -> MissionSpec:
    """The spec with a PATCH's changes applied (None removes a field); a ValidationError names the field."""
    current: dict[str, Any] = spec.model_dump(mode="json", exclude_none=True)
    for key, value in changes.items():
        if value is None:
            current.pop(key, None)
        else:
            current[key] = value
    return MissionSpec.model_validate(current)

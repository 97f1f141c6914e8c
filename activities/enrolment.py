"""Activities of the enrolment workflow: the read-model write and the completion's effects."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio import activity

from db import catalogue, challenges, completions, enrolments, ledger, missions, segments, submissions, users
from db import events as event_log
from db.engine import Conn
from db.events import StoredEvent
from domain.errors import DomainError
from domain.internal_events import MISSION_COMPLETED, QUEST_COMPLETED
from domain.journey import reward_key
from domain.missions import Reward
from domain.segments import SegmentRule
from domain.users import effective_tier, reaches
from observability import metrics
from services import audience
from services.active_missions import context_of
from services.callbacks import dispatch, enqueue_budget_exhausted, enqueue_completion
from services.launch import activate, enqueue_trigger_grants, enqueue_unlock_backfill
from services.routing import EventRouter
from services.starts import WorkflowStarts
from settings import Settings
from workflows.launch import Launch
from workflows.payloads import (
    ActionResult,
    ApprovalQuestion,
    Completed,
    Grant,
    Revise,
    SaveJourney,
    StartQuestion,
    Unlock,
)
from workflows.segment_clock import Sweep, Swept
from workflows.segment_grant import GrantJob, GrantPage


class JourneyActivities:
    """Activities that need the database and the router; created once per worker."""

    def __init__(self, engine: AsyncEngine, router: EventRouter, settings: Settings) -> None:
        self.engine = engine
        self.router = router
        self.settings = settings
        #: Durable starts made by activities (a launch's trigger grants); the worker's relay backs them.
        self.starts = WorkflowStarts(engine, router.gateway)

    @activity.defn(name="save_journey")
    async def save_journey(self, inp: SaveJourney) -> None:
        """Writes the journey to the read model (a no-op when a newer version is there).

        The latest submission is written in the same transaction, so the admin queue and the
        user's view never disagree.
        """
        j = inp.journey
        async with self.engine.begin() as conn:
            written = await enrolments.save(conn, workflow_id=inp.workflow_id, journey=j, status=inp.status)
            if written and j.submission is not None:
                await submissions.save(conn, mission_id=j.mission_id, user_id=j.user_id, state=j.submission)

    async def _complete_quests(self, conn: Conn, mission_id: str, user_id: str, at: datetime) -> list[StoredEvent]:
        """Completes (and rewards, once) every quest whose active missions the user has now all completed."""
        done = await users.completed_missions(conn, user_id) | {mission_id}
        changes = []
        for quest in await catalogue.quests_of_mission(conn, mission_id):
            needed = await catalogue.active_mission_ids(conn, quest.id)
            if not needed or not set(needed) <= done:
                continue
            if quest.reward:
                reward = Reward.model_validate(quest.reward)
                key = f"quest:{quest.id}:{user_id}"
                if await ledger.grant(conn, key=key, user_id=user_id, reward=reward, mission_id=None):
                    metrics.reward_granted(reward, "quest")
            changes.append(
                StoredEvent(
                    id=f"{QUEST_COMPLETED}:{quest.id}:{user_id}",  # one per user and quest, whatever retries
                    user_id=user_id,
                    type=QUEST_COMPLETED,
                    received_at=at,
                    attributes={"quest_id": quest.id},
                )
            )
        new = await event_log.insert_new(conn, changes)
        return [c for c in changes if c.id in new]

    @activity.defn(name="launch_mission")
    async def launch_mission(self, launch: Launch) -> str:
        """Activates a scheduled mission; a mission no longer in draft is skipped, not retried."""
        try:
            async with self.engine.begin() as conn:
                mission = await activate(conn, launch.mission_id, datetime.now(UTC))
                backfills = [
                    pending
                    for pending in (
                        await enqueue_trigger_grants(conn, self.starts, mission),
                        await enqueue_unlock_backfill(conn, self.starts, mission),
                    )
                    if pending is not None
                ]
        except DomainError as exc:
            activity.logger.info("launch of %s skipped: %s", launch.mission_id, exc.code)
            return exc.code
        if backfills:
            await self.starts.start_now(backfills)
        return "activated"

    @activity.defn(name="grant_page")
    async def grant_page(self, job: GrantJob) -> GrantPage:
        """Grants one page of the segment's members (idempotent: a retried page grants nobody twice);
        for an unlock backfill, unlocks one page of the users who met the locked mission's conditions."""
        if job.prerequisites is not None or job.min_tier is not None:
            return await self._unlock_page(job)
        async with self.engine.connect() as conn:
            mission = await missions.get(conn, job.mission_id)
            members = await segments.members(conn, job.segment_id, limit=job.page_size, after=job.cursor)
        ctx = context_of(mission)
        granted = refused = 0
        for user_id in members:
            # The trigger's grants to members at activation take effect from the activation on.
            at = (mission.activated_at if job.trigger else None) or datetime.now(UTC)
            try:
                # Through the router: a member's events since the grant took effect are caught up.
                result = await self.router.open(ctx, user_id, "grant", Grant(at=at, trigger=job.trigger))
            except DomainError:
                result = None
            if result is None:
                refused += 1  # e.g. the journey has finished, or the mission is no longer active
            else:
                granted += 1
            activity.heartbeat(user_id)
        done = len(members) < job.page_size
        return GrantPage(next_cursor=None if done else members[-1], granted=granted, refused=refused)

    async def _unlock_page(self, job: GrantJob) -> GrantPage:
        """Unlocks the locked mission for one page of the users who met its conditions before it was
        live, as the router would have on their causes: each prerequisite they completed (those with
        only some keep them, so the last one completed later unlocks it), or a tier that reaches it."""
        prerequisites = job.prerequisites or []
        async with self.engine.connect() as conn:
            mission = await missions.get(conn, job.mission_id)
            tiers = await users.list_tiers(conn) if job.min_tier is not None else []
            # The lowest threshold whose tier reaches `min_tier` (None: only an explicit tier can).
            minimum = job.min_tier or ""
            thresholds = [t.min_points for t in tiers if t.min_points is not None and reaches(t.name, minimum, tiers)]
            page = await completions.unlock_candidates(
                conn,
                prerequisites,
                by_tier=job.min_tier is not None,
                min_points=min(thresholds) if thresholds else None,
                limit=job.page_size,
                after=job.cursor,
            )
        ctx = context_of(mission)
        # A tier held before the activation opens the mission from the activation on.
        activated = mission.activated_at or datetime.now(UTC)
        granted = refused = 0
        for candidate in page:
            msgs = [
                # The latest last: the unlock takes effect at the last prerequisite's completion, and
                # the catch-up counts the user's events from the mission's activation on.
                Unlock(at=at, source="mission", completed_mission_id=prerequisite)
                for prerequisite, at in sorted(candidate.completed.items(), key=lambda item: item[1])
            ]
            tier = effective_tier(candidate.explicit_tier, candidate.points, tiers)
            if job.min_tier is not None and reaches(tier, job.min_tier, tiers):
                msgs.append(Unlock(at=activated, source="tier"))
            result: ActionResult | None = None
            for msg in msgs:
                try:
                    result = await self.router.open(ctx, user_id=candidate.user_id, update="unlock", msg=msg)
                except DomainError:
                    result = None
                if result is None or result.journey.unlocked_at is not None:
                    break  # refused (finished, closed: the rest would be too), or unlocked
            if msgs and result is None:
                refused += 1
            elif result is not None and result.journey.unlocked_at is not None:
                granted += 1  # unlocked; a user with only some prerequisites is counted in neither
            activity.heartbeat(candidate.user_id)
        done = len(page) < job.page_size
        return GrantPage(next_cursor=None if done else page[-1].user_id, granted=granted, refused=refused)

    @activity.defn(name="sweep_segment")
    async def sweep_segment(self, sweep: Sweep) -> Swept:
        """Re-evaluates a time-dependent segment for everyone; routes who entered and who left."""
        async with self.engine.begin() as conn:
            try:
                segment = await segments.get(conn, sweep.segment_id)
            except DomainError:
                return Swept(entered=0, left=0, next_change=None)
            assert segment.rule is not None
            rule = SegmentRule.model_validate(segment.rule)
            changes, next_change = await audience.sweep_segment(conn, segment.id, rule, sweep.now)
        await self.router.route_and_mark(changes)
        entered = sum(c.type == audience.SEGMENT_ENTERED for c in changes)
        return Swept(entered=entered, left=len(changes) - entered, next_change=next_change)

    @activity.defn(name="broadcast_mission_change")
    async def broadcast_mission_change(self, msg: Revise) -> int:
        """Signals the new revision to every running journey of the mission, resuming after a retry."""
        details = activity.info().heartbeat_details
        cursor = str(details[0]) if details else ""
        told = int(details[1]) if len(details) > 1 else 0
        while True:
            async with self.engine.connect() as conn:
                page = await enrolments.running_workflow_ids(conn, msg.mission.mission_id, after=cursor)
            if not page:
                return told
            for workflow_id in page:
                told += await self.router.gateway.revise(workflow_id, msg.mission)
            cursor = page[-1]
            activity.heartbeat(cursor, told)

    @activity.defn(name="approval_rule_passes")
    async def approval_rule_passes(self, inp: ApprovalQuestion) -> bool:
        """The `rule` approval mode: auto-approve when the user has at least `min_points` or is a
        member of `segment` (either suffices)."""
        async with self.engine.connect() as conn:
            if inp.min_points is not None and await ledger.balance(conn, inp.user_id) >= inp.min_points:
                return True
            return inp.segment is not None and inp.segment in await users.segment_ids(conn, inp.user_id)

    @activity.defn(name="budget_allows_start")
    async def budget_allows_start(self, inp: StartQuestion) -> bool:
        """Whether a user who has not started may start now: False once the budget cap is spent."""
        async with self.engine.connect() as conn:
            mission = await missions.get(conn, inp.mission_id)
        return mission.budget_exhausted_at is None

    @activity.defn(name="complete_journey")
    async def complete_journey(self, inp: Completed) -> bool:
        """Grants the reward once and announces the completion (unlocking dependent missions).

        The ledger row and the announcement share one transaction and idempotency keys derived
        from the completion, so a retry after any crash neither pays twice nor loses the unlock.
        Whether the completion was already counted is read from `completion_records` (written
        only here, in that transaction), never from the event log: a row under the
        announcement's id there (a client's, say) neither counts the completion nor stops it.
        Grants of a mission with a budget cap queue on the mission's row: the spend is counted
        exactly, and a completion that `needs_budget` is refused (False, nothing recorded) once
        the cap is reached, however many workers complete journeys at the same moment.
        """
        mission_id = inp.mission.mission_id
        spec = inp.mission.spec
        which = f"{inp.completion}" if inp.cycle is None else f"c{inp.cycle}:{inp.completion}"
        announcement = StoredEvent(
            id=f"{MISSION_COMPLETED}:{mission_id}:{inp.user_id}:{which}",
            user_id=inp.user_id,
            type=MISSION_COMPLETED,
            received_at=inp.at,
            attributes={"mission_id": mission_id, "completion": inp.completion}
            | ({"cycle": inp.cycle} if inp.cycle is not None else {}),
        )
        key = reward_key(mission_id, inp.user_id, inp.completion, inp.cycle)
        async with self.engine.begin() as conn:
            capped = spec.budget_cap is not None or inp.needs_budget
            budget = await missions.lock_budget(conn, mission_id) if capped else None
            # A retry of a completion that did count finds its record: it goes on, uncounted.
            recorded = budget is not None and await completions.counted(conn, announcement.id)
            spent = inp.needs_budget and budget is not None and budget.exhausted_at is not None
            if spent and not recorded:
                metrics.COMPLETIONS_REFUSED.inc()
                return False
            tier_before = await users.tier_of(conn, inp.user_id, await users.list_tiers(conn))
            reward = spec.reward
            if reward is not None and inp.mission.owner_user_id is not None:
                # A user's challenge pays within the operator's cap per user and reward period (issue 13.3).
                reward = reward if await challenges.may_reward_completion(conn, inp.user_id, key) else None
            paid = reward is not None and await ledger.grant(
                conn, key=key, user_id=inp.user_id, reward=reward, mission_id=mission_id
            )
            callbacks = [
                await enqueue_completion(
                    conn,
                    mission_id=mission_id,
                    url=spec.callback_url,
                    user_id=inp.user_id,
                    completion=inp.completion,
                    reward=reward,
                    at=inp.at,
                    cycle=inp.cycle,
                )
            ]
            if budget is not None and spec.budget_cap is not None:
                cap = spec.budget_cap
                # Points and completions are both counted under any cap (so a cap switched from
                # one to the other finds a count), each once per completion whatever the retries.
                granted = reward.points if paid and reward is not None and reward.points is not None else 0
                if granted or not recorded:
                    budget = await missions.spend_budget(
                        conn, mission_id, points=granted, completions=0 if recorded else 1, cap=cap, at=inp.at
                    )
                    if budget.exhausted_at == inp.at:
                        activity.logger.info("budget of mission %s exhausted (cap %s)", mission_id, cap)
                if budget.exhausted_at is not None:
                    # Every later completion enqueues it again: a no-op once delivered, and the
                    # dispatch a crash may have missed otherwise.
                    callbacks.append(
                        await enqueue_budget_exhausted(
                            conn,
                            mission_id=mission_id,
                            url=spec.callback_url,
                            cap=cap,
                            spent=budget.spent,
                            completions=budget.completions,
                            at=budget.exhausted_at,
                        )
                    )
            # Counted once per completion: so is "completed mission X", which outlives the read
            # model's row of a recurring mission's later cycle.
            first = await completions.record(
                conn, key=announcement.id, mission_id=mission_id, user_id=inp.user_id, at=inp.at
            )
            # Logged once too. An id already in the log (a client's, from before such ids were
            # refused) keeps its row, and the announcement is routed below all the same.
            await event_log.insert_new(conn, [announcement])
            # Points and completions moved: the tier and rule segments may follow. Only on the
            # attempt that paid, so a retry does not announce the same change twice.
            changes = []
            if paid:
                changes += await audience.tier_change(conn, inp.user_id, tier_before, inp.at)
            changes += await audience.refresh_segments(
                conn, inp.user_id, inp.at, {"points", "tier", "completions"}, just_completed=mission_id
            )
            changes += await self._complete_quests(conn, mission_id, inp.user_id, inp.at)
        # Committed: counted on the attempt that recorded the completion, not on its retries.
        if first:
            metrics.JOURNEYS_COMPLETED.inc()
        if paid and reward is not None:
            metrics.reward_granted(reward, "mission")
        await self.router.route_and_mark([announcement, *changes])
        await dispatch(self.router.gateway, self.settings, callbacks)
        return True

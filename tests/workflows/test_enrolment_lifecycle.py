"""A journey's life (docs/missions.md §1, §2, §6): completion and its one reward, the end of
the workflow, revisions, the archive, repeatable missions, and unlocks by prerequisites.
"""

from __future__ import annotations

import asyncio
import uuid
from decimal import Decimal

from temporalio.api.enums.v1 import EventType
from temporalio.client import WorkflowExecutionStatus
from temporalio.common import SearchAttributeKey
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.service import RPCError, RPCStatusCode
from temporalio.worker import Replayer

from db import items
from domain.journey import EnrolmentStatus, Journey, MissionContext
from domain.projection import Tab
from tests.workflows.conftest import DAY, HOUR, Harness, assert_row, held_status
from worker import WORKFLOWS
from workflows.mission_change import mission_change_id
from workflows.payloads import OptIn, Revise, Unlock

STATUS = SearchAttributeKey.for_keyword("EnrolmentStatus")


# --- completion --------------------------------------------------------------------------------


async def test_completion_pays_once_ends_the_workflow_and_is_never_restarted(harness: Harness) -> None:
    """The goal met: one reward, the workflow completes with the journey, the status attribute
    says completed; later events and actions are refused and never start it again from zero."""
    h = harness
    ctx = await h.mission(opt_in=True)
    user = h.user()
    await h.act(ctx, user, "opt_in", OptIn(at=await h.now()))
    await h.deliver_many(ctx, user, 3)
    done = await h.observe(ctx, user)
    assert_row(done, Tab.COMPLETED, [], None)
    assert held_status(done) is EnrolmentStatus.COMPLETED
    assert done.journey is not None and done.journey.completions == 1
    assert done.points == 10 and await h.ledger_entries(user, ctx.mission_id) == 1

    handle = h.handle(ctx, user)
    description = await handle.describe()
    assert description.status is WorkflowExecutionStatus.COMPLETED
    assert description.typed_search_attributes.get(STATUS) == "completed"
    result = Journey.model_validate(await handle.result())
    assert result.completions == 1 and result.completed_at is not None

    assert not await h.deliver(ctx, user)
    assert await h.refusal(ctx, user, "opt_in", OptIn(at=await h.now())) == "journey_finished"
    await h.skip(30 * DAY)
    assert not await h.deliver(ctx, user)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.COMPLETED, [], None)
    assert seen.journey == done.journey and seen.points == 10
    assert await h.ledger_entries(user, ctx.mission_id) == 1
    assert (await handle.describe()).run_id == description.run_id


async def test_rewards_of_each_kind_are_granted_once(harness: Harness) -> None:
    """Item and direct rewards land in the ledger once, moving no points."""
    h = harness
    user = h.user()
    mug = f"mug-{uuid.uuid4().hex[:8]}"
    async with h.engine.begin() as conn:
        await items.create(conn, name="Mug", description=None, stock=None, item_id=mug)
    item = await h.mission(goal={"kind": "event", "event_type": "it", "count": 1}, reward={"item": mug})
    direct = await h.mission(goal={"kind": "event", "event_type": "dr", "count": 1}, reward={"direct": "a call"})
    none = await h.mission(goal={"kind": "event", "event_type": "no", "count": 1}, reward=None)
    for ctx in (item, direct, none):
        assert await h.deliver(ctx, user)
        assert (await h.observe(ctx, user)).tab is Tab.COMPLETED
    wallet = await h.wallet(user)
    assert wallet.points == 0
    assert [e.item_id for e in wallet.items] == [mug]
    assert sorted((e.kind, e.mission_id) for e in wallet.ledger) == sorted(
        [("item", item.mission_id), ("direct", direct.mission_id)]
    )


# --- revisions and the archive -----------------------------------------------------------------


async def test_a_revision_lowering_the_goal_below_progress_completes(harness: Harness) -> None:
    """Editing an active mission: a journey whose progress already meets the new goal completes."""
    h = harness
    ctx = await h.mission()
    user = h.user()
    await h.deliver_many(ctx, user, 2)
    assert (await h.observe(ctx, user)).progress == 2

    revised = await h.revise_mission(ctx, goal={"kind": "event", "event_type": ctx.spec.event_type, "count": 2})
    assert revised.revision == 2
    await h.revise(ctx, user, revised)
    seen = await h.observe(revised, user)
    assert_row(seen, Tab.COMPLETED, [], None)
    assert seen.journey is not None and (seen.journey.revision, seen.journey.completions) == (2, 1)
    assert seen.points == 10 and await h.ledger_entries(user, ctx.mission_id) == 1
    assert not await h.is_running(ctx, user)


async def test_a_revision_keeps_progress(harness: Harness) -> None:
    """A raised goal keeps the progress made; a stale revision arriving later changes nothing."""
    h = harness
    ctx = await h.mission()
    user = h.user()
    await h.deliver_many(ctx, user, 2)
    revised = await h.revise_mission(ctx, goal={"kind": "event", "event_type": ctx.spec.event_type, "count": 4})
    await h.revise(ctx, user, revised)
    seen = await h.observe(revised, user)
    assert seen.tab is Tab.AVAILABLE and seen.journey is not None
    assert (seen.journey.revision, seen.progress) == (2, 2)
    assert seen.view is not None and seen.view.progress.target == 4

    await h.revise(ctx, user, ctx)  # revision 1 again, late: ignored
    await h.deliver_many(ctx, user, 1)  # 3 events: would complete revision 1, not revision 2
    seen = await h.observe(revised, user)
    assert seen.tab is Tab.AVAILABLE and seen.progress == 3 and seen.points == 0
    assert seen.journey is not None and seen.journey.revision == 2
    await h.deliver_many(ctx, user, 1)
    seen = await h.observe(revised, user)
    assert seen.tab is Tab.COMPLETED and seen.points == 10


async def test_archive_mid_way_closes_the_journey_without_reward(harness: Harness) -> None:
    """Archiving closes an in-flight journey: the workflow ends, nothing is paid, the mission is
    hidden, and later events do not reopen it."""
    h = harness
    ctx, _, _ = await h.timed_mission("generally_available", start=None)
    user = h.user()
    await h.deliver_many(ctx, user, 2)
    archived = await h.archive_mission(ctx)
    await h.revise(ctx, user, archived)

    seen = await h.observe(ctx, user, view_ctx=archived)
    assert seen.view is None  # archived missions are invisible
    assert seen.journey is not None and seen.journey.closed_at is not None
    assert (seen.journey.progress, seen.journey.completions, seen.points) == (Decimal(2), 0, 0)
    assert (await h.handle(ctx, user).describe()).status is WorkflowExecutionStatus.COMPLETED
    assert not await h.deliver(archived, user)
    await h.skip(5 * DAY)  # no deadline fires on a closed journey
    assert (await h.observe(ctx, user, view_ctx=archived)).points == 0


async def test_archive_keeps_earlier_completions_and_rewards(harness: Harness) -> None:
    """A repeatable mission archived after a completion keeps that completion and its reward."""
    h = harness
    ctx = await h.mission(type="recurring_on_completion", goal={"kind": "event", "event_type": "ar", "count": 2})
    user = h.user()
    await h.deliver_many(ctx, user, 3)
    archived = await h.archive_mission(ctx)
    await h.revise(ctx, user, archived)
    seen = await h.observe(ctx, user, view_ctx=archived)
    assert seen.journey is not None and seen.journey.closed_at is not None
    assert (seen.journey.completions, seen.points) == (1, 10)
    assert not await h.is_running(ctx, user)


# --- recurring_on_completion -------------------------------------------------------------------


async def _continued_from(h: Harness, ctx: MissionContext, user: str) -> str:
    """The run id the current run continued from ('' for a first run)."""
    history = await h.handle(ctx, user).fetch_history()
    first = history.events[0]
    assert first.event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED
    return str(first.workflow_execution_started_event_attributes.continued_execution_run_id)


async def test_recurring_on_completion_without_limit(harness: Harness) -> None:
    """Unlimited (`max_completions` null): five completions, each resets progress, pays once and
    starts a fresh run (continue-as-new) that carries the journey on."""
    h = harness
    ctx = await h.mission(type="recurring_on_completion", goal={"kind": "event", "event_type": "rep", "count": 2})
    user = h.user()
    runs: list[str] = []
    for n in range(1, 6):
        await h.deliver_many(ctx, user, 1)
        assert (await h.observe(ctx, user)).progress == 1
        await h.deliver_many(ctx, user, 1)
        seen = await h.observe(ctx, user)
        assert_row(seen, Tab.AVAILABLE, [], None)
        assert seen.journey is not None and (seen.journey.completions, seen.progress) == (n, 0)
        assert seen.points == 10 * n and await h.ledger_entries(user, ctx.mission_id) == n
        run_id = (await h.handle(ctx, user).describe()).run_id
        assert run_id is not None and run_id not in runs
        assert await _continued_from(h, ctx, user) == (runs[-1] if runs else (await _first_run(h, ctx, user)))
        runs.append(run_id)
    assert await h.is_running(ctx, user)


async def _first_run(h: Harness, ctx: MissionContext, user: str) -> str:
    description = await h.handle(ctx, user).describe()
    first = description.raw_description.workflow_execution_info.first_run_id
    return str(first)


async def test_recurring_on_completion_stops_at_max_completions(harness: Harness) -> None:
    """After `max_completions` it stays in Completed: the workflow ends and events are refused."""
    h = harness
    ctx = await h.mission(
        type="recurring_on_completion", max_completions=3, goal={"kind": "event", "event_type": "max", "count": 1}
    )
    user = h.user()
    for n in (1, 2):
        await h.deliver_many(ctx, user, 1)
        seen = await h.observe(ctx, user)
        assert_row(seen, Tab.AVAILABLE, [], None)
        assert seen.view is not None and seen.view.completions == n
    await h.deliver_many(ctx, user, 1)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.COMPLETED, [], None)
    assert held_status(seen) is EnrolmentStatus.COMPLETED
    assert seen.journey is not None and seen.journey.completions == 3
    assert seen.points == 30 and await h.ledger_entries(user, ctx.mission_id) == 3
    assert not await h.is_running(ctx, user)
    assert not await h.deliver(ctx, user)
    seen = await h.observe(ctx, user)
    assert seen.journey is not None and seen.journey.completions == 3 and seen.points == 30


# --- unlocks by prerequisites ------------------------------------------------------------------


async def test_completing_the_prerequisite_unlocks_the_dependant(harness: Harness) -> None:
    """The completion announces itself; the locked mission that waits for it opens for that user
    (whether or not their journey existed yet), with T counted from the unlock."""
    h = harness
    first = await h.mission(goal={"kind": "event", "event_type": "pre", "count": 1})
    then, _, e = await h.timed_mission("locked", start=None, unlock={"after_missions": [first.mission_id]})
    assert e is not None
    waiting, newcomer, bystander = h.user(), h.user(), h.user()
    assert await h.deliver(then, waiting)  # a journey that exists, locked: the event is ignored
    assert_row(await h.observe(then, waiting), Tab.LOCKED, ["locked"], ("until_deadline", e))

    await h.skip(HOUR)
    for user in (waiting, newcomer):
        assert await h.deliver(first, user)
        assert (await h.observe(first, user)).tab is Tab.COMPLETED
        seen = await h.observe(then, user)
        assert seen.journey is not None and seen.journey.unlocked_at is not None
        assert seen.journey.prerequisites_done == [first.mission_id]
        assert_row(seen, Tab.AVAILABLE, ["active"], ("until_deadline", seen.journey.unlocked_at + 3 * DAY))
        assert seen.progress == 0  # the event before the unlock did not count
        assert await h.deliver(then, user)
        assert (await h.observe(then, user)).progress == 1
    assert_row(await h.observe(then, bystander), Tab.LOCKED, ["locked"], ("until_deadline", e))


async def test_a_dependant_waits_for_every_prerequisite(harness: Harness) -> None:
    """With two prerequisites, one completion records progress towards the unlock, not the unlock."""
    h = harness
    one = await h.mission(goal={"kind": "event", "event_type": "p1", "count": 1})
    two = await h.mission(goal={"kind": "event", "event_type": "p2", "count": 1})
    then = await h.mission(type="locked", unlock={"after_missions": [one.mission_id, two.mission_id]})
    user = h.user()
    assert await h.deliver(one, user)
    await h.settle(one, user)
    seen = await h.observe(then, user)
    assert seen.journey is not None and seen.journey.prerequisites_done == [one.mission_id]
    assert_row(seen, Tab.LOCKED, ["locked"], None)

    assert await h.deliver(two, user)
    await h.settle(two, user)
    seen = await h.observe(then, user)
    assert seen.journey is not None and seen.journey.unlocked_at is not None
    assert_row(seen, Tab.AVAILABLE, ["active"], None)


async def test_admin_unlock_is_idempotent(harness: Harness) -> None:
    """A second unlock keeps the first unlock time (T does not restart)."""
    h = harness
    ctx = await h.mission(type="locked", time_to_complete="P3D")
    user = h.user()
    first = (await h.act(ctx, user, "unlock", Unlock(at=await h.now()))).journey.unlocked_at
    await h.skip(DAY)
    again = (await h.act(ctx, user, "unlock", Unlock(at=await h.now()))).journey.unlocked_at
    assert first is not None and again == first
    assert first is not None
    assert_row(await h.observe(ctx, user), Tab.AVAILABLE, ["active"], ("until_deadline", first + 3 * DAY))


async def test_unlocked_before_s_opens_at_s(harness: Harness) -> None:
    """Unlocked before S: still Locked with until_start; available from S with T counted from S
    (the moment it became available to the user)."""
    h = harness
    ctx, s, _ = await h.timed_mission("locked", end=None)
    assert s is not None
    user = h.user()
    await h.act(ctx, user, "unlock", Unlock(at=await h.now()))
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.LOCKED, ["locked"], ("until_start", s))
    assert await h.deliver(ctx, user)  # before S: ignored
    await h.skip_to(s + HOUR)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.AVAILABLE, ["active"], ("until_deadline", s + 3 * DAY))
    assert seen.progress == 0
    await h.skip_to(s + 3 * DAY + HOUR)
    assert_row(await h.observe(ctx, user), Tab.MISSED, ["expired"], None)


# --- mission changes through the durable broadcast ---------------------------------------------


async def _wait_closed(h: Harness, workflow_id: str) -> None:
    """Polls (without skipping time) until a workflow has completed."""
    handle = h.client.get_workflow_handle(workflow_id)
    for _ in range(500):
        try:
            if (await handle.describe()).status is WorkflowExecutionStatus.COMPLETED:
                return
        except RPCError as exc:
            if exc.status is not RPCStatusCode.NOT_FOUND:
                raise
        await asyncio.sleep(0.02)
    raise AssertionError(f"{workflow_id} did not complete")


async def test_changes_reach_every_running_journey_through_the_broadcast(harness: Harness) -> None:
    """The API announces a revision, then the archive; every running journey picks each up:
    the lowered goal completes those that meet it, the archive closes the others. Finished
    journeys are left alone."""
    h = harness
    ctx = await h.mission()
    ahead, behind, finished = h.user(), h.user(), h.user()
    await h.deliver_many(ctx, ahead, 2)
    await h.deliver_many(ctx, behind, 1)
    await h.deliver_many(ctx, finished, 3)

    revised = await h.revise_mission(ctx, goal={"kind": "event", "event_type": ctx.spec.event_type, "count": 2})
    await h.gateway.announce_change(revised)
    await _wait_closed(h, mission_change_id(Revise(mission=revised)))
    for user in (ahead, behind, finished):
        await h.settle(ctx, user)
    seen = await h.observe(revised, ahead)
    assert seen.tab is Tab.COMPLETED and seen.points == 10
    seen = await h.observe(revised, behind)
    assert seen.tab is Tab.AVAILABLE and seen.journey is not None and seen.journey.revision == 2

    archived = await h.archive_mission(revised)
    await h.gateway.announce_change(archived)
    await _wait_closed(h, mission_change_id(Revise(mission=archived)))
    await h.settle(ctx, behind)
    seen = await h.observe(ctx, behind, view_ctx=archived)
    assert seen.view is None and seen.journey is not None and seen.journey.closed_at is not None
    assert seen.points == 0 and not await h.is_running(ctx, behind)
    for user in (ahead, finished):
        seen = await h.observe(ctx, user, view_ctx=archived)
        assert seen.journey is not None and seen.journey.completions == 1 and seen.points == 10


# --- crashes and replays -----------------------------------------------------------------------


async def test_a_crash_after_granting_neither_pays_twice_nor_loses_the_unlock(crashing_harness: Harness) -> None:
    """`complete_journey` dies after its commit and is retried: one ledger row per completion,
    and the dependant mission is still unlocked."""
    h = crashing_harness
    first = await h.mission(goal={"kind": "event", "event_type": "cr", "count": 1})
    then = await h.mission(type="locked", unlock={"after_missions": [first.mission_id]})
    again = await h.mission(type="recurring_on_completion", goal={"kind": "event", "event_type": "cr2", "count": 1})
    user = h.user()
    assert await h.deliver(first, user)
    await h.deliver_many(again, user, 2)
    assert (await h.observe(first, user)).tab is Tab.COMPLETED
    assert (await h.observe(again, user)).view is not None
    assert await h.ledger_entries(user, first.mission_id) == 1
    assert await h.ledger_entries(user, again.mission_id) == 2
    assert (await h.wallet(user)).points == 30
    seen = await h.observe(then, user)
    assert seen.tab is Tab.AVAILABLE and seen.journey is not None and seen.journey.unlocked_at is not None


async def test_journey_histories_replay_deterministically(harness: Harness) -> None:
    """Histories with timers, signals, updates, activities and continue-as-new replay cleanly
    against the current workflow code."""
    h = harness
    ctx, s, _ = await h.timed_mission("generally_available", opt_in=True)
    repeat = await h.mission(type="recurring_on_completion", goal={"kind": "event", "event_type": "rp", "count": 1})
    assert s is not None
    user = h.user()
    assert await h.deliver(ctx, user)
    await h.skip_to(s + HOUR)
    await h.act(ctx, user, "opt_in", OptIn(at=await h.now()))
    await h.deliver_many(ctx, user, 1)
    await h.skip(4 * DAY)
    assert (await h.observe(ctx, user)).tab is Tab.MISSED
    runs: list[tuple[str, str | None]] = [(h.handle(ctx, user).id, None)]
    for _ in range(3):
        await h.deliver_many(repeat, user, 1)
        await h.settle(repeat, user)
        description = await h.handle(repeat, user).describe()
        runs.append((description.id, description.raw_description.workflow_execution_info.first_run_id))
        runs.append((description.id, description.run_id))

    replayer = Replayer(workflows=WORKFLOWS, data_converter=pydantic_data_converter)
    for workflow_id, run_id in dict.fromkeys(runs):
        history = await h.client.get_workflow_handle(workflow_id, run_id=run_id).fetch_history()
        await replayer.replay_workflow(history)

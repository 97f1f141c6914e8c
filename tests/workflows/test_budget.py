"""Budget caps (docs/missions.md §4, §6): once granted points reach the cap, users who have not
started no longer see the mission and cannot start it; users with progress can still complete.

The cap is decided under the mission row's lock, so two workers completing journeys at the same
moment cannot both take the last of the budget.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

import httpx

from activities.callbacks import CallbackActivities
from activities.enrolment import JourneyActivities
from db import missions
from db.engine import create_engine
from domain.journey import MissionContext
from services.active_missions import context_of
from services.enrolment import build_enrolment_services
from services.gateway import JourneyGateway, LazyClient
from services.routing import EventRouter
from tests.conftest import make_settings
from tests.workflows.conftest import Harness
from worker import build_worker
from workflows.payloads import OptIn, Submit


@asynccontextmanager
async def second_worker(h: Harness, database_url: str) -> AsyncIterator[None]:
    """Another worker process's worth of pollers on the harness's task queue (own engine and pool)."""
    settings = make_settings(database_url, h.client.service_client.config.target_host, h.gateway.task_queue)
    engine = create_engine(settings, pool_size=5)
    lazy = LazyClient(settings)
    router = EventRouter(engine, JourneyGateway(lazy, settings.task_queue))
    http = httpx.AsyncClient()
    # A client of its own, as another worker process would have (one client polls a queue once).
    client = await lazy.get()
    callbacks = CallbackActivities(engine, http, settings)
    worker = build_worker(
        settings, client, JourneyActivities(build_enrolment_services(engine, router, settings)), callbacks=callbacks
    )
    try:
        async with http, worker:
            yield
    finally:
        await engine.dispose()


async def _current(h: Harness, ctx: MissionContext) -> MissionContext:
    """The mission as the catalogue sees it now (with its budget state)."""
    async with h.engine.connect() as conn:
        return context_of(await missions.get(conn, ctx.mission_id))


async def test_concurrent_first_completions_on_two_workers_never_overshoot_the_cap(
    harness: Harness, database_url: str
) -> None:
    h = harness
    ctx = await h.mission(
        goal={"kind": "event", "event_type": f"cap-{h.user()}", "count": 1},
        reward={"points": 10},
        budget_cap={"points": 50},
    )
    users = [h.user() for _ in range(14)]
    async with second_worker(h, database_url):
        events = [await h.event(ctx) for _ in users]
        await asyncio.gather(*(h.gateway.deliver(ctx, u, e) for u, e in zip(users, events, strict=True)))
        await asyncio.gather(*(h.settle(ctx, u) for u in users))
        # Still inside: journeys cached by the second worker answer queries only while it runs.
        paid = [u for u in users if (await h.wallet(u)).points]
        assert len(paid) == 5, "exactly cap / reward users complete: none past the cap"
        assert sum([(await h.wallet(u)).points for u in users]) == 50
        after = await _current(h, ctx)
        async with h.engine.connect() as conn:
            stored = await missions.get(conn, ctx.mission_id)
        assert stored.budget_spent == 50 and stored.budget_exhausted_at is not None
        for u in users:
            seen = await h.observe(ctx, u, view_ctx=after)
            if u in paid:
                assert seen.view is not None and seen.view.tab.value == "completed"
            else:
                # The event did not start the journey, and the spent mission is hidden from them.
                assert seen.held is not None and seen.held.journey.progress == 0
                assert seen.view is None


async def test_users_with_progress_still_complete_after_the_cap_is_reached(harness: Harness) -> None:
    h = harness
    ctx = await h.mission(
        goal={"kind": "event", "event_type": f"cap-{h.user()}", "count": 2},
        reward={"points": 10},
        budget_cap={"points": 10},
    )
    started, finisher, late = h.user(), h.user(), h.user()
    assert await h.deliver(ctx, started)  # progress 1 of 2 while budget is left
    await h.deliver_many(ctx, finisher, 2)  # completes: 10 of 10 spent
    exhausted = await _current(h, ctx)
    assert exhausted.budget_exhausted_at is not None
    assert (await h.observe(ctx, started, view_ctx=exhausted)).view is not None  # still shown: started

    await h.deliver(ctx, late)
    seen = await h.observe(ctx, late, view_ctx=exhausted)
    assert seen.view is None and seen.held is not None and seen.held.journey.progress == 0

    assert await h.deliver(ctx, started)
    assert (await h.wallet(started)).points == 10  # the cap stops new users, not those under way
    async with h.engine.connect() as conn:
        assert (await missions.get(conn, ctx.mission_id)).budget_spent == 20


async def test_opt_in_and_submissions_are_refused_once_the_budget_is_spent(harness: Harness) -> None:
    h = harness
    opt = await h.mission(
        goal={"kind": "event", "event_type": f"cap-{h.user()}", "count": 1},
        reward={"points": 5},
        budget_cap={"points": 5},
        opt_in=True,
        time_to_complete=timedelta(days=1),
    )
    early, late = h.user(), h.user()
    await h.act(opt, early, "opt_in", OptIn(at=await h.now()))
    await h.act(opt, late, "opt_in", OptIn(at=await h.now()))
    assert await h.deliver(opt, early)
    assert (await _current(h, opt)).budget_exhausted_at is not None
    assert await h.deliver(opt, late)  # opted in before the cap was reached: still completes
    assert (await h.wallet(late)).points == 5
    assert await h.refusal(opt, h.user(), "opt_in", OptIn(at=await h.now())) == "budget_exhausted"

    manual = await h.mission(
        goal={"kind": "manual", "proof": ["text"], "approval": {"mode": "auto"}},
        reward={"points": 5},
        budget_cap={"points": 5},
    )
    first, second = h.user(), h.user()
    proof = {"kind": "text", "value": "done"}
    await h.act(manual, first, "submit", Submit(submission_id=f"sub_{first}", proof=proof))
    assert (await h.wallet(first)).points == 5
    assert (await h.observe(manual, first)).view is not None
    code = await h.refusal(manual, second, "submit", Submit(submission_id=f"sub_{second}", proof=proof))
    assert code == "budget_exhausted"
    assert (await h.wallet(second)).points == 0

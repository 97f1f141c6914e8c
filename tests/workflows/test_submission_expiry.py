"""A proof still pending when the deadline passes expires: it can no longer be approved."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from db import submissions
from domain.errors import Conflict
from tests.workflows.conftest import Harness
from workflows.payloads import Review, Submit, enrolment_id


async def test_a_pending_submission_expires_at_the_deadline_and_cannot_be_approved(harness: Harness) -> None:
    h = harness
    ctx = await h.mission(goal={"kind": "manual", "proof": ["text"]}, time_to_complete=timedelta(days=1))
    user = h.user()
    await h.gateway.act(ctx, user, "submit", Submit(submission_id=f"sub_{user}", proof={"kind": "text", "value": "x"}))
    await h.skip(timedelta(days=1, hours=1))
    handle = h.client.get_workflow_handle(enrolment_id(ctx.mission_id, user))
    await handle.result()  # the journey ended as missed
    async with h.engine.connect() as conn:
        row = await submissions.get(conn, f"sub_{user}")
    assert row.status == "expired" and row.decided_at is not None
    try:
        await h.gateway.act_existing(handle.id, "review", Review(submission_id=f"sub_{user}", approve=True))
    except Conflict as exc:
        assert exc.code == "journey_finished"
    else:
        raise AssertionError("an expired submission was approved")


async def test_an_approval_racing_the_deadline_either_pays_or_expires_never_both(harness: Harness) -> None:
    """The review and the deadline timer reach the journey together: exactly one of them wins."""
    h = harness
    ctx = await h.mission(goal={"kind": "manual", "proof": ["text"]}, time_to_complete=timedelta(days=1))
    users = [h.user() for _ in range(6)]
    for user in users:
        await h.act(ctx, user, "submit", Submit(submission_id=f"sub_{user}", proof={"kind": "text", "value": "x"}))
    await h.skip(timedelta(days=1) - timedelta(seconds=1))

    async def approve(user: str, after: float) -> str:
        await asyncio.sleep(after)
        try:
            await h.gateway.act_existing(
                enrolment_id(ctx.mission_id, user), "review", Review(submission_id=f"sub_{user}", approve=True)
            )
        except Conflict as exc:
            return exc.code
        return "approved"

    outcomes = await asyncio.gather(h.skip(timedelta(seconds=2)), *(approve(u, 0.01 * i) for i, u in enumerate(users)))
    outcomes = outcomes[1:]
    for user, outcome in zip(users, outcomes, strict=True):
        seen = await h.observe(ctx, user)
        async with h.engine.connect() as conn:
            row = await submissions.get(conn, f"sub_{user}")
        paid = (await h.wallet(user)).points
        if outcome == "approved":
            assert row.status == "approved" and paid == 10 and seen.journey is not None
            assert seen.journey.completions == 1
        else:
            assert outcome in ("deadline_passed", "journey_finished")
            assert row.status == "expired" and paid == 0


async def test_an_approval_a_second_before_the_deadline_completes(harness: Harness) -> None:
    h = harness
    ctx = await h.mission(goal={"kind": "manual", "proof": ["text"]}, time_to_complete=timedelta(days=1))
    user = h.user()
    await h.act(ctx, user, "submit", Submit(submission_id=f"sub_{user}", proof={"kind": "text", "value": "x"}))
    await h.skip(timedelta(days=1) - timedelta(seconds=1))
    await h.gateway.act_existing(
        enrolment_id(ctx.mission_id, user), "review", Review(submission_id=f"sub_{user}", approve=True)
    )
    seen = await h.observe(ctx, user)
    assert seen.view is not None and seen.view.tab.value == "completed"
    assert (await h.wallet(user)).points == 10

"""A proof still pending when the deadline passes expires: it can no longer be approved."""

from __future__ import annotations

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

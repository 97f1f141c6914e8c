"""Social checks in the journey, on the time-skipping server, against the platform emulator over HTTP.

The journey waits the check's delay, then runs `verify_social` with retries until the check's
deadline (requested + delay + timeout): minutes of server time skipped in well under a second.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from db import submissions
from devstack.social_emulator import Emulator
from domain.errors import Conflict
from domain.journey import EnrolmentStatus, MissionContext
from domain.projection import Tab
from tests.workflows.conftest import Harness, Seen
from workflows.payloads import Review, Verify

DELAY = timedelta(minutes=5)
TIMEOUT = timedelta(minutes=10)
MINUTE = timedelta(minutes=1)


@pytest.fixture
def emu(emulator_server: tuple[Emulator, str]) -> Iterator[Emulator]:
    """The emulator, emptied for this test and again after it (injected failures do not leak)."""
    emulator, _ = emulator_server
    emulator.reset()
    yield emulator
    emulator.reset()


def verify(handle: str) -> Verify:
    return Verify(handle=handle, delay=DELAY, timeout=TIMEOUT)


async def social_mission(h: Harness, platform: str, action: str, target: str, **fields: Any) -> MissionContext:
    goal = {"kind": "social", "platform": platform, "action": action, "target": target, **fields.pop("goal", {})}
    return await h.mission(goal=goal, **fields)


def name() -> str:
    return f"u{uuid.uuid4().hex[:12]}"


def check_of(seen: Seen) -> dict[str, Any]:
    assert seen.journey is not None and seen.journey.verification is not None
    return seen.journey.verification.model_dump()


async def test_a_post_seen_only_on_a_later_try_completes_the_journey_and_pays_once(
    harness: Harness, emu: Emulator
) -> None:
    h = harness
    ctx = await social_mission(h, "x", "hashtag_post", "#Questline", goal={"count": 2})
    user, handle = h.user(), name()
    emu.x.post(handle, "first #questline", at=await h.now())
    # The second post is there, but the platform's listings show it only from the third look on.
    emu.x.post(handle, "again #QUESTLINE", at=await h.now(), hidden_reads=2)

    result = await h.act(ctx, user, "verify", verify("@" + handle))
    assert result.status is EnrolmentStatus.AVAILABLE
    seen = await h.observe(ctx, user)
    asked = check_of(seen)
    assert asked["status"] == "running" and asked["ends_by"] == asked["requested_at"] + DELAY + TIMEOUT

    await h.skip(DELAY - MINUTE)
    assert emu.requests_to("x") == 0, "nothing is asked before the delay"
    assert check_of(await h.observe(ctx, user))["status"] == "running"

    await h.skip(2 * MINUTE)  # the first look finds one post of two; retries back off 15 s, 30 s...
    await h.skip(2 * MINUTE)
    seen = await h.observe(ctx, user)
    assert seen.tab is Tab.COMPLETED and seen.points == 10
    check = check_of(seen)
    assert (check["status"], check["found"], check["needed"]) == ("passed", 2, 2)
    assert seen.progress == 2 and seen.view is not None and seen.view.progress.unit == "posts"
    assert await h.ledger_entries(user, ctx.mission_id) == 1
    assert emu.requests_to("x") >= 3


async def test_never_found_within_the_timeout_fails_with_the_reason_then_the_user_asks_again(
    harness: Harness, emu: Emulator
) -> None:
    h = harness
    ctx = await social_mission(h, "x", "follow", "@QuestlineHQ")
    user, handle = h.user(), name()
    emu.x.account(handle)
    await h.act(ctx, user, "verify", verify(handle))
    await h.skip(DELAY + TIMEOUT + 3 * MINUTE)
    seen = await h.observe(ctx, user)
    check = check_of(seen)
    assert check["status"] == "failed" and check["failure"] == "social_not_done"
    assert check["detail"] == f"@{handle} does not follow @questlinehq on X"
    assert (check["found"], check["needed"]) == (0, 1)
    assert seen.tab is Tab.AVAILABLE and seen.points == 0

    # The check has ended: the user may ask again at once, and this time they follow.
    emu.x.follow(handle, "QuestlineHQ")
    await h.act(ctx, user, "verify", verify(handle))
    await h.skip(DELAY + MINUTE)
    seen = await h.observe(ctx, user)
    assert seen.tab is Tab.COMPLETED and seen.points == 10
    assert check_of(seen)["status"] == "passed"


async def test_asking_again_while_a_check_runs_is_refused_with_when_to_retry(harness: Harness, emu: Emulator) -> None:
    h = harness
    ctx = await social_mission(h, "x", "follow", "@QuestlineHQ")
    user, handle = h.user(), name()
    emu.x.account(handle)
    await h.act(ctx, user, "verify", verify(handle))
    await h.skip(2 * MINUTE)
    with pytest.raises(Conflict) as refused:
        await h.act(ctx, user, "verify", verify(handle))
    error = refused.value
    assert error.code == "social_check_running"
    assert error.details["platform"] == "x" and error.details["mission_id"] == ctx.mission_id
    left = (DELAY + TIMEOUT - 2 * MINUTE).total_seconds()
    assert left - 10 <= error.details["retry_after_seconds"] <= left

    emu.x.follow(handle, "QuestlineHQ")  # it appears before the first look
    await h.skip(DELAY)
    seen = await h.observe(ctx, user)
    assert seen.tab is Tab.COMPLETED and seen.points == 10


async def test_a_platform_down_for_a_while_is_waited_out(harness: Harness, emu: Emulator) -> None:
    h = harness
    ctx = await social_mission(h, "x", "follow", "@QuestlineHQ")
    user, handle = h.user(), name()
    emu.x.follow(handle, "QuestlineHQ")
    emu.fail("x", 503, times=3)
    await h.act(ctx, user, "verify", verify(handle))
    await h.skip(DELAY + 3 * MINUTE)
    seen = await h.observe(ctx, user)
    assert seen.tab is Tab.COMPLETED and seen.points == 10
    assert check_of(seen)["status"] == "passed"


async def test_a_platform_down_past_the_budget_sends_the_request_to_manual_review(
    harness: Harness, emu: Emulator
) -> None:
    h = harness
    ctx = await social_mission(h, "x", "follow", "@QuestlineHQ")
    user, handle = h.user(), name()
    emu.fail("x", 503, times=10_000)
    await h.act(ctx, user, "verify", verify(handle))
    await h.skip(DELAY + TIMEOUT + 3 * MINUTE)
    seen = await h.observe(ctx, user)
    check = check_of(seen)
    assert check["status"] == "review" and check["failure"] == "social_unavailable"
    assert "manual review" in check["detail"]
    assert seen.view is not None and seen.view.status is EnrolmentStatus.PENDING
    assert seen.journey is not None and seen.journey.submission is not None
    sub_id = seen.journey.submission.id
    async with h.engine.connect() as conn:
        row = await submissions.get(conn, sub_id)
    assert row.status == "pending" and row.proof["kind"] == "social"
    assert row.proof["value"]["platform"] == "x" and row.proof["value"]["handle"] == handle
    assert await h.refusal(ctx, user, "verify", verify(handle)) == "cannot_verify", "it waits on an admin"

    await h.gateway.act_existing(h.handle(ctx, user).id, "review", Review(submission_id=sub_id, approve=True))
    seen = await h.observe(ctx, user)
    assert seen.tab is Tab.COMPLETED and seen.points == 10
    assert await h.ledger_entries(user, ctx.mission_id) == 1


async def test_a_deadline_passing_during_the_check_stops_it(harness: Harness, emu: Emulator) -> None:
    h = harness
    ctx = await social_mission(h, "x", "follow", "@QuestlineHQ", time_to_complete=timedelta(minutes=3))
    user, handle = h.user(), name()
    emu.x.follow(handle, "QuestlineHQ")
    await h.act(ctx, user, "verify", verify(handle))
    await h.skip(4 * MINUTE)
    await h.handle(ctx, user).result()  # the journey ended, missed, without waiting for the check
    seen = await h.observe(ctx, user)
    assert seen.tab is Tab.MISSED and seen.points == 0
    check = check_of(seen)
    assert check["status"] == "failed" and "mission ended" in check["detail"]
    assert emu.requests_to("x") == 0


async def test_only_social_missions_take_a_check(harness: Harness) -> None:
    h = harness
    ctx = await h.mission()
    assert await h.refusal(ctx, h.user(), "verify", verify("alice")) == "not_a_social_mission"

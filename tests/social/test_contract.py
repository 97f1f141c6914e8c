"""The integration contract on the real time-skipping Temporal server: delay, retries, typed final failures.

The retry budget (minutes) is skipped by the server, so each case takes well under a second of
wall time while the activity sees the server's clock.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker
from temporalio.worker.workflow_sandbox import SandboxedWorkflowRunner, SandboxRestrictions

from activities.social import SocialActivities
from devstack.social_emulator import Emulator
from domain.missions import SocialGoal
from domain.social_verification import VerifySocial
from settings import Settings
from tests.social.conftest import social_settings
from tests.social.contract import SocialCheckContract
from tests.social.scenarios import SCENARIOS

RUNNER = SandboxedWorkflowRunner(restrictions=SandboxRestrictions.default.with_passthrough_modules("domain"))


@pytest.fixture
async def run_check(
    skipping_env: WorkflowEnvironment, http: httpx.AsyncClient, emu: Emulator, emu_url: str
) -> AsyncIterator[Any]:
    queue = f"social-{uuid.uuid4().hex[:8]}"

    async def run(social_goal: SocialGoal, handle: str, settings: Settings | None = None) -> dict[str, Any]:
        settings = settings or social_settings(emu, emu_url)
        activities = SocialActivities(http, settings)
        now: datetime = await skipping_env.get_current_time()
        request = VerifySocial(
            mission_id="mis_contract", user_id="alice", goal=social_goal, handle=handle, requested_at=now
        )
        async with Worker(
            skipping_env.client,
            task_queue=queue,
            workflows=[SocialCheckContract],
            activities=[activities.verify_social],
            workflow_runner=RUNNER,
        ):
            result: dict[str, Any] = await asyncio.wait_for(
                skipping_env.client.execute_workflow(
                    SocialCheckContract.run,
                    args=[
                        request,
                        settings.social_check_delay.total_seconds(),
                        settings.social_check_timeout.total_seconds(),
                    ],
                    id=f"social-{uuid.uuid4().hex}",
                    task_queue=queue,
                ),
                timeout=60,
            )
        result["elapsed"] = datetime.fromisoformat(result["at"]) - now
        return result

    yield run


async def test_a_post_that_appears_after_a_few_tries_completes(emu: Emulator, run_check: Any) -> None:
    social_goal, handle = SCENARIOS[("x", "hashtag_post")](emu, True, 3)
    result = await run_check(social_goal, handle)
    assert result["outcome"] == "completed"
    assert result["verdict"]["done"] is True
    assert timedelta(minutes=5) < result["elapsed"] < timedelta(minutes=15)


async def test_never_found_ends_not_done_with_the_verdict_after_the_budget(emu: Emulator, run_check: Any) -> None:
    social_goal, handle = SCENARIOS[("tiktok", "follow")](emu, False, 0)
    result = await run_check(social_goal, handle)
    assert (result["outcome"], result["failure"]) == ("not_done", "social_not_done")
    assert result["verdict"]["detail"] == "@alice does not follow @questlinehq on TikTok"
    assert timedelta(minutes=15) <= result["elapsed"] <= timedelta(minutes=17), "gives up at delay + timeout"


async def test_an_unreachable_platform_falls_back_to_manual_review(emu: Emulator, run_check: Any) -> None:
    social_goal, handle = SCENARIOS[("youtube", "follow")](emu, True, 0)
    emu.fail("youtube", 503, times=1000)
    result = await run_check(social_goal, handle)
    assert (result["outcome"], result["failure"]) == ("manual_review", "social_unavailable")


async def test_not_configured_falls_back_to_manual_review_at_once(emu: Emulator, emu_url: str, run_check: Any) -> None:
    social_goal, handle = SCENARIOS[("discord", "join")](emu, True, 0)
    result = await run_check(social_goal, handle, social_settings(emu, emu_url, social_discord_token=""))
    assert (result["outcome"], result["failure"]) == ("manual_review", "social_not_configured")
    assert result["elapsed"] < timedelta(minutes=6), "one attempt right after the delay"

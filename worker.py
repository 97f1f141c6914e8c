"""The Questline worker: runs enrolment workflows and their activities on one task queue.

Run as many as you like against one Temporal server; they share the task queue. Flags override
the matching QUESTLINE_* settings:

    python worker.py --task-queue questline --max-concurrent-activities 100
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import ValidationError
from temporalio.worker import Worker
from temporalio.worker.workflow_sandbox import SandboxedWorkflowRunner, SandboxRestrictions

from activities.backfill import BackfillActivities
from activities.backtests import BacktestActivities
from activities.broadcasts import BroadcastActivities
from activities.callbacks import CallbackActivities
from activities.data_errors import DataErrors
from activities.enrolment import JourneyActivities
from activities.social import SocialActivities
from observability.logs import configure_logging
from observability.worker import ActivityMetrics, start_worker_metrics
from services.backtests import BacktestRunner
from services.container import open_services
from services.gateway import LazyClient, TemporalClient
from settings import Settings, load_settings
from workflows.backtest import BacktestWorkflow
from workflows.broadcast import BroadcastWorkflow
from workflows.callback import CallbackWorkflow
from workflows.enrolment import EnrolmentWorkflow
from workflows.event_backfill import EventBackfillWorkflow
from workflows.launch import LaunchWorkflow
from workflows.mission_change import MissionChangeWorkflow
from workflows.segment_clock import SegmentClockWorkflow
from workflows.segment_grant import SegmentGrantWorkflow

log = logging.getLogger("questline.worker")

WORKFLOWS = [
    EnrolmentWorkflow,
    MissionChangeWorkflow,
    LaunchWorkflow,
    SegmentGrantWorkflow,
    SegmentClockWorkflow,
    BroadcastWorkflow,
    CallbackWorkflow,
    EventBackfillWorkflow,
    BacktestWorkflow,
]


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line flags (each defaults to its setting)."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--task-queue", help="Temporal task queue (QUESTLINE_TASK_QUEUE)")
    p.add_argument("--max-concurrent-activities", type=int, help="QUESTLINE_MAX_CONCURRENT_ACTIVITIES")
    p.add_argument("--max-concurrent-workflow-tasks", type=int, help="QUESTLINE_MAX_CONCURRENT_WORKFLOW_TASKS")
    p.add_argument("--no-outbox", action="store_true", help="do not run the outbox relays (events, starts) here")
    return p.parse_args(argv)


def apply_flags(settings: Settings, args: argparse.Namespace) -> Settings:
    """Settings with the given flags applied."""
    changes = {
        k: v
        for k, v in {
            "task_queue": args.task_queue,
            "max_concurrent_activities": args.max_concurrent_activities,
            "max_concurrent_workflow_tasks": args.max_concurrent_workflow_tasks,
        }.items()
        if v is not None
    }
    return settings.model_copy(update=changes)


#: The sandbox would re-import the workflow modules for every journey it builds (about a third of
#: a worker's CPU per event); they and `domain/` are deterministic and stateless, so share them.
SANDBOX = SandboxedWorkflowRunner(
    restrictions=SandboxRestrictions.default.with_passthrough_modules("domain", "workflows")
)


def build_worker(
    settings: Settings,
    client: TemporalClient,
    activities: JourneyActivities,
    broadcasts: BroadcastActivities | None = None,
    callbacks: CallbackActivities | None = None,
    social: SocialActivities | None = None,
    backtests: BacktestActivities | None = None,
) -> Worker:
    """The Temporal worker with every workflow and activity of Questline (the backtests' over the
    journeys' engine unless given)."""
    extra: list[Callable[..., Any]] = [broadcasts.deliver_broadcast] if broadcasts is not None else []
    backtests = backtests or BacktestActivities(BacktestRunner(activities.services.grant_jobs.engine))
    extra += [backtests.backtest_step, backtests.backtest_finish, backtests.backtest_failed]
    if callbacks is not None:
        extra += [callbacks.deliver_callback, callbacks.mark_callback_failed]
    if social is not None:
        extra.append(social.verify_social)
    # The event backfill pages over the enrolment activities' engine and router.
    extra.append(BackfillActivities.over(activities.services).backfill_events_page)
    return Worker(
        client,
        task_queue=settings.task_queue,
        workflows=WORKFLOWS,
        workflow_runner=SANDBOX,
        max_cached_workflows=settings.max_cached_workflows,
        activities=[
            activities.save_journey,
            activities.settle_events,
            activities.complete_journey,
            activities.approval_rule_passes,
            activities.budget_allows_start,
            activities.broadcast_mission_change,
            activities.launch_mission,
            activities.grant_page,
            activities.sweep_segment,
            *extra,
        ],
        max_concurrent_activities=settings.max_concurrent_activities,
        max_concurrent_workflow_tasks=settings.max_concurrent_workflow_tasks,
        max_concurrent_local_activities=settings.max_concurrent_activities,
        # On shutdown (SIGTERM) running activities get this long to finish before they are cancelled.
        graceful_shutdown_timeout=settings.worker_shutdown_grace,
        # Data errors are classified once, for every activity (each call's retry policy decides).
        interceptors=[ActivityMetrics(), DataErrors()],
    )


async def run(settings: Settings, *, outbox: bool = True) -> None:
    """Connects, runs until SIGINT/SIGTERM, then shuts down gracefully."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with open_services(settings, relays=outbox) as services:
        # A stop while Temporal is still unreachable must not wait for the connection retries.
        connecting = asyncio.ensure_future(connect_when_up(services.temporal))
        stopping = asyncio.ensure_future(stop.wait())
        await asyncio.wait([connecting, stopping], return_when=asyncio.FIRST_COMPLETED)
        if not connecting.done():
            connecting.cancel()
            log.info("worker stopped before Temporal answered")
            return
        stopping.cancel()
        worker = build_worker(
            settings,
            connecting.result(),
            JourneyActivities(services.enrolment),
            BroadcastActivities(services.engine, services.http, settings),
            CallbackActivities(services.engine, services.http, settings),
            SocialActivities(services.http, settings),
        )
        quiet_garbage_collector()
        log.info("worker polling task queue %r on %s", settings.task_queue, settings.temporal_namespace)
        async with worker:
            await stop.wait()
    log.info("worker stopped")


async def connect_when_up(lazy: LazyClient, *, first_delay: float = 0.5, max_delay: float = 10.0) -> TemporalClient:
    """The client once Temporal answers: a worker started while Temporal (re)starts waits for it,
    backing off, instead of exiting."""
    delay = first_delay
    while True:
        try:
            return await lazy.get()
        except RuntimeError as exc:  # the SDK bridge's connect failure has no finer type
            log.warning("Temporal unreachable (%s); retrying in %.1f s", exc, delay)
        await asyncio.sleep(delay)
        delay = min(delay * 2, max_delay)


def quiet_garbage_collector() -> None:
    """Moves start-up objects out of the collector's sight and makes full collections rarer.

    A worker caches thousands of journeys; with the default thresholds full collections paused
    it for 100-250 ms every few seconds, which is the p99 of event latency.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `python worker.py`."""
    args = parse_args(argv)
    try:
        settings = apply_flags(load_settings(), args)
    except ValidationError as exc:
        print(f"worker: invalid settings: {exc}", file=sys.stderr)
        return 2
    configure_logging(settings.log_level, settings.log_format)
    if settings.worker_metrics_port:
        # Before any client exists: the SDK's metrics need the runtime chosen here.
        try:
            start_worker_metrics(settings.worker_metrics_host, settings.worker_metrics_port)
        except OSError as exc:
            print(f"worker: cannot serve metrics on port {settings.worker_metrics_port}: {exc}", file=sys.stderr)
            return 2
    asyncio.run(run(settings, outbox=not args.no_outbox))
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # The SDK's native runtime can abort while the interpreter finalizes (sdk-python#300).
    os._exit(code)

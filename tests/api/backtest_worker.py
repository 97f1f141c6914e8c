"""A worker process running only backtests, for the crash test: `python -m tests.api.backtest_worker
DATABASE_URL TEMPORAL_ADDRESS TASK_QUEUE STEP_EVENTS` (killed with SIGKILL by the test)."""

from __future__ import annotations

import asyncio
import sys

from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.worker import Worker

from activities.backtests import BacktestActivities
from db.engine import create_engine
from services.backtests import BacktestRunner
from workflows.backtest import BacktestWorkflow


async def main(database_url: str, address: str, task_queue: str, step_events: int) -> None:
    client = await Client.connect(address, data_converter=pydantic_data_converter)
    engine = create_engine(database_url)
    acts = BacktestActivities(BacktestRunner(engine, step_events=step_events))
    async with Worker(
        client,
        task_queue=task_queue,
        workflows=[BacktestWorkflow],
        activities=[acts.backtest_step, acts.backtest_finish, acts.backtest_failed],
    ):
        print("polling", flush=True)
        await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])))

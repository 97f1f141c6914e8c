"""`python worker.py` with QUESTLINE_WORKER_METRICS_PORT and QUESTLINE_LOG_FORMAT=json, as operators run it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from temporalio.testing import WorkflowEnvironment

from observability.worker import free_loopback_port
from tests.api.helpers import uid
from tests.conftest import ADMIN_KEY, CLIENT_KEY, TOKEN_SECRET

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.e2e


def test_worker_serves_metrics_and_writes_json_lines(
    database_url: str, dev_env: WorkflowEnvironment, tmp_path: Path
) -> None:
    port = free_loopback_port()
    environ = {
        **os.environ,
        "QUESTLINE_ENV": "test",
        "QUESTLINE_ADMIN_KEY": ADMIN_KEY,
        "QUESTLINE_CLIENT_KEY": CLIENT_KEY,
        "QUESTLINE_TOKEN_SECRET": TOKEN_SECRET,
        "QUESTLINE_DATABASE_URL": database_url,
        "QUESTLINE_DB_POOL_SIZE": "5",  # within the shared test PostgreSQL's connections
        "QUESTLINE_TEMPORAL_ADDRESS": dev_env.client.service_client.config.target_host,
        "QUESTLINE_TASK_QUEUE": uid("metrics-q"),
        "QUESTLINE_WORKER_METRICS_PORT": str(port),
        "QUESTLINE_LOG_FORMAT": "json",
        "QUESTLINE_LOG_LEVEL": "INFO",
    }
    log_path = tmp_path / "worker.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            # No outbox relay: it would route other tests' stale events to journeys on this queue.
            [sys.executable, str(ROOT / "worker.py"), "--no-outbox"],
            env=environ,
            stderr=log,
            stdout=log,
            start_new_session=True,
        )
    try:
        text = ""
        deadline = time.monotonic() + 60
        while "temporal_worker_task_slots_available" not in text:
            assert proc.poll() is None, log_path.read_text()
            assert time.monotonic() < deadline, f"no SDK metrics on :{port}:\n{text[-2000:]}\n{log_path.read_text()}"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as answer:
                    text = answer.read().decode()
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.2)
        assert "# TYPE questline_activity_duration_seconds histogram" in text
        assert "questline_events_routed_total" in text
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    records = [json.loads(line) for line in log_path.read_text().splitlines() if line.strip()]
    assert any(r["message"].startswith("worker polling task queue") for r in records), records
    assert all({"timestamp", "level", "logger", "message"} <= r.keys() for r in records)
    assert proc.returncode == 0, log_path.read_text()

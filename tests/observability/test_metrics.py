"""Prometheus metrics: the API's `/metrics` moves with real traffic; the worker serves ours and the SDK's."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import httpx
from prometheus_client.parser import text_string_to_metric_families
from temporalio import activity, workflow
from temporalio.client import Client
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import UnsandboxedWorkflowRunner, Worker

from api.app import create_app
from observability.http import UNMATCHED
from observability.worker import ActivityMetrics, MetricsServer, free_loopback_port, sdk_runtime
from settings import Settings
from tests.api.helpers import create_mission, eventually, points, send, uid
from tests.conftest import Stack

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def parse(text: str) -> Samples:
    """Every sample of an exposition, keyed by name and labels."""
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    """One sample's value (0 when the series does not exist yet)."""
    return samples.get((name, frozenset(labels.items())), 0.0)


async def scrape(stack: Stack) -> Samples:
    r = await stack.http.get("/metrics")
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/plain")
    return parse(r.text)


async def test_metrics_rise_with_an_event_that_completes_a_journey(stack: Stack) -> None:
    before = await scrape(stack)
    event_type = uid("metrics")
    mission_id = await create_mission(
        stack,
        {
            "type": "generally_available",
            "goal": {"kind": "event", "event_type": event_type, "count": 1},
            "reward": {"points": 7},
        },
    )
    user = uid("u")
    event_id = uid("e")
    assert (await send(stack, user, event_type, id=event_id))["duplicate"] is False
    assert (await send(stack, user, event_type, id=event_id))["duplicate"] is True
    await eventually(lambda: _paid(stack, user))

    # The activity's own counters move inside it; its timing once it has returned.
    timed = ("questline_activity_duration_seconds_count", {"activity": "complete_journey", "outcome": "ok"})

    async def moved() -> Samples | None:
        after = await scrape(stack)
        done = value(after, "questline_journeys_completed_total") > value(before, "questline_journeys_completed_total")
        return after if done and value(after, timed[0], **timed[1]) > value(before, timed[0], **timed[1]) else None

    after = await eventually(moved)

    def rise(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    # Other tests share the session's stack (and this process's registry): at least, never exactly.
    assert rise("questline_events_accepted_total") >= 1
    assert rise("questline_events_deduplicated_total") >= 1
    assert rise("questline_events_routed_total") >= 1
    assert rise("questline_deliveries_total", kind="event", outcome="ok") >= 1
    assert rise("questline_journeys_completed_total") >= 1
    assert rise("questline_reward_grants_total", kind="points", source="mission") >= 1
    route = {"method": "POST", "route": "/v1/events"}
    assert rise("questline_http_requests_total", **route, status="202") >= 2
    assert rise("questline_http_request_duration_seconds_count", **route) >= 2
    activate = {"method": "POST", "route": "/v1/missions/{mission_id}/activate", "status": "200"}
    assert rise("questline_http_requests_total", **activate) >= 1
    # The session stack's worker is built by worker.build_worker, with the activity interceptor.
    assert rise(timed[0], **timed[1]) >= 1
    assert mission_id not in str(after) and user not in str(after), "ids never become labels"


async def _paid(stack: Stack, user: str) -> bool:
    return await points(stack, user) == 7


async def test_unknown_paths_share_one_label(stack: Stack) -> None:
    before = await scrape(stack)
    path = f"/no/such/{uuid.uuid4().hex}"
    assert (await stack.http.get(path)).status_code == 404
    after = await scrape(stack)
    labels = {"method": "GET", "route": UNMATCHED, "status": "404"}
    assert value(after, "questline_http_requests_total", **labels) > value(
        before, "questline_http_requests_total", **labels
    )
    assert path not in str(after)


async def test_unknown_methods_share_one_label(stack: Stack) -> None:
    before = await scrape(stack)
    assert (await stack.http.request("BREW", "/healthz")).status_code == 405
    after = await scrape(stack)
    labels = {"method": "OTHER", "route": "/healthz", "status": "405"}
    assert value(after, "questline_http_requests_total", **labels) > value(
        before, "questline_http_requests_total", **labels
    )
    assert "BREW" not in str(after)


async def test_request_ids_are_echoed_or_made() -> None:
    app = create_app(Settings(env="test"))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://q.test") as http:
        given = await http.get("/healthz", headers={"X-Request-ID": "abc-123"})
        made = await http.get("/healthz")
        odd = await http.get("/healthz", headers={"X-Request-ID": "not ok\t" + "x" * 100})
    assert given.headers["x-request-id"] == "abc-123"
    assert re.fullmatch(r"[0-9a-f]{32}", made.headers["x-request-id"])
    assert re.fullmatch(r"[0-9a-f]{32}", odd.headers["x-request-id"])


async def test_metrics_token_guards_the_endpoint_and_the_document_leaves_it_out() -> None:
    app = create_app(Settings(env="test", metrics_token="scrape-token-0123456789"))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://q.test") as http:
        anonymous = await http.get("/metrics")
        wrong = await http.get("/metrics", headers={"Authorization": "Bearer nope"})
        right = await http.get("/metrics", headers={"Authorization": "Bearer scrape-token-0123456789"})
    assert anonymous.status_code == wrong.status_code == 401
    assert anonymous.json()["error"]["code"] == "invalid_credentials"
    assert right.status_code == 200
    assert "questline_http_requests_total" in right.text
    assert "/metrics" not in app.openapi()["paths"]


# --- the worker -------------------------------------------------------------------------------------------


@activity.defn(name="metrics_probe")
async def metrics_probe(fail: bool) -> str:
    if fail:
        raise RuntimeError("probe asked to fail")
    return "ok"


@workflow.defn(name="MetricsProbe")
class MetricsProbe:
    @workflow.run
    async def run(self) -> str:
        timeout = timedelta(seconds=10)
        await workflow.execute_activity(metrics_probe, False, start_to_close_timeout=timeout)
        try:
            once = RetryPolicy(maximum_attempts=1)
            await workflow.execute_activity(metrics_probe, True, start_to_close_timeout=timeout, retry_policy=once)
        except ActivityError:
            return "done"
        return "the failing attempt succeeded"


async def test_worker_listener_serves_activity_timings_and_the_sdk_metrics(dev_env: WorkflowEnvironment) -> None:
    sdk_bind = f"127.0.0.1:{free_loopback_port()}"
    client = await Client.connect(dev_env.client.service_client.config.target_host, runtime=sdk_runtime(sdk_bind))
    queue = f"metrics-{uuid.uuid4().hex[:8]}"
    server = MetricsServer("127.0.0.1", 0, sdk_url=f"http://{sdk_bind}/metrics").start()
    try:
        async with Worker(
            client,
            task_queue=queue,
            workflows=[MetricsProbe],
            activities=[metrics_probe],
            workflow_runner=UnsandboxedWorkflowRunner(),
            interceptors=[ActivityMetrics()],
        ):
            result = await client.execute_workflow(MetricsProbe.run, id=uid("probe"), task_queue=queue)
            assert result == "done"
            async with httpx.AsyncClient() as http:

                async def scraped() -> Samples | None:
                    r = await http.get(f"http://127.0.0.1:{server.port}/metrics")
                    assert r.status_code == 200
                    samples = parse(r.text)
                    names = {name for name, _ in samples}
                    return samples if "temporal_workflow_completed_total" in names else None

                samples = await eventually(scraped)
                missing = await http.get(f"http://127.0.0.1:{server.port}/other")
        for outcome in ("ok", "failed"):
            labels = {"activity": "metrics_probe", "outcome": outcome}
            assert value(samples, "questline_activity_duration_seconds_count", **labels) >= 1, outcome
        names = {name for name, _ in samples}
        assert {"temporal_activity_execution_latency_seconds_count", "temporal_request_total"} <= names
        assert missing.status_code == 404
    finally:
        server.close()


async def test_the_listener_still_answers_when_the_sdk_metrics_are_unreachable() -> None:
    server = MetricsServer("127.0.0.1", 0, sdk_url=f"http://127.0.0.1:{free_loopback_port()}/metrics").start()
    try:
        async with httpx.AsyncClient() as http:
            r = await http.get(f"http://127.0.0.1:{server.port}/metrics")
        assert r.status_code == 200
        assert "questline_activity_duration_seconds" in r.text
    finally:
        server.close()

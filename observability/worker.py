"""The worker side: activity timings, the Temporal SDK's own metrics, and the metrics listener.

With `QUESTLINE_WORKER_METRICS_PORT` set, the worker serves `GET /metrics` on that port: the
`questline_*` metrics of this process followed by the SDK's `temporal_*` ones (workflow and
activity task latencies, pollers, the sticky cache, request latencies to the server). The SDK
exports through a Prometheus listener of its own (in its Rust core), bound to a free loopback
port that only this listener reads, so operators scrape one port per worker.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from temporalio import activity
from temporalio.runtime import PrometheusConfig, Runtime, TelemetryConfig
from temporalio.worker import ActivityInboundInterceptor, ExecuteActivityInput, Interceptor

from observability.metrics import ACTIVITY_LATENCY, exposition

log = logging.getLogger("questline.metrics")

#: How long a scrape waits for the SDK's listener before answering without its metrics.
SDK_SCRAPE_TIMEOUT = 2.0


class ActivityMetrics(Interceptor):
    """Times every activity attempt: `questline_activity_duration_seconds{activity, outcome}`."""

    def intercept_activity(self, next: ActivityInboundInterceptor) -> ActivityInboundInterceptor:
        """Wraps the activity's inbound calls."""
        return _TimedActivity(next)


class _TimedActivity(ActivityInboundInterceptor):
    async def execute_activity(self, input: ExecuteActivityInput) -> Any:
        started = time.perf_counter()
        outcome = "failed"
        try:
            result = await super().execute_activity(input)
            outcome = "ok"
            return result
        except asyncio.CancelledError:
            outcome = "cancelled"
            raise
        finally:
            ACTIVITY_LATENCY.labels(activity.info().activity_type, outcome).observe(time.perf_counter() - started)


def free_loopback_port() -> int:
    """A port nobody listens on at 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def sdk_runtime(bind_address: str) -> Runtime:
    """A Temporal runtime whose metrics are served in Prometheus format at `bind_address`.

    Durations are in seconds and counters end in `_total`, like every other Prometheus metric.
    """
    return Runtime(
        telemetry=TelemetryConfig(
            metrics=PrometheusConfig(
                bind_address=bind_address, counters_total_suffix=True, durations_as_seconds=True, unit_suffix=True
            )
        )
    )


class MetricsServer:
    """`GET /metrics` on a port of its own, in a daemon thread (scrapes never touch the event loop)."""

    def __init__(self, host: str, port: int, *, sdk_url: str | None = None) -> None:
        self.sdk_url = sdk_url
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path.split("?", 1)[0] != "/metrics":
                    self.send_error(404)
                    return
                body, content_type = server.render()
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass  # one line per scrape would drown the worker's own log

        self._http = ThreadingHTTPServer((host, port), Handler)
        self._http.daemon_threads = True
        self._thread = threading.Thread(target=self._http.serve_forever, name="metrics", daemon=True)

    @property
    def port(self) -> int:
        """The port it listens on (useful when it was started on port 0)."""
        port: int = self._http.server_address[1]
        return port

    def render(self) -> tuple[bytes, str]:
        """This process's metrics, then the SDK's (left out, with a warning, when they cannot be read)."""
        body, content_type = exposition()
        if self.sdk_url is None:
            return body, content_type
        try:
            with urllib.request.urlopen(self.sdk_url, timeout=SDK_SCRAPE_TIMEOUT) as answer:
                sdk: bytes = answer.read()
        except (urllib.error.URLError, OSError) as exc:
            log.warning("the Temporal SDK's metrics could not be read: %s", exc)
            return body, content_type
        return body + (b"" if body.endswith(b"\n") else b"\n") + sdk, content_type

    def start(self) -> MetricsServer:
        """Starts serving; returns itself."""
        self._thread.start()
        return self

    def close(self) -> None:
        """Stops serving and frees the port."""
        with contextlib.suppress(Exception):
            self._http.shutdown()
        self._http.server_close()


def start_worker_metrics(host: str, port: int) -> MetricsServer:
    """Makes the SDK export its metrics, then serves them with ours on `host:port`.

    Call it before the worker's client connects: the SDK's runtime becomes the process default,
    and only clients created afterwards use it.
    """
    sdk_bind = f"127.0.0.1:{free_loopback_port()}"
    Runtime.set_default(sdk_runtime(sdk_bind))
    server = MetricsServer(host, port, sdk_url=f"http://{sdk_bind}/metrics").start()
    log.info("metrics on http://%s:%d/metrics", host, server.port)
    return server

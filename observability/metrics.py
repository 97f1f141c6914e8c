"""Every `questline_*` metric, in prometheus_client's process-wide registry.

Metrics are process-wide by nature (one registry per process, scraped whole), so they live here at
module level rather than being passed around like clients. Labels are bounded sets only (route
templates, delivery kinds, reward kinds, activity types, outcomes), never a user, mission or
event id. Hot paths touch pre-bound children, so a count costs one locked addition.

Counts follow what committed where that is cheap to know (a completion counts once, on the
attempt that wrote its announcement); others (deliveries, callback attempts) count attempts.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

#: Seconds; from a cached read (~1 ms) to a settling event (up to 1 s) and slow activities.
LATENCY_BUCKETS = (0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

# -- API ------------------------------------------------------------------------------------------

HTTP_REQUESTS = Counter(
    "questline_http_requests",
    "HTTP requests answered, by method, route template and status code.",
    ["method", "route", "status"],
)
HTTP_LATENCY = Histogram(
    "questline_http_request_duration_seconds",
    "Time from a request's arrival to the end of its response, by method and route template.",
    ["method", "route"],
    buckets=LATENCY_BUCKETS,
)
EVENTS_ACCEPTED = Counter("questline_events_accepted", "Events logged with a new id (answered 202).")
EVENTS_DEDUPLICATED = Counter(
    "questline_events_deduplicated", "Events answered `duplicate: true` (an id already logged, or repeated in a batch)."
)

# -- Routing (API and worker) ---------------------------------------------------------------------

#: Routing kinds of `services.routing.Routing`.
DELIVERY_KINDS = ("event", "mission", "tier", "grant", "eligibility", "inbox")
DELIVERIES = Counter(
    "questline_deliveries",
    "Deliveries of logged events to journeys (signals and updates) or inboxes, by kind and outcome.",
    ["kind", "outcome"],
)
EVENTS_ROUTED = Counter(
    "questline_events_routed", "Logged events delivered to every journey they can change (possibly none)."
)
OUTBOX_RELAYED = Counter(
    "questline_outbox_relayed", "Stale unrouted events the outbox relay delivered (a router died or a delivery failed)."
)
OUTBOX_FAILURES = Counter("questline_outbox_failures", "Outbox relay passes that failed and were retried.")
STARTS_RELAYED = Counter(
    "questline_starts_relayed", "Pending workflow starts (mission changes, launches, broadcasts...) a relay made."
)
STARTS_FAILURES = Counter("questline_starts_failures", "Workflow starts that failed and were left for the relay.")

# -- Worker ---------------------------------------------------------------------------------------

JOURNEYS_COMPLETED = Counter("questline_journeys_completed", "Completions recorded (each once, whatever retries).")
COMPLETIONS_REFUSED = Counter(
    "questline_completions_refused", "Completions refused because the mission's budget cap was spent."
)
REWARD_GRANTS = Counter(
    "questline_reward_grants",
    "Rewards written to the ledger, by kind (points, item, direct) and source (mission, quest).",
    ["kind", "source"],
)
CALLBACK_ATTEMPTS = Counter(
    "questline_callback_attempts",
    "Callback delivery attempts by outcome: delivered, refused (non-2xx), unreachable, skipped.",
    ["outcome"],
)
CALLBACKS_FAILED = Counter("questline_callbacks_failed", "Callbacks given up after their retry period (now `failed`).")
ACTIVITY_LATENCY = Histogram(
    "questline_activity_duration_seconds",
    "Run time of one activity attempt in the worker, by activity type and outcome (ok, failed, cancelled).",
    ["activity", "outcome"],
    buckets=LATENCY_BUCKETS,
)

_deliveries = {(k, ok): DELIVERIES.labels(k, "ok" if ok else "failed") for k in DELIVERY_KINDS for ok in (True, False)}


def delivered(kinds_and_outcomes: Iterable[tuple[str, bool]]) -> None:
    """Counts deliveries: (kind, succeeded) pairs."""
    for kind, ok in kinds_and_outcomes:
        child = _deliveries.get((kind, ok))
        (child or DELIVERIES.labels(kind, "ok" if ok else "failed")).inc()


def reward_granted(reward: object, source: str) -> None:
    """Counts one reward written to the ledger (`domain.rewards.Reward`: points, item or direct)."""
    kind = next((k for k in ("points", "item", "direct") if getattr(reward, k, None) is not None), "other")
    REWARD_GRANTS.labels(kind, source).inc()


def exposition() -> tuple[bytes, str]:
    """The text exposition of this process's metrics, and its content type.

    Under a multi-process server (`uvicorn --workers N`) with `PROMETHEUS_MULTIPROC_DIR` set, the
    metrics of every process are aggregated from that directory instead.
    """
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST

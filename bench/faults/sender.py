"""The client side of the fault suite: sends the planned requests as an operator's backend must.

The contract: a POST that fails (connection refused or reset, timeout, 5xx) is sent again,
byte for byte with the same event ids, until it is answered 202. Each answer is checked: a
first-time event is new (unless an earlier attempt of the same request may have been logged), a
resend or an in-batch repeat is a duplicate.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

from bench.faults.cluster import SuiteError
from bench.faults.workload import Request


@dataclass
class SendStats:
    """What the senders did."""

    requests: int = 0
    singles: int = 0
    batches: int = 0
    #: Event entries answered 202 (resends and in-batch repeats included).
    entries: int = 0
    acknowledged: set[str] = field(default_factory=set)
    resends: int = 0
    repeats: int = 0
    #: Failed attempts that were sent again, by cause.
    retries: Counter[str] = field(default_factory=Counter)
    #: Events of a retried request that the retry found already logged (the failed attempt had
    #: committed them before the answer was lost).
    logged_before_retry: int = 0
    #: Answers that contradict the dedupe contract (each one a product bug).
    violations: list[str] = field(default_factory=list)
    seconds: float = 0.0
    #: Per event id, when (monotonic) the first attempt of the first request carrying it started,
    #: and when its first 202 came back: an event sent after the 202 of an unlock's cause must count.
    first_sent: dict[str, float] = field(default_factory=dict)
    acked_at: dict[str, float] = field(default_factory=dict)


class Sender:
    """`concurrency` closed-loop senders working through the requests in order."""

    def __init__(
        self,
        base_url: str,
        client_key: str,
        *,
        concurrency: int,
        rng: random.Random,
        give_up_after: float = 300.0,
        say: Callable[[str], None] = print,
    ) -> None:
        self.http = httpx.AsyncClient(
            base_url=base_url,
            headers={"Authorization": f"Bearer {client_key}"},
            # A single event waits up to 1 s for its journeys; Temporal calls retry for ~10 s
            # while the server is down before the API gives up and leaves the event to the relay.
            timeout=httpx.Timeout(30.0, connect=3.0),
            limits=httpx.Limits(max_connections=concurrency * 2, max_keepalive_connections=concurrency),
        )
        self.concurrency = concurrency
        self.rng = rng
        self.give_up_after = give_up_after
        self.say = say
        self.stats = SendStats()
        self._acked: dict[str, asyncio.Event] = {}

    async def close(self) -> None:
        """Closes the HTTP client."""
        await self.http.aclose()

    def _ack_event(self, event_id: str) -> asyncio.Event:
        return self._acked.setdefault(event_id, asyncio.Event())

    async def run(self, requests: Sequence[Request], progress_every: float = 30.0) -> SendStats:
        """Sends every request (retrying each until 202); returns the stats."""
        todo = iter(requests)
        total = len({e.event.id for r in requests for e in r.entries})
        started = time.monotonic()

        async def worker() -> None:
            for request in todo:
                await self.send(request)

        async def report() -> None:
            while True:
                await asyncio.sleep(progress_every)
                s = self.stats
                elapsed = time.monotonic() - started
                self.say(
                    f"  sending: {len(s.acknowledged)}/{total} events accepted in {elapsed:.0f} s "
                    f"({len(s.acknowledged) / max(elapsed, 1e-9):.0f}/s), {sum(s.retries.values())} retries"
                )

        reporter = asyncio.create_task(report())
        try:
            await asyncio.gather(*(worker() for _ in range(self.concurrency)))
        finally:
            reporter.cancel()
            await asyncio.gather(reporter, return_exceptions=True)
        self.stats.seconds = time.monotonic() - started
        return self.stats

    async def send(self, request: Request) -> None:
        """One request until it is answered 202; then checks and records the answer."""
        # A resend must follow its original's 202, or "duplicate" would not be guaranteed.
        for entry in request.entries:
            if entry.resend:
                await self._ack_event(entry.event.id).wait()
        body = request.body()
        failing_since: float | None = None
        started = time.monotonic()
        for entry in request.entries:
            self.stats.first_sent.setdefault(entry.event.id, started)
        while True:
            cause = await self._attempt(request, body)
            if cause is None:
                break
            self.stats.retries[cause] += 1
            request.retries += 1
            now = time.monotonic()
            failing_since = failing_since or now
            if now - failing_since > self.give_up_after:
                raise SuiteError(f"POST {request.path} failed for {self.give_up_after:.0f} s (last: {cause})")
            await asyncio.sleep(min(2.0, 0.1 * 2 ** min(request.retries, 5)) * self.rng.uniform(0.5, 1.5))

    async def _attempt(self, request: Request, body: dict[str, Any]) -> str | None:
        """None when answered 202 (and recorded), else the cause of the failure."""
        try:
            r = await self.http.post(request.path, json=body)
        except httpx.TimeoutException:
            return "timeout"
        except httpx.ConnectError:
            return "refused"
        except httpx.TransportError:
            return "connection lost"
        if r.status_code >= 500:
            return f"http {r.status_code}"
        if r.status_code != 202:
            raise SuiteError(f"POST {request.path} answered {r.status_code}: {r.text[:500]}")
        answered = time.monotonic()
        answer = r.json()
        results = answer["results"] if request.batch else [answer]
        self._record(request, results, answered)
        return None

    def _record(self, request: Request, results: list[dict[str, Any]], answered: float) -> None:
        s = self.stats
        s.requests += 1
        if request.batch:
            s.batches += 1
        else:
            s.singles += 1
        if len(results) != len(request.entries):
            s.violations.append(f"{request.path}: {len(results)} results for {len(request.entries)} events")
            return
        for entry, result in zip(request.entries, results, strict=True):
            event_id = entry.event.id
            duplicate = result.get("duplicate")
            s.entries += 1
            if result.get("id") != event_id:
                s.violations.append(f"{event_id}: answered for id {result.get('id')!r}")
            if entry.resend or entry.repeat:
                s.resends += entry.resend
                s.repeats += entry.repeat
                if duplicate is not True:
                    what = "resent after its 202" if entry.resend else "repeated in its batch"
                    s.violations.append(f"{event_id}: {what}, yet answered duplicate={duplicate!r}")
            elif duplicate is True:
                if request.retries == 0:
                    s.violations.append(f"{event_id}: sent for the first time, yet answered duplicate=true")
                else:
                    s.logged_before_retry += 1
            s.acknowledged.add(event_id)
            s.acked_at.setdefault(event_id, answered)
            self._ack_event(event_id).set()

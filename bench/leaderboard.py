"""Leaderboard reads at scale: `python bench/leaderboard.py [--users N] [--requests R]`.

Starts an embedded PostgreSQL in a temporary directory, migrates it, COPYs ledger rows for N users
(default 1,000,000; one to three grants each this week, skewed points so a few hold many), then
defines two leaderboards through the API — points this week (UTC) and all time — which fills their
standings from the ledger (timed), and measures through the real API (the FastAPI app in this
process over ASGI, auth and JSON included):

- top-100: `GET /v1/leaderboards/{id}/standings?limit=100`
- rank-around: `GET /v1/leaderboards/{id}/standings?around=<random user>&limit=5` (the user's rank
  and five either side)
- the widget's `GET /v1/me/leaderboards/{id}` (top 10 and the user's rank with two either side)

and prints p50/p95 of each next to the 20 ms target. No Temporal is needed for these reads.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import logging

import httpx

from api.app import create_app
from api.auth import issue_token
from db.engine import create_engine
from db.migrate import upgrade
from devstack.postgres import embedded_postgres
from services import leaderboards as service
from settings import Settings

TARGET_MS = 20.0
ADMIN, CLIENT, SECRET = "bench-admin-key", "bench-client-key", "bench-token-secret-0123456789abcdef"


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--users", type=int, default=1_000_000, help="users holding points (default 1,000,000)")
    p.add_argument("--requests", type=int, default=300, help="timed requests of each kind (default 300)")
    return p.parse_args(argv)


async def seed(url: str, users: int) -> int:
    """COPYs one to three grants per user since this week's Monday (UTC); returns the rows written.

    The leaderboards' trigger is off meanwhile: no leaderboard exists yet, so it would do nothing."""
    now = datetime.now(UTC).replace(microsecond=0)
    monday = datetime.combine((now - timedelta(days=now.weekday())).date(), datetime.min.time(), tzinfo=UTC)
    span = max(int((now - monday).total_seconds()) - 1, 60)
    rng = random.Random(17)
    engine = create_engine(url)
    rows = 0
    try:
        async with engine.begin() as conn:
            raw = await conn.get_raw_connection()
            driver: Any = raw.driver_connection
            await driver.execute("ALTER TABLE ledger DISABLE TRIGGER leaderboards_on_ledger")
            async with (
                driver.cursor() as cur,
                cur.copy("COPY ledger (user_id, kind, points, idempotency_key, created_at) FROM STDIN") as cp,
            ):
                chunk = 100_000
                for base in range(0, users, chunk):
                    buf = io.StringIO()
                    for u in range(base, min(users, base + chunk)):
                        for g in range(1 + int(rng.random() ** 3 * 3)):
                            points = 1 + int(5_000 * rng.random() ** 4)
                            at = (monday + timedelta(seconds=rng.randrange(span))).isoformat()
                            buf.write(f"u{u}\tpoints\t{points}\tk{u}-{g}\t{at}\n")
                            rows += 1
                    await cp.write(buf.getvalue())
            await driver.execute("ALTER TABLE ledger ENABLE TRIGGER leaderboards_on_ledger")
        await _vacuum(url, "ledger")
    finally:
        await engine.dispose()
    return rows


async def _vacuum(url: str, *tables: str) -> None:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            await conn.execution_options(isolation_level="AUTOCOMMIT")
            raw = await conn.get_raw_connection()
            driver: Any = raw.driver_connection
            for table in tables:
                await driver.execute(f"VACUUM ANALYZE {table}")
    finally:
        await engine.dispose()


def _pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def _time(http: httpx.AsyncClient, requests: list[tuple[str, dict[str, Any], dict[str, str]]]) -> list[float]:
    out = []
    for path, params, headers in requests:
        t = time.perf_counter()
        r = await http.get(path, params=params, headers=headers)
        out.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, r.text
    return out


def _report(name: str, samples: list[float]) -> None:
    p50, p95 = statistics.median(samples), _pct(samples, 0.95)
    verdict = "ok" if p95 < TARGET_MS else "OVER"
    print(f"  {name:<44} p50 {p50:6.2f} ms   p95 {p95:6.2f} ms   (target p95 < {TARGET_MS:.0f} ms: {verdict})")


async def main_async(args: argparse.Namespace) -> int:
    logging.getLogger("httpx").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="bench-leaderboard-") as tmp, embedded_postgres(Path(tmp) / "pg") as url:
        upgrade(url)
        t0 = time.perf_counter()
        rows = await seed(url, args.users)
        print(f"seeded {rows:,} ledger rows of {args.users:,} users (COPY) in {time.perf_counter() - t0:.1f} s")
        settings = Settings(
            env="test",
            admin_key=ADMIN,
            client_key=CLIENT,
            token_secret=SECRET,
            database_url=url,
            temporal_address="127.0.0.1:1",
            data_dir=Path(tmp) / "data",
        )
        app = create_app(settings)
        admin = {"Authorization": f"Bearer {ADMIN}"}
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench", timeout=600) as http,
        ):
            boards = {}
            for period in ("week", "all"):
                t = time.perf_counter()
                r = await http.post(
                    "/v1/leaderboards", json={"name": f"points {period}", "period": period}, headers=admin
                )
                assert r.status_code == 201, r.text
                boards[period] = r.json()["id"]
                print(
                    f"defined the {period} leaderboard (standings filled from the ledger)"
                    f" in {time.perf_counter() - t:.1f} s"
                )
            await _vacuum(url, "leaderboard_standings", "leaderboard_score_counts")
            rng = random.Random(18)
            n = args.requests
            for period, board in boards.items():
                first = (
                    await http.get(f"/v1/leaderboards/{board}/standings", params={"limit": 1}, headers=admin)
                ).json()
                print(f"{period} leaderboard: {first['total']:,} users ranked, leader {first['entries'][0]}")
                path = f"/v1/leaderboards/{board}/standings"
                await _time(http, [(path, {"limit": 100}, admin)] * 20)  # warm-up
                top = await _time(http, [(path, {"limit": 100}, admin)] * n)
                users = [f"u{rng.randrange(args.users)}" for _ in range(n)]
                around = await _time(http, [(path, {"around": u, "limit": 5}, admin) for u in users])
                me: list[tuple[str, dict[str, Any], dict[str, str]]] = []
                for u in users:
                    token, _ = issue_token(SECRET, u, timedelta(minutes=15))
                    me.append((f"/v1/me/leaderboards/{board}", {}, {"Authorization": f"Bearer {token}"}))
                widget = await _time(http, me)
                base = await _time(http, [("/v1/tiers", {}, admin)] * n)
                engine = create_engine(url)
                sql_top, sql_around = [], []
                async with engine.connect() as conn:
                    for u in users:
                        t = time.perf_counter()
                        await service.standings(conn, board, limit=100, around=None, period=None)
                        sql_top.append((time.perf_counter() - t) * 1000)
                        t = time.perf_counter()
                        await service.standings(conn, board, limit=5, around=u, period=None)
                        sql_around.append((time.perf_counter() - t) * 1000)
                await engine.dispose()
                _report(f"{period}: top-100", top)
                _report(f"{period}: rank-around (rank + 5 either side)", around)
                _report(f"{period}: widget /v1/me (top 10 + rank + 2 around)", widget)
                _report(f"{period}: service only, top-100 (no HTTP)", sql_top)
                _report(f"{period}: service only, rank-around (no HTTP)", sql_around)
                _report("baseline: GET /v1/tiers (one tiny query)", base)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    return asyncio.run(main_async(parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())

"""The read side at scale (issue 19): `python bench/scale_data.py [--users N] [--missions M] [flags]`.

Starts an embedded PostgreSQL in a temporary directory, migrates it (`db.migrate.upgrade`), creates
a few template missions, tiers and a static segment through the real API (so their rows are what
the services write), then seeds PostgreSQL directly with COPY:

- `--users` users (default 1,000,000) with attributes, joined_at and a time zone;
- `--missions` live missions (default 1,000): clones of the templates' rows (spec JSON, revision
  row) with new ids and names, so the catalogue loads them as it loads any active mission;
- `--enrolments` journeys (default 10M): each user in a run of distinct missions, `state` a real
  `domain.journey.Journey` dump (available, opted in with progress, completed);
- `--events` events (default 10M) over 60 days, routed; `--ledger` ledger lines (default 5M), of
  which `--heavy` (default 100,000) belong to one user (`u0`, the wallet target);
- `--submissions` proofs of the manual missions and `--callbacks` deliveries (default 200,000
  each), and the static segment's members (`--members`, default 100,000).

The seed runs with triggers off (`session_replication_role = replica`: no foreign-key checks, no
ledger triggers) and without the big tables' secondary indexes and keys: their definitions are read
from the catalog after the migration, dropped, and created again after the COPY, exactly as the
migrations made them. `ledger_balances` is then filled as migration 0024 fills it (no leaderboard
exists, so the leaderboards' trigger would have had nothing to do). Then VACUUM ANALYZE.

Measured through the real API (the FastAPI app in this process over ASGI; no Temporal is needed
for reads), p50/p95 printed next to each target:

- a user's mission list `GET /v1/users/{id}/missions` (< 25 ms) and one mission's view (< 10 ms);
- the wallet of `u0` (100k ledger lines) and of random users (< 20 ms);
- admin lists, first page and a later keyset page (< 50 ms): missions, submissions (all, and
  `?status=pending`), callbacks, a segment's members;
- a rule segment (`points_at_least`) over every user computed by `services.audience.sweep_segment`
  (< 30 s), from empty and again with nothing to change;
- and the baseline `GET /v1/tiers` (one tiny query).

`--small` runs 1% of every size (a smoke run of about a minute).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from psycopg.errors import QueryCanceled
from sqlalchemy import event as sa_event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from api.app import create_app
from db.engine import create_engine
from db.migrate import upgrade
from devstack.postgres import embedded_postgres
from domain.journey import Journey
from domain.segment_rules import SegmentRule
from services import audience
from settings import Settings

ADMIN, CLIENT, SECRET = "bench-admin-key", "bench-client-key", "bench-token-secret-0123456789abcdef"
NOW = datetime.now(UTC).replace(microsecond=0)
DAYS = 60
COUNTRIES = ["FR", "DE", "US", "GB", "ES", "IT", "BR", "JP", "IN", "NL"]
PLANS = ["free", "free", "free", "plus", "pro"]
ZONES = ["UTC", "Europe/Paris", "America/New_York", "Asia/Tokyo", "\\N"]
EVENT_TYPES = ["play", "deposit", "login", "share", "visit"]

#: Tables COPY fills, whose secondary indexes and keys are built after the load.
BIG_TABLES = ("users", "enrolments", "events", "ledger", "submissions", "callbacks", "segment_members")


# --- arguments -----------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--users", type=int, default=1_000_000, help="users (default 1,000,000)")
    p.add_argument("--missions", type=int, default=1_000, help="live missions (default 1,000)")
    p.add_argument("--enrolments", type=int, default=10_000_000, help="journeys (default 10M)")
    p.add_argument("--events", type=int, default=10_000_000, help="logged events (default 10M)")
    p.add_argument("--ledger", type=int, default=5_000_000, help="ledger lines (default 5M)")
    p.add_argument("--heavy", type=int, default=100_000, help="ledger lines of user u0 (default 100,000)")
    p.add_argument("--submissions", type=int, default=200_000, help="proof submissions (default 200,000)")
    p.add_argument("--callbacks", type=int, default=200_000, help="callbacks (default 200,000)")
    p.add_argument("--members", type=int, default=100_000, help="members of the static segment (default 100,000)")
    p.add_argument("--requests", type=int, default=200, help="timed requests of each kind (default 200)")
    p.add_argument("--small", action="store_true", help="1%% of every size (a smoke run)")
    p.add_argument("--seed", type=int, default=19, help="random seed (default 19)")
    p.add_argument(
        "--sweep-limit",
        type=float,
        default=180,
        help="seconds each statement of the segment sweep may run (default 180)",
    )
    p.add_argument(
        "--explain",
        action="store_true",
        help="EXPLAIN ANALYZE the statements of one request of each kind, after the timing",
    )
    args = p.parse_args(argv)
    if args.small:
        for name in ("users", "enrolments", "events", "ledger", "heavy", "submissions", "callbacks", "members"):
            setattr(args, name, max(1, getattr(args, name) // 100))
        args.missions = max(10, args.missions // 100)
    args.enrolments = min(args.enrolments, args.users * args.missions)
    args.members = min(args.members, args.users)
    args.heavy = min(args.heavy, args.ledger)
    return args


# --- the templates, through the API --------------------------------------------------------------

MANUAL = {"kind": "manual", "proof": ["text"], "approval": {"mode": "manual"}}


@dataclass(frozen=True)
class Template:
    """A mission made through the API whose row is cloned; `share` of the live missions are its clones."""

    key: str
    spec: dict[str, Any]
    share: float
    goal: int  # the count that completes it (0: a manual goal)
    opt_in: bool = False


def templates(segment_id: str) -> list[Template]:
    def event(et: str, count: int) -> dict[str, Any]:
        return {"kind": "event", "event_type": et, "count": count}

    return [
        Template(
            "count", {"type": "generally_available", "goal": event("play", 10), "reward": {"points": 10}}, 0.40, 10
        ),
        Template(
            "opt_in",
            {"type": "generally_available", "opt_in": True, "goal": event("deposit", 5), "reward": {"points": 20}},
            0.20,
            5,
            opt_in=True,
        ),
        Template(
            "daily",
            {"type": "recurring", "recurrence": {"every": "day"}, "goal": event("login", 1), "reward": {"points": 5}},
            0.15,
            1,
        ),
        Template(
            "manual",
            {
                "type": "generally_available",
                "goal": MANUAL,
                "reward": {"points": 50},
                "callback_url": "http://127.0.0.1:9/callbacks",
            },
            0.05,
            0,
        ),
        Template(
            "segment",
            {"type": "generally_available", "segments": [segment_id], "goal": event("share", 3)},
            0.10,
            3,
        ),
        Template("tier", {"type": "generally_available", "tiers": ["silver"], "goal": event("visit", 2)}, 0.10, 2),
    ]


async def make_templates(http: httpx.AsyncClient) -> tuple[dict[str, str], Sequence[Template], str]:
    """Tiers, the static segment and one active mission per template, through the API."""
    admin = {"Authorization": f"Bearer {ADMIN}"}
    tiers = {"tiers": [{"name": "bronze", "min_points": 100}, {"name": "silver", "min_points": 1000}]}
    r = await http.put("/v1/tiers", json=tiers, headers=admin)
    assert r.status_code == 200, r.text
    r = await http.post("/v1/segments", json={"name": "vip"}, headers=admin)
    assert r.status_code == 201, r.text
    segment_id = r.json()["id"]
    made = {}
    chosen = templates(segment_id)
    for t in chosen:
        r = await http.post("/v1/missions", json={"name": f"template {t.key}", **t.spec}, headers=admin)
        assert r.status_code == 201, r.text
        mission_id = r.json()["id"]
        r = await http.post(f"/v1/missions/{mission_id}/activate", json={"force": True}, headers=admin)
        assert r.status_code == 200, r.text
        made[t.key] = mission_id
    return made, chosen, segment_id


# --- seeding -------------------------------------------------------------------------------------


async def _driver(conn: Any) -> Any:
    raw = await conn.get_raw_connection()
    return raw.driver_connection


async def clone_missions(
    url: str, made: dict[str, str], chosen: Sequence[Template], count: int
) -> list[tuple[str, str]]:
    """Clones the templates' mission and revision rows to `count` live missions (the templates
    included); returns (mission id, template key) of each, and bumps the catalogue version."""
    plan: list[tuple[str, str]] = [(mid, key) for key, mid in made.items()]
    # Each template's clones follow its share (the largest share takes what rounding leaves).
    wanted = {t.key: max(0, round(t.share * count) - 1) for t in chosen}
    biggest = max(chosen, key=lambda t: t.share).key
    wanted[biggest] += max(0, count - len(plan) - sum(wanted.values()))
    n = 0
    for key, k in wanted.items():
        for _ in range(k):
            if len(plan) >= count:
                break
            plan.append((f"mis_bench{n:027x}", key))
            n += 1
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            driver = await _driver(conn)
            async with driver.cursor() as cur:
                rows = [
                    (new, made[key], f"{key} mission {i}")
                    for i, (new, key) in enumerate(plan)
                    if new not in made.values()
                ]
                for new, source, name in rows:
                    await cur.execute(
                        "INSERT INTO missions (id, status, revision, name, type, event_type, category_id, quest_id,"
                        " spec, created_at, updated_at, activated_at, owner_user_id)"
                        " SELECT %s, status, revision, %s, type, event_type, category_id, quest_id,"
                        " jsonb_set(spec, '{name}', to_jsonb(%s::text)), now(), now(), activated_at, owner_user_id"
                        " FROM missions WHERE id = %s",
                        (new, name, name, source),
                    )
                    await cur.execute(
                        "INSERT INTO mission_revisions (mission_id, revision, spec, created_at)"
                        " SELECT %s, revision, jsonb_set(spec, '{name}', to_jsonb(%s::text)), created_at"
                        " FROM mission_revisions WHERE mission_id = %s",
                        (new, name, source),
                    )
                # Live for a month: a daily mission's cycles have begun (its first opens at the first
                # reset after the activation), and every journey's facts come after the activation.
                await cur.execute(
                    "UPDATE missions SET activated_at = %s WHERE status = 'active'", (NOW - timedelta(days=30),)
                )
                await cur.execute("UPDATE catalogue_version SET version = version + 1")
    finally:
        await engine.dispose()
    return plan


@dataclass
class Keys:
    """What a big table's load drops and builds again: its indexes and its keys."""

    table: str
    indexes: list[tuple[str, str]]  # (name, CREATE INDEX ...)
    constraints: list[tuple[str, str]]  # (name, definition)


async def drop_keys(driver: Any, table: str) -> Keys:
    """Drops the table's primary/unique keys and other indexes (kept: their exact definitions)."""
    cur = await driver.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE conrelid = %s::regclass AND contype IN ('p', 'u')",
        (table,),
    )
    constraints = list(await cur.fetchall())
    owned = {c for c, _ in constraints}
    cur = await driver.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = %s", (table,)
    )
    indexes = [(n, d) for n, d in await cur.fetchall() if n not in owned]
    for name, _ in indexes:
        await driver.execute(f'DROP INDEX "{name}"')
    for name, _ in constraints:
        await driver.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    return Keys(table, indexes, constraints)


async def build_keys(driver: Any, keys: Keys) -> None:
    for name, definition in keys.constraints:
        await driver.execute(f'ALTER TABLE {keys.table} ADD CONSTRAINT "{name}" {definition}')
    for _, definition in keys.indexes:
        await driver.execute(definition)


async def copy_rows(driver: Any, sql: str, rows: Iterator[str], chunk: int = 50_000) -> int:
    """COPYs text-format lines (tab separated, newline ended) in chunks; returns how many."""
    n = 0
    async with driver.cursor() as cur, cur.copy(sql) as cp:
        buf: list[str] = []
        for line in rows:
            buf.append(line)
            if len(buf) >= chunk:
                await cp.write("".join(buf))
                n += len(buf)
                buf.clear()
        if buf:
            await cp.write("".join(buf))
            n += len(buf)
    return n


def _ts(seconds_ago: float) -> str:
    return (NOW - timedelta(seconds=seconds_ago)).isoformat()


def journey_template(opt_in: bool, done: bool, manual: bool) -> str:
    """A `Journey` dump (as `db.enrolments.save` writes it) with %s for mission, user, progress, version."""
    at = NOW - timedelta(days=3)
    j = Journey(
        mission_id="MSENTINEL",
        user_id="USENTINEL",
        progress=Decimal(777777),
        completions=1 if done else 0,
        opted_in_at=at if opt_in else None,
        completed_at=at + timedelta(days=1) if done else None,
        version=888888,
    )
    text = json.dumps(j.model_dump(mode="json"), separators=(",", ":"))
    assert "%" not in text and "\\" not in text and "\t" not in text
    text = text.replace('"MSENTINEL"', '"%s"').replace('"USENTINEL"', '"%s"')
    text = text.replace('"progress":"777777"', '"progress":"%s"').replace('"version":888888', '"version":%s')
    if manual:
        text = text.replace('"progress":"%s"', '"progress":"0%.0s"')
    return text


def user_rows(users: int, rng: random.Random) -> Iterator[str]:
    for u in range(users):
        attrs = (
            f'{{"country":"{rng.choice(COUNTRIES)}","plan":"{rng.choice(PLANS)}",'
            f'"age":{18 + int(rng.random() * 60)},"newsletter":{"true" if rng.random() < 0.3 else "false"}}}'
        )
        joined = _ts(86_400 * 400 * rng.random())
        yield f"u{u}\t{attrs}\t{joined}\t{rng.choice(ZONES)}\t{joined}\n"


def enrolment_rows(
    users: int, total: int, plan: Sequence[tuple[str, str]], by_key: dict[str, Template], rng: random.Random
) -> Iterator[str]:
    """`total` journeys: user u in a run of distinct missions (run lengths averaging total/users)."""
    m = len(plan)
    per = total / users
    kinds = []
    for mid, key in plan:
        t = by_key[key]
        manual = t.goal == 0
        open_status = "opted_in" if t.opt_in else "available"
        kinds.append(
            (
                mid,
                max(t.goal, 1),
                manual,
                journey_template(t.opt_in, False, manual),
                open_status,
                journey_template(t.opt_in, True, manual),
            )
        )
    written = 0
    random_ = rng.random
    for u in range(users):
        left = total - written
        if left <= 0:
            return
        k = min(m, left, int(per * (u + 1)) - int(per * u))
        start = int(random_() * m)
        uid = f"u{u}"
        for j in range(k):
            mid, goal, manual, open_t, open_status, done_t = kinds[(start + j) % m]
            r = random_()
            version = 1 + int(r * 20)
            if r < 0.3 and not manual:
                state, status, progress, completions = done_t % (mid, uid, goal, version), "completed", goal, 1
            else:
                progress = 0 if manual else int(random_() * goal)
                state, status, completions = open_t % (mid, uid, progress, version), open_status, 0
            yield f"{mid}\t{uid}\tenrolment:{mid}:{uid}\t{status}\t1\t{state}\t{version}\t{completions}\t0\n"
        written += k


def event_rows(events: int, users: int, rng: random.Random) -> Iterator[str]:
    span = 86_400 * DAYS
    random_ = rng.random
    for n in range(events):
        u = int(users * random_() ** 2)  # skewed: low ids are the active ones
        at = _ts(span * (1 - n / events))  # received in id order, oldest first
        yield f"ev{n}\tu{u}\t{EVENT_TYPES[n % 5]}\t{1 + int(random_() * 50)}\t{{}}\t{at}\t{at}\t{{}}\t{at}\n"


def ledger_rows(lines: int, heavy: int, users: int, mission_ids: Sequence[str], rng: random.Random) -> Iterator[str]:
    span = 86_400 * DAYS
    random_ = rng.random
    m = len(mission_ids)
    for n in range(lines):
        u = (
            0
            if n % max(1, lines // heavy) == 0 and n // max(1, lines // heavy) < heavy
            else 1 + int((users - 1) * random_())
        )
        at = _ts(span * (1 - n / lines))
        if n % 50 == 7 or (u == 0 and n % 50_000 == 0):
            yield f"u{u}\titem\t0\tbench-item\t\\N\t\\N\tk{n}\t{at}\n"
        else:
            points = 1 + int(100 * random_() ** 3)
            yield f"u{u}\tpoints\t{points}\t\\N\t\\N\t{mission_ids[int(m * random_())]}\tk{n}\t{at}\n"


def submission_rows(count: int, users: int, manual: Sequence[str], rng: random.Random) -> Iterator[str]:
    span = 86_400 * DAYS
    for n in range(count):
        at = _ts(span * (1 - n / count))
        r = rng.random()
        status = "pending" if r < 0.3 else "approved" if r < 0.8 else "declined"
        decided = "\\N" if status == "pending" else at
        feedback = "not quite" if status == "declined" else "\\N"
        proof = f'{{"kind":"text","value":"I did it, number {n}"}}'
        user = f"u{int(users * rng.random())}"
        yield f"sub_bench{n:023x}\t{manual[n % len(manual)]}\t{user}\t{proof}\t{status}\t{feedback}\t{at}\t{decided}\n"


def callback_rows(count: int, users: int, manual: Sequence[str], rng: random.Random) -> Iterator[str]:
    span = 86_400 * DAYS
    for n in range(count):
        at = _ts(span * (1 - n / count))
        mid = manual[n % len(manual)]
        cid = f"cb_bench{n:024x}"
        user = f"u{int(users * rng.random())}"
        payload = (
            f'{{"id":"{cid}","type":"mission.completed","created_at":"{at}",'
            f'"data":{{"mission_id":"{mid}","user_id":"{user}","completion":1}}}}'
        )
        r = rng.random()
        status, delivered, failed, last = (
            ("delivered", at, "\\N", "200")
            if r < 0.9
            else ("failed", "\\N", at, "500")
            if r < 0.97
            else ("pending", "\\N", "\\N", "\\N")
        )
        attempts = 1 if status == "delivered" else 5
        error = "HTTP 500" if status == "failed" else "\\N"
        yield (
            f"{cid}\tmission.completed\t{mid}\thttp://127.0.0.1:9/callbacks\t{payload}\t{status}\t{attempts}\t0"
            f"\t{error}\t{last}\t{at}\t{at}\t{delivered}\t{failed}\n"
        )


def member_rows(segment_id: str, members: int, users: int) -> Iterator[str]:
    step = max(1, users // members)
    for n in range(members):
        yield f"{segment_id}\tu{n * step}\t{_ts(3600)}\n"


async def seed(
    url: str, args: argparse.Namespace, plan: Sequence[tuple[str, str]], chosen: Sequence[Template], segment_id: str
) -> dict[str, float]:
    """COPYs every table (triggers and big indexes off), builds the indexes, fills the balances."""
    rng = random.Random(args.seed)
    by_key = {t.key: t for t in chosen}
    manual = [mid for mid, key in plan if by_key[key].goal == 0]
    mission_ids = [mid for mid, _ in plan]
    times: dict[str, float] = {}
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            await conn.execution_options(isolation_level="AUTOCOMMIT")
            driver = await _driver(conn)
            await driver.execute("SET session_replication_role = replica")  # no triggers, no FK checks
            await driver.execute("SET maintenance_work_mem = '1GB'")
            cur = await driver.execute(
                "SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE NOT tgisinternal"
                " AND tgrelid::regclass::text = ANY(%s)",
                (list(BIG_TABLES),),
            )
            triggers = sorted(f"{t}.{n}" for t, n in await cur.fetchall())
            print(f"  triggers off during the seed: {', '.join(triggers) or 'none'}")
            tables = list(BIG_TABLES)
            # The event log may be partitioned by month (migration 0025): make the months it spans.
            if (await (await driver.execute("SELECT to_regproc('events_ensure_partition')")).fetchone())[0]:
                await driver.execute(
                    "SELECT events_ensure_partition(m::date) FROM generate_series("
                    "date_trunc('month', %s::timestamptz AT TIME ZONE 'UTC'), %s::timestamptz AT TIME ZONE 'UTC',"
                    " interval '1 month') m",
                    (NOW - timedelta(days=DAYS + 1), NOW),
                )
            # ... and its dedupe kept apart, one id per logged event (`event_ids`).
            with_ids = (await (await driver.execute("SELECT to_regclass('event_ids')")).fetchone())[0] is not None
            if with_ids:
                tables.append("event_ids")
            keys = {}
            for table in tables:
                keys[table] = await drop_keys(driver, table)

            loads: list[tuple[str, str, Callable[[], Iterator[str]]]] = [
                (
                    "users",
                    "COPY users (id, attributes, joined_at, time_zone, created_at) FROM STDIN",
                    lambda: user_rows(args.users, rng),
                ),
                (
                    "enrolments",
                    "COPY enrolments (mission_id, user_id, workflow_id, status, revision, state, version,"
                    " completions, cycle) FROM STDIN",
                    lambda: enrolment_rows(args.users, args.enrolments, plan, by_key, rng),
                ),
                (
                    "events",
                    "COPY events (id, user_id, type, value, tags, occurred_at, received_at, attributes, routed_at)"
                    " FROM STDIN",
                    lambda: event_rows(args.events, args.users, rng),
                ),
                (
                    "ledger",
                    "COPY ledger (user_id, kind, points, item_id, label, mission_id, idempotency_key, created_at)"
                    " FROM STDIN",
                    lambda: ledger_rows(args.ledger, args.heavy, args.users, mission_ids, rng),
                ),
                (
                    "submissions",
                    "COPY submissions (id, mission_id, user_id, proof, status, feedback, created_at, decided_at)"
                    " FROM STDIN",
                    lambda: submission_rows(args.submissions, args.users, manual, rng),
                ),
                (
                    "callbacks",
                    "COPY callbacks (id, type, mission_id, url, payload, status, attempts, retries, last_error,"
                    " last_status, created_at, last_attempt_at, delivered_at, failed_at) FROM STDIN",
                    lambda: callback_rows(args.callbacks, args.users, manual, rng),
                ),
                (
                    "segment_members",
                    "COPY segment_members (segment_id, user_id, entered_at) FROM STDIN",
                    lambda: member_rows(segment_id, args.members, args.users),
                ),
            ]
            if with_ids:
                loads.insert(
                    3,
                    (
                        "event_ids",
                        "COPY event_ids (id, received_at) FROM STDIN",
                        lambda: (f"ev{n}\t{_ts(86_400 * DAYS * (1 - n / args.events))}\n" for n in range(args.events)),
                    ),
                )
            for table, sql, rows in loads:
                t = time.perf_counter()
                n = await copy_rows(driver, sql, rows())
                copied = time.perf_counter() - t
                t = time.perf_counter()
                await build_keys(driver, keys[table])
                built = time.perf_counter() - t
                times[f"{table} COPY"] = copied
                times[f"{table} indexes"] = built
                print(
                    f"  {table:<16} {n:>11,} rows   COPY {copied:6.1f} s ({n / max(copied, 1e-9):>9,.0f} rows/s)"
                    f"   {len(keys[table].indexes) + len(keys[table].constraints)} indexes/keys {built:6.1f} s"
                )
            t = time.perf_counter()
            # Exactly as migration 0024 fills it.
            await driver.execute(
                "INSERT INTO ledger_balances (user_id, points, lines)"
                " SELECT user_id, sum(points), count(*) FROM ledger GROUP BY user_id"
            )
            await driver.execute(
                "INSERT INTO items (id, name) VALUES ('bench-item', 'bench item') ON CONFLICT DO NOTHING"
            )
            times["ledger_balances"] = time.perf_counter() - t
            print(f"  ledger_balances filled from the ledger (as migration 0024) in {times['ledger_balances']:.1f} s")
            await driver.execute("RESET session_replication_role")
            t = time.perf_counter()
            await driver.execute("VACUUM ANALYZE")
            times["vacuum analyze"] = time.perf_counter() - t
            print(f"  VACUUM ANALYZE in {times['vacuum analyze']:.1f} s")
    finally:
        await engine.dispose()
    return times


# --- measuring -----------------------------------------------------------------------------------


def _pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


RESULTS: list[tuple[str, float, float, float, str]] = []


def report(name: str, samples: list[float], target: float | None, unit: str = "ms") -> None:
    p50, p95 = statistics.median(samples), _pct(samples, 0.95)
    verdict = "" if target is None else ("ok" if p95 < target else "OVER")
    goal = f"(target p95 < {target:g} {unit}: {verdict})" if target is not None else "(baseline)"
    print(f"  {name:<58} p50 {p50:8.2f} {unit}  p95 {p95:8.2f} {unit}  {goal}")
    RESULTS.append((name, p50, p95, target or 0.0, verdict))


async def timed(http: httpx.AsyncClient, calls: Sequence[tuple[str, dict[str, Any], dict[str, str]]]) -> list[float]:
    out = []
    for path, params, headers in calls:
        t = time.perf_counter()
        r = await http.get(path, params=params, headers=headers)
        out.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, (path, params, r.status_code, r.text[:300])
    return out


async def measure(
    http: httpx.AsyncClient,
    url: str,
    args: argparse.Namespace,
    plan: Sequence[tuple[str, str]],
    chosen: Sequence[Template],
    segment_id: str,
) -> None:
    rng = random.Random(args.seed + 1)
    n = args.requests
    admin = {"Authorization": f"Bearer {ADMIN}"}
    client = {"Authorization": f"Bearer {CLIENT}"}
    by_key = {t.key: t for t in chosen}
    open_missions = [
        mid for mid, key in plan if not by_key[key].spec.get("segments") and not by_key[key].spec.get("tiers")
    ]
    users = [f"u{rng.randrange(args.users)}" for _ in range(n)]

    first = await http.get(f"/v1/users/{users[0]}/missions", headers=client)
    assert first.status_code == 200, first.text
    print(f"  (a user sees {len(first.json()['items'])} of {len(plan)} live missions)")
    await timed(http, [(f"/v1/users/{u}/missions", {}, client) for u in users[:10]])  # warm-up
    report(
        "mission list  GET /v1/users/{id}/missions",
        await timed(http, [(f"/v1/users/{u}/missions", {}, client) for u in users]),
        25,
    )

    svc = http._transport.app.state.services  # type: ignore[attr-defined]
    service_only = []
    async with svc.engine.connect() as conn:
        for u in users:
            t = time.perf_counter()
            await svc.journeys.list_views(conn, u, None)
            service_only.append((time.perf_counter() - t) * 1000)
            await conn.rollback()
    report("mission list, service only (no HTTP)", service_only, 25)

    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            cur = await (await _driver(conn)).execute(
                "SELECT mission_id, user_id FROM enrolments TABLESAMPLE SYSTEM (1) WHERE mission_id = ANY(%s) LIMIT %s",
                (open_missions, n // 2),
            )
            pairs = [(m, u) for m, u in await cur.fetchall()]
    finally:
        await engine.dispose()
    pairs += [(rng.choice(open_missions), f"u{rng.randrange(args.users)}") for _ in range(n - len(pairs))]
    rng.shuffle(pairs)
    views: list[tuple[str, dict[str, Any], dict[str, str]]] = []
    for m, u in pairs:  # the warm-up: only missions the user sees are timed (a hidden one is 404)
        if (await http.get(f"/v1/users/{u}/missions/{m}", headers=client)).status_code == 200:
            views.append((f"/v1/users/{u}/missions/{m}", {}, client))
    print(f"  ({len(views)} of {len(pairs)} sampled (mission, user) pairs are visible to the user; those are timed)")
    report("one mission   GET /v1/users/{id}/missions/{mission}", await timed(http, views), 10)

    report(
        f"wallet of u0 ({args.heavy:,} ledger lines)",
        await timed(http, [("/v1/users/u0/wallet", {}, client)] * n),
        20,
    )
    report("wallet of random users", await timed(http, [(f"/v1/users/{u}/wallet", {}, client) for u in users]), 20)

    async def later(path: str, params: dict[str, Any], pages: int = 5) -> str | None:
        """The cursor `pages` pages in, following next_cursor (or the last one, on a shorter list)."""
        cursor = None
        for _ in range(pages):
            r = await http.get(path, params={**params, **({"cursor": cursor} if cursor else {})}, headers=admin)
            assert r.status_code == 200, r.text
            if r.json()["next_cursor"] is None:
                break
            cursor = r.json()["next_cursor"]
        return cursor

    async def deep(path: str, sql: str, sample: int) -> list[str]:
        """Cursors anywhere in the list: ids of random rows (a page continues after the row it names)."""
        engine = create_engine(url)
        try:
            async with engine.connect() as conn:
                cur = await (await _driver(conn)).execute(sql, (sample,))
                return [r[0] for r in await cur.fetchall()]
        finally:
            await engine.dispose()

    lists: list[tuple[str, str, dict[str, Any], str]] = [
        ("missions", "/v1/missions", {}, "SELECT id FROM missions ORDER BY random() LIMIT %s"),
        ("submissions", "/v1/submissions", {}, "SELECT id FROM submissions TABLESAMPLE SYSTEM (5) LIMIT %s"),
        (
            "pending submissions",
            "/v1/submissions",
            {"status": "pending"},
            "SELECT id FROM submissions TABLESAMPLE SYSTEM (5) WHERE status = 'pending' LIMIT %s",
        ),
        ("callbacks", "/v1/callbacks", {}, "SELECT id FROM callbacks TABLESAMPLE SYSTEM (5) LIMIT %s"),
        (
            "failed callbacks",
            "/v1/callbacks",
            {"status": "failed"},
            "SELECT id FROM callbacks TABLESAMPLE SYSTEM (5) WHERE status = 'failed' LIMIT %s",
        ),
        (
            "segment members",
            f"/v1/segments/{segment_id}/members",
            {"limit": 100},
            f"SELECT user_id FROM segment_members WHERE segment_id = '{segment_id}' ORDER BY random() LIMIT %s",
        ),
    ]
    for name, path, params, sql in lists:
        await timed(http, [(path, params, admin)] * 5)
        report(
            f"admin {name}: first page  GET {path.split('/seg_')[0]}",
            await timed(http, [(path, params, admin)] * n),
            50,
        )
        cursor = await later(path, params)
        if cursor is not None:
            report(
                f"admin {name}: page 6 (keyset)",
                await timed(http, [(path, {**params, "cursor": cursor}, admin)] * n),
                50,
            )
        cursors = await deep(path, sql, n)
        if cursors:
            report(
                f"admin {name}: after a random row (keyset)",
                await timed(http, [(path, {**params, "cursor": c}, admin) for c in (cursors * n)[:n]]),
                50,
            )

    report("baseline      GET /v1/tiers (one tiny query)", await timed(http, [("/v1/tiers", {}, admin)] * n), None)


#: Statements the app ran while `CAPTURE` was on (for `--explain`).
CAPTURED: list[tuple[str, Any]] = []
CAPTURE = False


def _capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
    verb = statement.lstrip().split(None, 1)[0].upper()
    if CAPTURE and verb in ("SELECT", "WITH", "INSERT", "UPDATE", "DELETE") and statement.strip() != "SELECT 1":
        CAPTURED.append((statement, parameters))


def _walk(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    for child in node.get("Plans", []):
        yield from _walk(child)


async def explain(
    http: httpx.AsyncClient, url: str, name: str, path: str, params: dict[str, Any], headers: dict[str, str]
) -> None:
    """Runs the request once, capturing its statements, and EXPLAIN ANALYZEs each: prints the
    statements' execution times (slowest first) and every sequential scan."""
    global CAPTURE
    CAPTURED.clear()
    CAPTURE = True
    try:
        r = await http.get(path, params=params, headers=headers)
    finally:
        CAPTURE = False
    assert r.status_code == 200, r.text
    await explain_captured(url, name)


async def explain_captured(url: str, name: str, *, analyze: bool = True) -> None:
    """EXPLAIN ANALYZEs the captured statements (in a transaction rolled back: writes leave nothing);
    without `analyze`, prints each statement's plan as the planner chose it."""
    engine = create_engine(url)
    found = []
    try:
        async with engine.connect() as conn:
            driver = await _driver(conn)
            for statement, parameters in CAPTURED:
                if not analyze:
                    cur = await driver.execute("EXPLAIN " + statement, parameters)
                    lines = [r[0] for r in await cur.fetchall()]
                    print(f"  EXPLAIN {name}: {' '.join(statement.split())[:100]}")
                    for line in lines[:40]:
                        print(f"      {line}")
                    continue
                cur = await driver.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + statement, parameters)
                plan = (await cur.fetchone())[0][0]
                # A partitioned table's partitions (`events_p202612`) are named once, as `events_p*`.
                scans = sorted(
                    {
                        re.sub(r"_p[0-9]{6}$", "_p*", n["Relation Name"])
                        for n in _walk(plan["Plan"])
                        if n["Node Type"] == "Seq Scan" and "Relation Name" in n
                    }
                )
                found.append(
                    (plan["Execution Time"], " ".join(statement.split())[:110], scans, plan["Plan"]["Node Type"])
                )
            await conn.rollback()
    finally:
        await engine.dispose()
    if not analyze:
        return
    total = sum(t for t, *_ in found)
    print(f"  EXPLAIN {name}: {len(found)} statements, {total:.2f} ms in PostgreSQL")
    for took, sql, scans, top in sorted(found, reverse=True)[:4]:
        print(f"    {took:10.2f} ms  {top:<16} {'SEQ SCAN ' + ','.join(scans) if scans else '':<24} {sql}")


async def explain_all(http: httpx.AsyncClient, url: str, args: argparse.Namespace, segment_id: str) -> None:
    sa_event.listen(Engine, "before_cursor_execute", _capture)
    client = {"Authorization": f"Bearer {CLIENT}"}
    admin = {"Authorization": f"Bearer {ADMIN}"}
    user = f"u{args.users // 2}"
    print("statements of one request each (EXPLAIN ANALYZE):")
    for name, path, params, headers in [
        ("mission list", f"/v1/users/{user}/missions", {}, client),
        ("wallet of u0", "/v1/users/u0/wallet", {}, client),
        ("submissions, first page", "/v1/submissions", {}, admin),
        ("callbacks, first page", "/v1/callbacks", {}, admin),
        ("segment members, first page", f"/v1/segments/{segment_id}/members", {"limit": 100}, admin),
        ("missions, first page", "/v1/missions", {}, admin),
    ]:
        await explain(http, url, name, path, params, headers)


async def sweep(url: str, threshold: int, *, limit: float, explain: bool = False) -> None:
    """A rule segment over every user, computed by `services.audience.sweep_segment` (timed).

    Each of its statements may run `limit` seconds (`statement_timeout`): a sweep that takes longer
    is cancelled and reported OVER. With `explain`, the first sweep's statements are EXPLAINed
    afterwards (plans only: their ANALYZE would run them again)."""
    global CAPTURE
    rule = SegmentRule.model_validate({"points_at_least": threshold})
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            driver = await _driver(conn)
            await driver.execute(
                "INSERT INTO segments (id, name, kind, rule) VALUES ('seg_bench_rule', 'points', 'rule', %s)",
                (json.dumps(rule.model_dump(mode="json", exclude_none=True)),),
            )
        CAPTURED.clear()
        for label in ("from empty", "again, nothing to change"):
            CAPTURE = explain and label == "from empty"
            t = time.perf_counter()
            try:
                async with engine.begin() as conn:
                    await conn.exec_driver_sql(f"SET LOCAL statement_timeout = {int(limit * 1000)}")
                    changes, _ = await audience.sweep_segment(conn, "seg_bench_rule", rule, datetime.now(UTC))
            except DBAPIError as exc:
                if not isinstance(exc.orig, QueryCanceled):
                    raise
                took = time.perf_counter() - t
                print(
                    f"  rule segment points_at_least {threshold}, {label}: cancelled after {took:.0f} s"
                    f" (a statement ran past {limit:.0f} s)   (target < 30 s: OVER)"
                )
                RESULTS.append((f"segment sweep {label} (cancelled)", took * 1000, took * 1000, 30_000, "OVER"))
                break
            finally:
                CAPTURE = False
            took = time.perf_counter() - t
            verdict = "ok" if took < 30 else "OVER"
            print(
                f"  rule segment points_at_least {threshold}, {label}: {len(changes):,} entered/left in {took:.1f} s"
                f"   (target < 30 s: {verdict})"
            )
            RESULTS.append((f"segment sweep {label}", took * 1000, took * 1000, 30_000, verdict))
        if explain:
            await explain_captured(url, "rule segment sweep, from empty (plans, not run)", analyze=False)
    finally:
        await engine.dispose()


async def main_async(args: argparse.Namespace) -> int:
    logging.getLogger("httpx").setLevel(logging.WARNING)
    started = time.perf_counter()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    print(
        f"scale: {args.users:,} users, {args.missions:,} live missions, {args.enrolments:,} journeys,"
        f" {args.events:,} events, {args.ledger:,} ledger lines ({args.heavy:,} of u0),"
        f" {args.submissions:,} submissions, {args.callbacks:,} callbacks, {args.members:,} segment members"
    )
    with tempfile.TemporaryDirectory(prefix="bench-scale-data-") as tmp, embedded_postgres(Path(tmp) / "pg") as url:
        t = time.perf_counter()
        upgrade(url)
        print(f"migrated in {time.perf_counter() - t:.1f} s")
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
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench", timeout=600) as http,
        ):
            made, chosen, segment_id = await make_templates(http)
            t = time.perf_counter()
            plan = await clone_missions(url, made, chosen, args.missions)
            print(
                f"{len(plan):,} live missions ({len(made)} made through the API, the rest cloned)"
                f" in {time.perf_counter() - t:.1f} s"
            )
            t = time.perf_counter()
            print("seeding (COPY):")
            await seed(url, args, plan, chosen, segment_id)
            print(f"seeded in {time.perf_counter() - t:.1f} s")
            print("reads through the API (p50 / p95 of sequential requests):")
            await measure(http, url, args, plan, chosen, segment_id)
            if args.explain:
                t = time.perf_counter()
                await explain_all(http, url, args, segment_id)
                print(f"  (EXPLAIN of the reads took {time.perf_counter() - t:.0f} s)")
        print(f"segments: (at {time.perf_counter() - started:.0f} s)")
        await sweep(url, 200, limit=args.sweep_limit, explain=args.explain)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    over = [name for name, *_, verdict in RESULTS if verdict == "OVER"]
    print(
        f"total {time.perf_counter() - started:.0f} s; {len(over)} target(s) missed"
        + (f": {'; '.join(over)}" if over else "")
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    return asyncio.run(main_async(parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())

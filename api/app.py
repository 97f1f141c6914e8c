"""The FastAPI application: `create_app()` wires settings, clients, routes and error handling."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from api import faces, front
from api.errors import ApiError, ErrorBody, install_error_handlers
from api.guard import InputGuard
from api.proofs import DOCUMENTED_BODIES
from api.routes import (
    admin_users,
    backtests,
    broadcasts,
    callbacks,
    catalogue,
    challenges,
    events,
    explain,
    health,
    items,
    journeys,
    leaderboards,
    links,
    lint,
    mission_images,
    missions,
    notifications,
    segments,
    stats,
    streak_repairs,
    submissions,
    system_events,
    users,
)
from observability import http as observability_http
from observability.logs import configure_logging
from services.container import open_services
from settings import Settings, load_settings

#: The largest body of `POST /v1/events/batch` (1,000 events); other JSON bodies may be 1 MiB.
BATCH_MAX_BYTES = 16 * 1024 * 1024

DESCRIPTION = """Questline: durable missions for your users.

Authenticate with `Authorization: Bearer <key>`: the **admin** key may call everything, the
**client** key (your backend) sends events and acts for any user, a **user token** (from
`POST /v1/users/{user_id}/token`) calls only `/v1/me/...`. Every error is
`{"error": {"code", "message", "details"}}`.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    """Builds the app; clients are created in the lifespan, once per process."""
    settings = settings or load_settings()
    configure_logging(settings.log_level, settings.log_format)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with open_services(settings) as services:
            app.state.services = services
            yield

    app = FastAPI(
        title="Questline",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        # Served by `api.front` from vendored assets instead of a CDN, so they work offline.
        docs_url=None,
        redoc_url=None,
    )
    install_error_handlers(app)
    # Inside the metrics middleware, so refused requests are counted too.
    app.add_middleware(
        InputGuard,
        # Uploads and CSV files are read by their routes within their own limits; this bounds the rest.
        stream_max_bytes=max(settings.upload_max_bytes, segments.MAX_CSV_BYTES) + 1024 * 1024,
        json_limits={"/v1/events/batch": BATCH_MAX_BYTES},
    )
    observability_http.install(app, settings.metrics_token, unauthorized=_metrics_unauthorized)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    front.install(app, temporal_ui_url=settings.temporal_ui_url, demo=settings.env == "dev")
    faces.install(app, settings)
    for router in (
        health.router,
        lint.router,  # before missions.router: /v1/missions/lint is not a mission id
        missions.router,
        journeys.admin_router,
        journeys.jobs_router,
        catalogue.router,
        items.router,
        events.router,
        submissions.router,
        users.router,
        users.tiers_router,
        users.me_router,
        admin_users.router,
        segments.router,
        broadcasts.router,
        broadcasts.users_inbox_router,
        broadcasts.me_inbox_router,
        callbacks.router,
        journeys.users_router,
        journeys.me_router,
        challenges.config_router,
        challenges.users_router,
        challenges.me_router,
        challenges.users_freeze_router,
        challenges.me_freeze_router,
        stats.router,
        backtests.missions_router,
        backtests.jobs_router,
        explain.users_router,
        explain.me_router,
        leaderboards.router,
        leaderboards.me_router,
        leaderboards.users_router,
        system_events.event_types_router,
        system_events.me_router,
        system_events.users_router,
        streak_repairs.router,
        notifications.router,
        links.router,
        mission_images.router,
    ):
        app.include_router(router)
    return app


def _metrics_unauthorized() -> ApiError:
    """The refusal of a `/metrics` scrape without the right `QUESTLINE_METRICS_TOKEN`."""
    return ApiError(401, "invalid_credentials", "send Authorization: Bearer <QUESTLINE_METRICS_TOKEN>")


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's document, corrected to what the API really does.

    Every 422 and 400 is in the error shape (FastAPI would show its own `{"detail": ...}`), every
    JSON body can answer 400 `invalid_json`, 413 and 415 (`api/guard.py`), and the bearer
    credential is a security scheme rather than a plain header parameter.
    """
    if app.openapi_schema:
        return app.openapi_schema
    # One schema per model for requests and responses: FastAPI's "-Input"/"-Output" pairs (a decimal
    # reads a number or a string, and is written as a string) share a title, which generators
    # (openapi-python-client, OpenAPI Generator) refuse as duplicate models, dropping every model
    # that refers to them. The one schema is the one the API reads; what it writes fits it.
    doc = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
        separate_input_output_schemas=False,
    )
    error_ref = {"$ref": "#/components/schemas/ErrorBody"}
    error = {"content": {"application/json": {"schema": error_ref}}}
    components = doc.setdefault("components", {})
    components.setdefault("securitySchemes", {})["bearer"] = {
        "type": "http",
        "scheme": "bearer",
        "description": "the admin key, the client key, or a user token",
    }
    schemas = components.setdefault("schemas", {})
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    schemas.setdefault("ErrorBody", ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}"))
    # Bodies a route reads itself (a proof upload streams within its limit) are named by its
    # `openapi_extra`; FastAPI does not know their models.
    for model in DOCUMENTED_BODIES:
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        for key, sub in schema.pop("$defs", {}).items():
            schemas.setdefault(key, sub)
        schemas.setdefault(model.__name__, schema)
    for key, schema in (
        ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}").get("$defs", {}).items()
    ):
        schemas.setdefault(key, schema)
    for path in doc.get("paths", {}).values():
        for op in path.values():
            responses = op.setdefault("responses", {})
            if "422" in responses:
                responses["422"] = {"description": "Invalid input: `details` lists each field and why", **error}
            if "requestBody" in op:
                _optional_body_as_its_model(op["requestBody"])
                responses.setdefault("400", {"description": "The body is not valid JSON", **error})
                responses.setdefault("413", {"description": "The body is larger than the route accepts", **error})
                responses.setdefault("415", {"description": "The body is not in a media type the route reads", **error})
            params = op.get("parameters", [])
            if any(p.get("in") == "header" and p.get("name") == "authorization" for p in params):
                op["parameters"] = [
                    p for p in params if not (p.get("in") == "header" and p.get("name") == "authorization")
                ]
                op["security"] = [{"bearer": []}]
    app.openapi_schema = doc
    return doc


def _optional_body_as_its_model(body: dict[str, Any]) -> None:
    """An optional JSON body (`body: Model | None = None`) is named by its model alone.

    FastAPI writes it as `anyOf: [Model, null]`; the body may be left out all the same
    (`required` is false), and generated clients then send nothing instead of a JSON `null`
    (openapi-python-client's client otherwise fails to send such a request without a body).
    """
    media = body.get("content", {}).get("application/json", {})
    alternatives = media.get("schema", {}).get("anyOf", [])
    if not body.get("required") and len(alternatives) == 2 and {"type": "null"} in alternatives:
        (model,) = [alt for alt in alternatives if alt != {"type": "null"}]
        if "$ref" in model:
            media["schema"] = model

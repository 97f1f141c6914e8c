"""The served OpenAPI document describes every route, its request body and its errors (api.md)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi import routing as fastapi_routing
from fastapi.routing import APIRoute

from api.app import create_app
from settings import Settings
from tests.conftest import Stack

ERROR_REF = "#/components/schemas/ErrorBody"
#: Routes anyone may call (no credentials, so no 401/403): the probes and a mission's public image.
HEALTH = {"/healthz", "/readyz", "/v1/mission-images/{image_id}"}
METHODS = {"get", "post", "put", "patch", "delete"}


def app_operations(app: FastAPI) -> set[tuple[str, str]]:
    """(method, path) of every route the app serves in its schema, whatever the FastAPI version."""
    iter_contexts = getattr(fastapi_routing, "iter_route_contexts", None)
    routes: list[Any] = list(iter_contexts(app.routes)) if iter_contexts else list(app.routes)
    ops = set()
    for route in routes:
        original = getattr(route, "original_route", route)
        if not isinstance(original, APIRoute) or not route.include_in_schema:
            continue
        for method in route.methods or ():
            if method.lower() in METHODS:
                ops.add((method.lower(), route.path))
    return ops


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    """The document of an app built like the served one (no lifespan needed to render it)."""
    schema: dict[str, Any] = create_app(Settings(env="test")).openapi()
    return schema


def operations(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, op) for path, item in doc["paths"].items() for method, op in item.items() if method in METHODS
    ]


def api_operations(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(m, p, op) for m, p, op in operations(doc) if p not in HEALTH]


def response_ref(op: dict[str, Any], status: str) -> str | None:
    schema = op["responses"].get(status, {}).get("content", {}).get("application/json", {}).get("schema", {})
    ref: str | None = schema.get("$ref")
    return ref


def body_schema(op: dict[str, Any]) -> dict[str, Any] | None:
    # JSON bodies only: a file upload (the text/csv of segment members) is described by its media type.
    if "application/json" not in op.get("requestBody", {}).get("content", {}):
        return None
    schema: dict[str, Any] = op["requestBody"]["content"]["application/json"]["schema"]
    return schema


async def test_openapi_json_is_served_without_credentials(stack: Stack, doc: dict[str, Any]) -> None:
    r = await stack.http.get("/openapi.json")
    assert r.status_code == 200, r.text
    served = r.json()
    assert served["info"]["title"] == "Questline"
    assert served["paths"] == doc["paths"]


def test_every_route_of_the_app_is_described_and_nothing_else(doc: dict[str, Any]) -> None:
    app = create_app(Settings(env="test"))
    served = app_operations(app)
    described = {(method, path) for method, path, _ in operations(doc)}
    assert served, "no routes found on the app"
    assert served == described


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/v1/missions"),
        ("get", "/v1/missions"),
        ("get", "/v1/missions/{mission_id}"),
        ("patch", "/v1/missions/{mission_id}"),
        ("post", "/v1/missions/{mission_id}/activate"),
        ("post", "/v1/missions/{mission_id}/archive"),
        ("post", "/v1/missions/{mission_id}/clone"),
        ("post", "/v1/missions/{mission_id}/grants"),
        ("post", "/v1/missions/{mission_id}/unlock"),
        ("post", "/v1/events"),
        ("post", "/v1/events/batch"),
        ("get", "/v1/users/{user_id}/missions"),
        ("get", "/v1/users/{user_id}/missions/{mission_id}"),
        ("post", "/v1/users/{user_id}/missions/{mission_id}/opt-in"),
        ("get", "/v1/users/{user_id}/wallet"),
        ("post", "/v1/users/{user_id}/token"),
        ("get", "/v1/me/missions"),
        ("get", "/v1/me/missions/{mission_id}"),
        ("get", "/v1/me/wallet"),
        ("post", "/v1/users/{user_id}/challenges"),
        ("get", "/v1/users/{user_id}/challenges"),
        ("delete", "/v1/users/{user_id}/challenges/{challenge_id}"),
        ("post", "/v1/me/challenges"),
        ("get", "/v1/me/challenges"),
        ("delete", "/v1/me/challenges/{challenge_id}"),
        ("post", "/v1/categories"),
        ("get", "/v1/categories"),
        ("post", "/v1/categories/{category_id}/missions"),
        ("post", "/v1/quests"),
        ("post", "/v1/quests/{quest_id}/missions"),
        ("get", "/healthz"),
        ("get", "/readyz"),
    ],
)
def test_the_contract_routes_built_so_far_are_described(doc: dict[str, Any], method: str, path: str) -> None:
    assert method in doc["paths"].get(path, {}), f"{method.upper()} {path} missing from /openapi.json"


def test_the_error_schema_is_the_documented_shape(doc: dict[str, Any]) -> None:
    schemas = doc["components"]["schemas"]
    body = schemas["ErrorBody"]
    assert body["required"] == ["error"]
    inner_ref = body["properties"]["error"]["$ref"]
    inner = schemas[inner_ref.rsplit("/", 1)[1]]
    assert set(inner["properties"]) == {"code", "message", "details"}
    assert set(inner["required"]) == {"code", "message"}


def test_every_api_route_documents_401_and_403_with_the_error_schema(doc: dict[str, Any]) -> None:
    missing = [
        f"{m.upper()} {p} {status}"
        for m, p, op in api_operations(doc)
        for status in ("401", "403")
        if response_ref(op, status) != ERROR_REF
    ]
    assert not missing, "\n".join(missing)


def test_every_route_with_a_body_documents_422_with_the_error_schema(doc: dict[str, Any]) -> None:
    missing = [
        f"{m.upper()} {p}"
        for m, p, op in operations(doc)
        if "requestBody" in op and response_ref(op, "422") != ERROR_REF
    ]
    assert not missing, "\n".join(missing)


def test_every_documented_error_uses_the_error_schema(doc: dict[str, Any]) -> None:
    """No route may advertise FastAPI's default `{"detail": [...]}` 422: the API never returns it."""
    wrong = [
        f"{m.upper()} {p} {status} -> {response_ref(op, status)}"
        for m, p, op in operations(doc)
        for status in op["responses"]
        if int(status) >= 400 and response_ref(op, status) != ERROR_REF
    ]
    assert not wrong, "\n".join(wrong)
    assert "HTTPValidationError" not in doc["components"]["schemas"]


def test_routes_on_an_id_document_404(doc: dict[str, Any]) -> None:
    missing = [
        f"{m.upper()} {p}"
        for m, p, op in operations(doc)
        if any(f"{{{name}}}" in p for name in ("mission_id", "category_id", "quest_id", "challenge_id"))
        and response_ref(op, "404") != ERROR_REF
    ]
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("patch", "/v1/missions/{mission_id}"),
        ("post", "/v1/missions/{mission_id}/activate"),
        ("post", "/v1/missions/{mission_id}/archive"),
    ],
)
def test_state_changes_document_409(doc: dict[str, Any], method: str, path: str) -> None:
    assert response_ref(doc["paths"][path][method], "409") == ERROR_REF


def test_every_route_with_a_json_body_documents_400_invalid_json(doc: dict[str, Any]) -> None:
    """A malformed JSON body answers 400 `invalid_json` on every such route (api.md: 400 bad input)."""
    missing = [
        f"{m.upper()} {p}"
        for m, p, op in operations(doc)
        if "requestBody" in op and response_ref(op, "400") != ERROR_REF
    ]
    assert not missing, "\n".join(missing)


def test_request_bodies_reference_component_schemas(doc: dict[str, Any]) -> None:
    schemas = doc["components"]["schemas"]
    bodies = {(m, p): body_schema(op) for m, p, op in operations(doc) if body_schema(op) is not None}
    assert bodies, "no request bodies described"
    for (method, path), schema in bodies.items():
        assert schema is not None
        refs = [schema.get("$ref")] + [alt.get("$ref") for alt in schema.get("anyOf", [])]
        refs = [r for r in refs if r]
        assert refs, f"{method.upper()} {path}: body is not a named schema: {schema}"
        for ref in refs:
            assert ref.rsplit("/", 1)[1] in schemas, ref


@pytest.mark.parametrize(
    ("method", "path", "schema"),
    [
        ("post", "/v1/missions", "MissionSpec"),
        ("patch", "/v1/missions/{mission_id}", "MissionPatch"),
        ("post", "/v1/events", "EventBody"),
        ("post", "/v1/events/batch", "EventBatch"),
        ("post", "/v1/categories", "CategoryIn"),
        ("post", "/v1/quests", "QuestIn"),
        ("post", "/v1/categories/{category_id}/missions", "MissionIds"),
        ("post", "/v1/missions/{mission_id}/grants", "UserIds"),
        ("post", "/v1/users/{user_id}/challenges", "ChallengeIn"),
    ],
)
def test_request_bodies_name_their_model(doc: dict[str, Any], method: str, path: str, schema: str) -> None:
    assert body_schema(doc["paths"][path][method]) == {"$ref": f"#/components/schemas/{schema}"}


def test_the_mission_spec_schema_lists_the_contract_fields(doc: dict[str, Any]) -> None:
    spec = doc["components"]["schemas"]["MissionSpec"]
    assert {"name", "type", "goal"} <= set(spec["required"])
    contract = {
        "name", "description", "type", "opt_in", "start_at", "end_at", "time_to_complete", "recurrence",
        "timezone", "max_completions", "unlock", "goal", "reward", "budget_cap", "segments", "tiers",
        "category_id", "quest_id", "callback_url", "action_button", "images",
    }  # fmt: skip
    assert contract <= set(spec["properties"])
    assert spec.get("additionalProperties") is False


def test_success_responses_are_described(doc: dict[str, Any]) -> None:
    missing = [
        f"{m.upper()} {p}"
        for m, p, op in operations(doc)
        # A 204 has no body by definition; every other success must describe its body.
        if "204" not in op["responses"]
        and not any(s.startswith("2") and op["responses"][s].get("content") for s in op["responses"])
    ]
    assert not missing, "\n".join(missing)

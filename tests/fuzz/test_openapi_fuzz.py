"""Schemathesis against the served `/openapi.json`: every operation, every kind of credential.

For each operation Hypothesis draws requests from the document (schema-valid and schema-invalid
ones alike) and a credential: the admin key, the client key, a user token, none, or garbage,
mostly one the operation accepts (found by probing it), so most requests get past
authentication and reach validation and the route itself. Every response must:

- never be a 5xx;
- be one of the operation's documented statuses, in its documented content type and schema;
- reject schema-invalid input with a 4xx;
- when it is a 4xx, be the error shape `{"error": {"code", "message", "details"}}`.

The app runs over ASGI with a real worker, Temporal dev server and PostgreSQL (a database of its
own, see conftest.py). Requests are sent on the session's event loop; Hypothesis runs in a worker
thread and hands each request over, so it can shrink a failure to a small reproducing request.

`FUZZ_EXAMPLES` (env `QUESTLINE_FUZZ_EXAMPLES`) bounds the examples per operation so the whole
module stays near a minute on two cores; `QUESTLINE_FUZZ_EXAMPLES=500` runs a deeper search.
Runs are derandomized (the same requests each run, so CI is stable) unless
`QUESTLINE_FUZZ_RANDOM=1` asks for new ones.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import uuid
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.app import create_app
from settings import Settings
from tests.conftest import ADMIN_KEY, CLIENT_KEY, Stack
from tests.fuzz.shapes import assert_error_shape

#: Examples drawn per operation (valid and invalid input together): about a minute in all.
FUZZ_EXAMPLES = int(os.environ.get("QUESTLINE_FUZZ_EXAMPLES", "12"))
RANDOM = os.environ.get("QUESTLINE_FUZZ_RANDOM") == "1"
#: The user the fuzzer's user token is issued for.
FUZZ_USER = "fuzz-user"
KINDS = ("admin", "client", "user", "none", "garbage")
METHODS = ("get", "put", "post", "patch", "delete")
T = TypeVar("T")


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    # Every schema-invalid input is refused, type confusions too: a boolean for a number, a number
    # for a date-time or a boolean (api/strict.py; pydantic's lax coercions are no longer tolerated).
    negative_data_rejection,
]


def _operations() -> list[tuple[str, str]]:
    """(method, path) of every operation, from a document built like the served one."""
    doc = create_app(Settings(env="test")).openapi()
    return [(m, p) for p, item in doc["paths"].items() for m in item if m in METHODS]


@dataclass
class Fuzzer:
    """The stack, the loaded schema and a credential of each kind."""

    stack: Stack
    schema: Any
    token: str
    #: Real values of path parameters by name (`item_id` → a stored item's id).
    known: dict[str, list[Any]]
    loop: asyncio.AbstractEventLoop

    def authorization(self, kind: str, garbage: str) -> str | None:
        """The Authorization header of a credential kind (None: no header)."""
        return {
            "admin": f"Bearer {ADMIN_KEY}",
            "client": f"Bearer {CLIENT_KEY}",
            "user": f"Bearer {self.token}",
            "none": None,
            "garbage": garbage,
        }[kind]

    def run(self, coro: Awaitable[T]) -> T:
        """Runs `coro` on the stack's event loop from the Hypothesis thread."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout=120)  # type: ignore[arg-type]


@dataclass
class Request:
    """One request as sent on the wire."""

    method: str
    url: str
    headers: list[tuple[bytes, bytes]]
    body: bytes | None


def request_of(case: Any, authorization: str | None) -> Request:
    """The exact request schemathesis would send for `case`, with the credential drawn for it.

    `requests` serializes the body and the URL; the headers are added as raw bytes afterwards,
    since `requests` refuses some of the garbage the fuzzer draws (e.g. U+0085 in a value).
    """
    kwargs = case.as_transport_kwargs(base_url="http://questline.test")
    sent = ("method", "url", "params", "cookies", "json", "data", "files")
    prepared = requests.Request(**{k: v for k, v in kwargs.items() if k in sent}).prepare()
    assert prepared.method is not None and prepared.url is not None
    headers = {name.lower(): value for name, value in prepared.headers.items()}
    headers.update({name.lower(): value for name, value in (kwargs.get("headers") or {}).items()})
    headers.pop("authorization", None)
    if authorization is not None:
        headers["authorization"] = authorization
    body = prepared.body.encode() if isinstance(prepared.body, str) else prepared.body
    return Request(prepared.method, prepared.url, [(_raw(k), _raw(v)) for k, v in headers.items()], body)


async def send(http: httpx.AsyncClient, request: Request) -> httpx.Response:
    """Sends a request through the app byte for byte."""
    return await http.request(request.method, request.url, headers=request.headers, content=request.body)


def _raw(value: str | bytes) -> bytes:
    """A header as bytes on the wire (latin-1 where it fits, else its UTF-8 bytes)."""
    if isinstance(value, bytes):
        return value
    try:
        return value.encode("latin-1")
    except UnicodeEncodeError:
        return value.encode()


async def _made(stack: Stack, path: str, body: Any, who: str = "admin") -> str:
    r = await stack.http.post(path, json=body, headers=stack.headers(who))
    assert r.status_code in (200, 201), (path, r.text)
    made: str = r.json()["id"]
    return made


async def seed_catalogue(stack: Stack) -> dict[str, list[Any]]:
    """Real ids of things the fuzzer cannot destroy, made once: requests reach them, not only 404s."""
    segment = await _made(stack, "/v1/segments", {"name": "fuzz"})
    broadcast = {"title": "fuzz", "body": "hello", "segment_id": segment}
    return {
        "user_id": [FUZZ_USER],
        "revision": [1],
        "category_id": [await _made(stack, "/v1/categories", {"name": "fuzz"})],
        "quest_id": [await _made(stack, "/v1/quests", {"name": "fuzz"})],
        "item_id": [await _made(stack, "/v1/items", {"name": "fuzz", "stock": 3})],
        "segment_id": [segment],
        "broadcast_id": [await _made(stack, "/v1/broadcasts", broadcast)],
    }


async def seed_journeys(stack: Stack, names: list[str]) -> dict[str, list[Any]]:
    """Fresh missions (active and draft), a pending submission and a running challenge of the fuzz
    user, made for each operation that names them: an earlier operation may have archived,
    approved or left the previous ones."""
    if not {"mission_id", "submission_id", "challenge_id"} & set(names):
        return {}

    async def mission(goal: dict[str, Any], *, activate: bool = True) -> str:
        body = {"name": f"fuzz-{uuid.uuid4().hex[:6]}", "type": "generally_available", "goal": goal}
        mission_id = await _made(stack, "/v1/missions", {**body, "reward": {"points": 5}})
        if activate:
            r = await stack.http.post(f"/v1/missions/{mission_id}/activate", headers=stack.headers("admin"))
            assert r.status_code == 200, r.text
        return mission_id

    manual = await mission({"kind": "manual", "proof": ["text", "link"], "approval": {"mode": "manual"}})
    proof = {"proof": {"kind": "text", "value": "done"}}
    submission = await _made(stack, f"/v1/users/{FUZZ_USER}/missions/{manual}/submissions", proof, "client")
    # The fuzzer may have changed the configuration: enable the challenge's event type again. A
    # fresh type each time: a user runs one challenge per event type (issue 13.3).
    kind = f"fuzz-{uuid.uuid4().hex[:6]}"
    config = {"event_types": ["fuzz", kind], "reward": {"points": 1}, "max_active_per_user": 100}
    r = await stack.http.put("/v1/challenges/config", json=config, headers=stack.headers("admin"))
    assert r.status_code == 200, r.text
    challenge = {"name": "fuzz", "event_type": kind, "target": {"count": 2}, "period": "day", "periods": 3}
    return {
        "mission_id": [
            await mission({"kind": "event", "event_type": "fuzz", "count": 3}),
            manual,
            await mission({"kind": "event", "event_type": "fuzz", "count": 1}, activate=False),
        ],
        "submission_id": [submission],
        "challenge_id": [await _made(stack, f"/v1/users/{FUZZ_USER}/challenges", challenge, "client")],
    }


@pytest.fixture(scope="module")
async def fuzzer(fuzz_stack: Stack) -> Fuzzer:
    """The served document loaded by schemathesis, and a user token for the fuzz user."""
    r = await fuzz_stack.http.get("/openapi.json")
    assert r.status_code == 200, r.text
    doc = r.json()
    # The fuzzer chooses the credential of each request itself (a kind drawn per example): left
    # in the document, schemathesis would also drop or mangle it as "invalid input" and then
    # expect a rejection the chosen credential does not cause.
    for item in doc["paths"].values():
        for op in item.values():
            op.pop("security", None)
    schema = schemathesis.openapi.from_dict(doc)
    r = await fuzz_stack.http.post(
        f"/v1/users/{FUZZ_USER}/token", json={"ttl": 3600}, headers=fuzz_stack.headers("client")
    )
    assert r.status_code == 201, r.text
    token = r.json()["token"]
    return Fuzzer(fuzz_stack, schema, token, await seed_catalogue(fuzz_stack), asyncio.get_running_loop())


async def accepted_kinds(fuzzer: Fuzzer, method: str, path: str) -> list[str]:
    """The credential kinds an operation does not refuse with 401/403 (probed with a bare request)."""
    url = path.format_map({name: "probe" for name in _names(path)})
    kinds = []
    for kind in KINDS:
        header = fuzzer.authorization(kind, "Bearer garbage")
        r = await fuzzer.stack.http.request(method.upper(), url, headers={"Authorization": header} if header else {})
        assert r.status_code < 500, (kind, method, url, r.text)
        if r.status_code not in (401, 403):
            kinds.append(kind)
    return kinds


def _names(path: str) -> list[str]:
    return [part[1:-1] for part in path.split("/") if part.startswith("{")]


def strategies(operation: Any, path: str, known: dict[str, list[Any]]) -> list[Any]:
    """Valid and invalid requests: with generated path parameters, and with real ones where known."""
    modes = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    out = [operation.as_strategy(generation_mode=mode) for mode in modes]
    names = [name for name in _names(path) if name in known]
    if names:
        for values in itertools.product(*(known[name] for name in names)):
            fixed = dict(zip(names, values, strict=True))
            out += [operation.as_strategy(generation_mode=mode, path_parameters=fixed) for mode in modes]
    return out


_GARBAGE = st.one_of(
    st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=60).map(lambda s: f"Bearer {s}"),
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF), max_size=60),
    st.builds(
        lambda a, b: f"Bearer v1.{a}.{b}", st.text("ABCxyz019-_", max_size=30), st.text("ABCxyz019-_", max_size=43)
    ),
)


@pytest.mark.parametrize(("method", "path"), _operations(), ids=[f"{m.upper()} {p}" for m, p in _operations()])
async def test_fuzz_operation(fuzzer: Fuzzer, method: str, path: str) -> None:
    operation = fuzzer.schema[path][method]
    accepted = await accepted_kinds(fuzzer, method, path)
    # Mostly a credential the operation accepts (past auth, into validation), sometimes any.
    kinds = st.one_of(*[st.sampled_from(accepted or KINDS)] * 3, st.sampled_from(KINDS))
    known = {**fuzzer.known, **await seed_journeys(fuzzer.stack, _names(path))}
    cases = st.one_of(*strategies(operation, path, known))

    @settings(
        max_examples=FUZZ_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=not RANDOM,
        phases=(Phase.explicit, Phase.generate, Phase.shrink),
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    @given(kind=kinds, garbage=_GARBAGE, case=cases)
    def check(kind: str, garbage: str, case: Any) -> None:
        request = request_of(case, fuzzer.authorization(kind, garbage))
        response = fuzzer.run(send(fuzzer.stack.http, request))
        where = f"{kind}: {request.method} {request.url} body={request.body!r:.300}"
        assert response.status_code < 500, (where, response.text[:500])
        if response.status_code >= 400:
            assert_error_shape(response, where)
        case.validate_response(response, checks=CHECKS)

    await asyncio.to_thread(check)


def test_every_operation_is_fuzzed() -> None:
    """The parametrization covers the document (a new route is fuzzed without editing this file)."""
    assert len(_operations()) >= 70

"""The widget's HTTP needs: CORS for the operator's origins (QUESTLINE_WIDGET_ORIGINS), weak ETags
on `/v1/me` reads, and the dev-only demo page `/widget/demo`."""

from __future__ import annotations

import secrets as secrets_module
from collections.abc import AsyncIterator

import httpx
import pytest
from temporalio.testing import WorkflowEnvironment

from api.app import create_app
from settings import Settings
from tests.api.helpers import create_mission, uid
from tests.conftest import ADMIN_KEY, Stack, make_settings

SHOP = "https://shop.example"


@pytest.fixture(scope="module")
async def dev_stack(database_url: str, dev_env: WorkflowEnvironment) -> AsyncIterator[Stack]:
    """A stack in dev mode whose widget may be embedded by https://shop.example."""
    # `open_stack`'s own `env` parameter is the Temporal environment: the app is built here (no
    # worker: nothing here starts a journey).
    settings = make_settings(
        database_url, dev_env.client.service_client.config.target_host, uid("q"), env="dev", widget_origins=[SHOP]
    )
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://questline.test") as http:
            yield Stack(http=http, settings=settings, env=dev_env, engine=None, app=app)  # type: ignore[arg-type]


async def token(stack: Stack, user_id: str) -> str:
    r = await stack.http.post(f"/v1/users/{user_id}/token", headers=stack.headers("client"))
    assert r.status_code == 201, r.text
    return str(r.json()["token"])


async def test_a_listed_origin_may_call_the_user_routes_and_load_the_widget(dev_stack: Stack) -> None:
    pre = await dev_stack.http.options(
        "/v1/me/missions",
        headers={
            "Origin": SHOP,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization, if-none-match",
        },
    )
    assert pre.status_code == 200, pre.text
    assert pre.headers["access-control-allow-origin"] == SHOP
    allowed = pre.headers["access-control-allow-headers"].lower()
    assert "authorization" in allowed and "if-none-match" in allowed
    me = await dev_stack.http.get(
        "/v1/me/missions", headers={"Origin": SHOP, "Authorization": f"Bearer {await token(dev_stack, uid())}"}
    )
    assert me.status_code == 200
    assert me.headers["access-control-allow-origin"] == SHOP
    assert "etag" in me.headers["access-control-expose-headers"].lower()
    # A 401 is readable too, so the widget can tell that its token expired.
    expired = await dev_stack.http.get("/v1/me/missions", headers={"Origin": SHOP, "Authorization": "Bearer nope"})
    assert expired.status_code == 401
    assert expired.headers["access-control-allow-origin"] == SHOP
    for path in ("/widget/questline.js", "/static/lib/dom.js"):
        script = await dev_stack.http.get(path, headers={"Origin": SHOP})
        assert script.status_code == 200, path
        assert script.headers["access-control-allow-origin"] == SHOP, path


async def test_other_origins_and_other_routes_get_no_cors(dev_stack: Stack) -> None:
    other = await dev_stack.http.get("/widget/questline.js", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers
    admin = await dev_stack.http.get("/v1/missions", headers={"Origin": SHOP, "Authorization": f"Bearer {ADMIN_KEY}"})
    assert admin.status_code == 200
    assert "access-control-allow-origin" not in admin.headers
    pre = await dev_stack.http.options("/v1/events", headers={"Origin": SHOP, "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in pre.headers


async def test_by_default_no_origin_is_allowed(stack: Stack) -> None:
    assert stack.settings.widget_origins == []
    r = await stack.http.get("/widget/questline.js", headers={"Origin": SHOP})
    assert r.status_code == 200
    assert "access-control-allow-origin" not in r.headers


def test_origins_are_read_comma_separated_and_star_is_refused_in_production(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("QUESTLINE_WIDGET_ORIGINS", "https://a.example, http://localhost:3000/")
    assert Settings(env="test").widget_origins == ["https://a.example", "http://localhost:3000"]
    monkeypatch.setenv("QUESTLINE_WIDGET_ORIGINS", "*")
    assert Settings(env="dev").widget_origins == ["*"]
    secrets = {
        name: secrets_module.token_hex(16) for name in ("admin_key", "client_key", "token_secret", "callback_secret")
    }
    with pytest.raises(ValueError, match="QUESTLINE_WIDGET_ORIGINS"):
        Settings(env="production", **secrets)
    monkeypatch.setenv("QUESTLINE_WIDGET_ORIGINS", "https://a.example")
    assert Settings(env="production", **secrets).widget_origins == ["https://a.example"]
    monkeypatch.setenv("QUESTLINE_WIDGET_ORIGINS", "https://a.example/path")
    with pytest.raises(ValueError, match="not an origin"):
        Settings(env="test")


async def test_user_reads_carry_a_weak_etag_and_answer_304_when_unchanged(stack: Stack) -> None:
    user = uid()
    auth = {"Authorization": f"Bearer {await token(stack, user)}"}
    first = await stack.http.get("/v1/me/wallet", headers=auth)
    assert first.status_code == 200
    tag = first.headers["etag"]
    assert tag.startswith('W/"')
    again = await stack.http.get("/v1/me/wallet", headers={**auth, "If-None-Match": tag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == tag
    # A change (a mission the user now sees) is a new tag and a full answer.
    listed = await stack.http.get("/v1/me/missions", headers=auth)
    await create_mission(
        stack, {"type": "generally_available", "goal": {"kind": "event", "event_type": uid("t"), "count": 1}}
    )
    changed = await stack.http.get("/v1/me/missions", headers={**auth, "If-None-Match": listed.headers["etag"]})
    assert changed.status_code == 200
    assert changed.headers["etag"] != listed.headers["etag"]
    # Admin routes get none.
    admin = await stack.http.get("/v1/missions", headers=stack.headers("admin"))
    assert "etag" not in admin.headers


async def test_the_demo_page_is_served_in_dev_with_a_working_token(dev_stack: Stack) -> None:
    page = await dev_stack.http.get("/widget/demo")
    assert page.status_code == 200
    assert "<questline-missions" in page.text and "/widget/questline.js" in page.text
    demo_token = page.text.split('token="', 1)[1].split('"', 1)[0]
    me = await dev_stack.http.get("/v1/me", headers={"Authorization": f"Bearer {demo_token}"})
    assert me.status_code == 200 and me.json()["id"] == "demo-user"
    fresh = await dev_stack.http.post("/widget/demo/token")
    assert fresh.status_code == 200
    assert (await dev_stack.http.get("/v1/me", headers={"Authorization": f"Bearer {fresh.json()['token']}"})).json()[
        "id"
    ] == "demo-user"
    assert "/widget/demo" not in str((await dev_stack.http.get("/openapi.json")).json()["paths"])


async def test_the_demo_page_is_404_outside_dev(stack: Stack) -> None:
    assert stack.settings.env != "dev"
    assert (await stack.http.get("/widget/demo")).status_code == 404
    assert (await stack.http.post("/widget/demo/token")).status_code == 404

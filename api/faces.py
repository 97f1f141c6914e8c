"""The two faces on the public API: the end-user widget (`/widget/`) and the admin console (`/console`).

Both are static ES modules (no build step) in `api/static/widget/` and `api/static/console/`,
sharing `api/static/lib/`; they hold no rules of their own and call only the public routes
(`design/ui.md`). Neither page is part of the OpenAPI document.

Also here: what the widget needs of the HTTP layer — weak ETags on `/v1/me` reads (`api.etag`),
CORS for the operator's own origins (`api.cors`, `QUESTLINE_WIDGET_ORIGINS`) — and, in dev only,
the demo page `/widget/demo` with a token minted for the demo user.
"""

from __future__ import annotations

import json
from html import escape

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from api.auth import issue_token
from api.cors import WidgetCors
from api.errors import ApiError
from api.etag import ETagMiddleware
from api.front import STATIC_DIR
from services.container import Services
from settings import Settings

WIDGET_PATH = "/widget"
CONSOLE_PATH = "/console"
DEMO_PATH = f"{WIDGET_PATH}/demo"
#: The user the demo page shows (devstack/demo.py seeds missions for them).
DEMO_USER_ID = "demo-user"


def install(app: FastAPI, settings: Settings) -> None:
    """Mounts the widget's and the console's files on `app`, and the widget's middleware."""
    app.include_router(_router(settings))
    app.mount(f"{CONSOLE_PATH}/", StaticFiles(directory=STATIC_DIR / "console", html=True), name="console")
    app.mount(f"{WIDGET_PATH}/", StaticFiles(directory=STATIC_DIR / "widget"), name="widget")
    app.add_middleware(ETagMiddleware)
    if settings.widget_origins:
        # Outermost: a preflight is answered before any other middleware reads the request.
        app.add_middleware(WidgetCors, origins=settings.widget_origins)


def _router(settings: Settings) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get(CONSOLE_PATH)
    async def console_root() -> RedirectResponse:
        return RedirectResponse(f"{CONSOLE_PATH}/", status_code=307)

    @router.get(DEMO_PATH, response_class=HTMLResponse)
    async def widget_demo(request: Request) -> HTMLResponse:
        _demo_only(settings)
        token = _demo_token(request)
        return HTMLResponse(demo_page_html(token), headers={"Cache-Control": "no-store"})

    @router.post(f"{DEMO_PATH}/token")
    async def widget_demo_token(request: Request) -> JSONResponse:
        _demo_only(settings)
        return JSONResponse({"token": _demo_token(request)}, headers={"Cache-Control": "no-store"})

    return router


def _demo_only(settings: Settings) -> None:
    if settings.env != "dev":
        raise ApiError(404, "not_found", "the widget demo is served only when QUESTLINE_ENV=dev")


def _demo_token(request: Request) -> str:
    """A user token for the demo user, minted as `POST /v1/users/{id}/token` mints one."""
    services: Services = request.app.state.services
    ttl = services.users.token_ttl(None)
    token, _ = issue_token(services.settings.token_secret, DEMO_USER_ID, ttl)
    return token


def demo_page_html(token: str) -> str:
    """The demo page: the widget for the demo user; a new token is fetched when it expires."""
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Questline — widget demo</title>
<style>
  body {{ margin: 0; font-family: system-ui, sans-serif; background: #eef0f6; color: #1f2430; }}
  header, main {{ max-width: 960px; margin: 0 auto; padding: 12px 16px; }}
  header p {{ color: #4d5566; margin: 4px 0 0; }}
  questline-missions {{ border-radius: 12px; --questline-accent: #4f46e5; }}
</style>
<script type="module" src="{WIDGET_PATH}/questline.js"></script>
</head>
<body>
<header>
  <h1>Widget demo</h1>
  <p>The missions widget for the demo user <code>{escape(DEMO_USER_ID)}</code>, as an operator's page would embed it.
  Send events for this user with the client key to see it move.</p>
</header>
<main>
  <questline-missions api="" lang="en" token="{escape(token)}"></questline-missions>
</main>
<script type="module">
  // The host's side of the token-expiry contract: fetch a new token, hand it to the widget.
  document.addEventListener("questline:token-expired", async (event) => {{
    const response = await fetch({json.dumps(DEMO_PATH + "/token")}, {{ method: "POST" }});
    if (response.ok) event.detail.provide((await response.json()).token);
  }});
</script>
</body>
</html>
"""

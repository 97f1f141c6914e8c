"""The two faces on the public API: the end-user widget (`/widget/`) and the admin console (`/console`).

Both are static ES modules (no build step) in `api/static/widget/` and `api/static/console/`,
sharing `api/static/lib/`; they hold no rules of their own and call only the public routes
(`design/ui.md`). Neither page is part of the OpenAPI document.
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from api.front import STATIC_DIR
from settings import Settings

WIDGET_PATH = "/widget"
CONSOLE_PATH = "/console"


def install(app: FastAPI, settings: Settings) -> None:
    """Mounts the widget's and the console's files on `app`."""
    app.include_router(_router())
    app.mount(f"{CONSOLE_PATH}/", StaticFiles(directory=STATIC_DIR / "console", html=True), name="console")
    app.mount(f"{WIDGET_PATH}/", StaticFiles(directory=STATIC_DIR / "widget"), name="widget")


def _router() -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get(CONSOLE_PATH)
    async def console_root() -> RedirectResponse:
        return RedirectResponse(f"{CONSOLE_PATH}/", status_code=307)

    return router

"""The front door: the root page (where to go next) and the API docs, working offline.

FastAPI's own `/docs` and `/redoc` load Swagger UI and ReDoc from a CDN, so on a machine without
internet they are blank. Here both are served from `api/static/vendor/` (vendored from npm, with
their licences; `api/static/vendor/README.md` says which versions), and none of these pages
reaches outside the API. They are public, like `/openapi.json`, and not part of the OpenAPI
document.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

STATIC_DIR = Path(__file__).parent / "static"
STATIC_PATH = "/static"
VENDOR = f"{STATIC_PATH}/vendor"
#: Swagger UI's default would ask validator.swagger.io about the document: nothing leaves the API.
# Tags start folded: the reference has well over a hundred operations, and Swagger UI given all of
# them unfolded at once stops rendering part-way (seen with the full document: two tags of 19).
SWAGGER_PARAMETERS = {
    "validatorUrl": None,
    "deepLinking": True,
    "persistAuthorization": False,
    "docExpansion": "none",
}


def install(app: FastAPI, *, temporal_ui_url: str = "", demo: bool = False) -> None:
    """Mounts the static files and adds `/`, `/docs` and `/redoc` to `app` (which must have been
    created with `docs_url=None, redoc_url=None`); `demo` links the widget's demo page."""
    app.mount(STATIC_PATH, StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(_router(app, temporal_ui_url, demo))


def _router(app: FastAPI, temporal_ui_url: str, demo: bool) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    openapi_url = app.openapi_url or "/openapi.json"

    @router.get("/", response_class=HTMLResponse)
    async def front_page() -> HTMLResponse:
        return HTMLResponse(front_page_html(app.title, app.version, openapi_url, temporal_ui_url, demo=demo))

    @router.get("/docs", response_class=HTMLResponse)
    async def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{app.title} — API reference",
            swagger_js_url=f"{VENDOR}/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url=f"{VENDOR}/swagger-ui/swagger-ui.css",
            swagger_favicon_url=f"{VENDOR}/swagger-ui/favicon-32x32.png",
            swagger_ui_parameters=SWAGGER_PARAMETERS,
        )

    @router.get("/redoc", response_class=HTMLResponse)
    async def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url=openapi_url,
            title=f"{app.title} — API reference",
            redoc_js_url=f"{VENDOR}/redoc/redoc.standalone.js",
            redoc_favicon_url=f"{VENDOR}/swagger-ui/favicon-32x32.png",
            with_google_fonts=False,
        )

    return router


def _link(href: str, label: str, about: str) -> str:
    return f'<li><a href="{escape(href)}">{escape(label)}</a><span>{escape(about)}</span></li>'


def front_page_html(title: str, version: str, openapi_url: str, temporal_ui_url: str, *, demo: bool = False) -> str:
    """The root page: what this server is and where to go from here."""
    links = [
        _link("/console/", "Console", "missions, the review queue, users, statistics (sign in with the admin key)"),
    ]
    if demo:
        links.append(_link("/widget/demo", "Widget demo", "what a user sees: the missions widget for a demo user"))
    links += [
        _link("/docs", "API reference", "every route, try them out (Swagger UI)"),
        _link("/redoc", "API reference, for reading", "the same document as one long page (ReDoc)"),
        _link(openapi_url, "OpenAPI document", "the contract as JSON, for client generators"),
        _link("/readyz", "Readiness", "whether PostgreSQL and Temporal answer"),
    ]
    if temporal_ui_url:
        links.append(_link(temporal_ui_url, "Temporal UI", "every journey as a workflow: search MissionId / UserId"))
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<link rel="icon" href="{VENDOR}/swagger-ui/favicon-32x32.png">
<style>
  :root {{ --ink: #1d2433; --muted: #5b6475; --accent: #3b5bdb; --paper: #f7f8fb; --card: #fff; }}
  * {{ box-sizing: border-box; }}
  body {{ margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink);
         background: var(--paper); }}
  main {{ max-width: 40rem; margin: 0 auto; padding: 3rem 1.25rem; }}
  h1 {{ margin: 0 0 .25rem; font-size: 1.75rem; }}
  p.lead {{ margin: 0 0 2rem; color: var(--muted); }}
  ul {{ list-style: none; margin: 0; padding: 0; display: grid; gap: .75rem; }}
  li {{ background: var(--card); border: 1px solid #e3e6ee; border-radius: .75rem; padding: 1rem 1.25rem; }}
  li a {{ display: block; font-weight: 600; color: var(--accent); text-decoration: none; }}
  li a:hover, li a:focus {{ text-decoration: underline; }}
  li span {{ display: block; color: var(--muted); font-size: .925rem; }}
  footer {{ margin-top: 2rem; color: var(--muted); font-size: .875rem; }}
</style>
</head>
<body>
<main>
  <h1>{escape(title)}</h1>
  <p class="lead">Durable missions for your users. This server answers the API below; admins sign
  in with the admin key, your backend with the client key, and users with a token from
  <code>POST /v1/users/{{user_id}}/token</code>.</p>
  <ul>
    {"".join(links)}
  </ul>
  <footer>Questline {escape(version)}</footer>
</main>
</body>
</html>
"""

"""The front door (issue 15): `/` says where to go instead of a JSON 404, and the API docs work
offline — their scripts and styles come from the API itself, never from a CDN."""

from __future__ import annotations

import re

from tests.conftest import Stack

#: Any absolute URL a page might make the browser fetch (a script, a style, a font, an image).
FETCHED = re.compile(r"""(?:src|href)\s*=\s*["'](https?:)?//""", re.IGNORECASE)


async def test_the_root_page_says_where_to_go(stack: Stack) -> None:
    r = await stack.http.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    for href in ('href="/docs"', 'href="/redoc"', 'href="/openapi.json"', 'href="/readyz"'):
        assert href in r.text
    assert not FETCHED.search(r.text), "the root page fetches nothing from outside the API"


async def test_swagger_ui_and_redoc_load_their_assets_from_the_api(stack: Stack) -> None:
    for page, assets in {
        "/docs": ["/static/vendor/swagger-ui/swagger-ui-bundle.js", "/static/vendor/swagger-ui/swagger-ui.css"],
        "/redoc": ["/static/vendor/redoc/redoc.standalone.js"],
    }.items():
        r = await stack.http.get(page)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html"), page
        assert "cdn.jsdelivr.net" not in r.text and "fonts.googleapis.com" not in r.text, page
        assert not FETCHED.search(r.text), f"{page} fetches from outside the API"
        for asset in assets:
            assert f'"{asset}"' in r.text, (page, asset)
            got = await stack.http.get(asset)
            assert got.status_code == 200, asset
            kind = "javascript" if asset.endswith(".js") else "css"
            assert kind in got.headers["content-type"], (asset, got.headers["content-type"])
            assert len(got.content) > 100_000, asset  # the real bundle, not a stub
    r = await stack.http.get("/docs")
    assert '"validatorUrl": null' in r.text  # Swagger UI would otherwise ask validator.swagger.io


async def test_the_front_door_is_not_part_of_the_api_contract(stack: Stack) -> None:
    paths = (await stack.http.get("/openapi.json")).json()["paths"]
    assert not {"/", "/docs", "/redoc"} & set(paths)
    assert not any(p.startswith("/static") for p in paths)


async def test_an_unknown_static_file_is_a_404(stack: Stack) -> None:
    r = await stack.http.get("/static/vendor/nope.js")
    assert r.status_code == 404

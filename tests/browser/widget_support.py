"""Helpers of the widget's browser tests: a host page on the stack's origin embedding
`<questline-missions>`, locators inside its shadow root, and setup through the API."""

from __future__ import annotations

import struct
import uuid
import zlib
from html import escape
from typing import Any

from playwright.async_api import Locator, Page, Route

from tests.browser.conftest import Live, api, uid

WIDGET = "questline-missions"


def host_html(token: str, *, attrs: dict[str, str] | None = None, script: str = "") -> str:
    """An operator's page: the widget's script, the element, and the host's own script."""
    attrs = {"poll": "1", **(attrs or {})}
    extra = " ".join(f'{k}="{escape(v)}"' for k, v in attrs.items())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Host page</title>
<style>body {{ margin: 0; }}</style>
<script type="module" src="/widget/questline.js"></script></head>
<body><main><h1>My app</h1>
<questline-missions api="" token="{escape(token)}" {extra}></questline-missions></main>
<script>{script}</script></body></html>"""


async def open_widget(
    page: Page,
    live: Live,
    user: str,
    *,
    token: str | None = None,
    attrs: dict[str, str] | None = None,
    script: str = "",
) -> None:
    """Opens a host page (served on the stack's origin by the test) with the widget for `user`."""
    html = host_html(token or await live.user_token(user), attrs=attrs, script=script)
    path = f"/host-{uuid.uuid4().hex[:8]}.html"

    async def serve(route: Route) -> None:
        await route.fulfill(status=200, content_type="text/html", body=html)

    await page.route(f"{live.url}{path}", serve)
    await page.goto(f"{live.url}{path}")
    await page.locator(f"{WIDGET} [role=tabpanel]").wait_for()
    await page.wait_for_function(
        "() => { const w = document.querySelector('questline-missions');"
        " return w && w.shadowRoot && !w.shadowRoot.textContent.includes('Loading'); }"
    )


def card(page: Page, mission_id: str) -> Locator:
    return page.locator(f'{WIDGET} article.card[data-mission-id="{mission_id}"]')


def tab(page: Page, key: str) -> Locator:
    return page.locator(f'{WIDGET} [role=tab][data-tab="{key}"]')


def panel(page: Page) -> Locator:
    return page.locator(f"{WIDGET} [role=tabpanel]")


async def send_event(live: Live, user: str, type_: str, **fields: Any) -> None:
    body = {"id": uid("e"), "user_id": user, "type": type_, **fields}
    r = await api(live, "POST", "/v1/events", who="client", json=body)
    assert r.status_code == 202, r.text


def png(width: int = 4, height: int = 4) -> bytes:
    """A real, small PNG (an orange square)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\xff\x88\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")

"""Browser tests: real Chromium (the system's, through Playwright for Python) on the real stack.

The API of a stack of its own (a worker on its own task queue, on the session's Temporal dev
server and PostgreSQL) is served by uvicorn on a free 127.0.0.1 port, inside the test session's
event loop, so pages load it as a browser would. Nothing is downloaded: Chromium is
`QUESTLINE_CHROMIUM`, else `chromium` on the PATH (Debian's package, which `make test` installs
when it is absent), and every request a page makes to any other host is aborted, so a page that
would reach a CDN fails here as it would offline.

On failure, a screenshot of every page the test had open goes to the artifacts folder
(`QUESTLINE_ARTIFACTS`, else `test-artifacts/` in the repository), named after the test.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from playwright.async_api import Browser, BrowserContext, Page, Playwright, Route, async_playwright, expect
from temporalio.testing import WorkflowEnvironment

from devstack.processes import free_port
from devstack.social_emulator import Emulator
from tests.conftest import ADMIN_KEY, CLIENT_KEY, SOCIAL_CHECK_DELAY, Stack, open_stack

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
#: What the machine's probe found Chromium needs here: no GPU, no sandbox as root, and none of
#: its background calls to Google's hosts (refused on a closed network, many at a time).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}
TEMPORAL_UI_URL = "http://127.0.0.1:8233"

_reports = pytest.StashKey[dict[str, pytest.TestReport]]()

#: How long an `expect` waits for the page: actions go through a journey workflow, and on a loaded
#: 2-core CI box (the whole suite beside other work) one took more than Playwright's default 5 s.
expect.set_options(timeout=15_000)


def artifacts_dir() -> Path:
    """Where failure screenshots (and screenshots tests take on purpose) go."""
    return Path(os.environ.get("QUESTLINE_ARTIFACTS") or ROOT / "test-artifacts")


def chromium_path() -> str:
    """The Chromium the tests drive: `QUESTLINE_CHROMIUM`, else `chromium` on the PATH."""
    configured = os.environ.get("QUESTLINE_CHROMIUM")
    if configured:
        if not Path(configured).exists():
            pytest.fail(f"QUESTLINE_CHROMIUM={configured} does not exist", pytrace=False)
        return configured
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.fail(
            "no Chromium for the browser tests: `make test` installs Debian's `chromium` package when it "
            "runs as root; otherwise install it (apt-get install chromium) or set QUESTLINE_CHROMIUM "
            "to a Chromium or Chrome binary",
            pytrace=False,
        )
    return found


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[pytest.TestReport]:
    """Keeps each phase's report on the item, so fixtures can tell at teardown whether the test failed."""
    report: pytest.TestReport = yield
    item.stash.setdefault(_reports, {})[report.when] = report
    return report


@dataclass
class Live:
    """The stack's API on a real socket: `url` for pages, `stack.http` (ASGI) for setting up data."""

    url: str
    stack: Stack
    host: str = field(init=False)

    def __post_init__(self) -> None:
        self.host = self.url.split("://", 1)[1]

    async def user_token(self, user_id: str, ttl: int | None = None) -> str:
        """A user token for `user_id` (the client key's route, as an operator's backend would call it)."""
        body = {"ttl": ttl} if ttl else None
        r = await self.stack.http.post(
            f"/v1/users/{user_id}/token", json=body, headers={"Authorization": f"Bearer {CLIENT_KEY}"}
        )
        assert r.status_code == 201, r.text
        token: str = r.json()["token"]
        return token

    @property
    def admin_key(self) -> str:
        return ADMIN_KEY

    @property
    def client_key(self) -> str:
        return CLIENT_KEY


@contextlib.asynccontextmanager
async def serve_stack(
    database_url: str,
    temporal: WorkflowEnvironment,
    emulator_server: tuple[Emulator, str],
    uploads: Path,
    **overrides: Any,
) -> AsyncIterator[Live]:
    """A stack (API + worker on their own task queue) with its app served by uvicorn on a free port."""
    emulator, emulator_url = emulator_server
    settings: dict[str, Any] = {
        "upload_dir": uploads,
        "social_check_delay": SOCIAL_CHECK_DELAY,
        "temporal_ui_url": TEMPORAL_UI_URL,
        **emulator.settings(emulator_url),
        **overrides,
    }
    async with open_stack(database_url, temporal, **settings) as stack:
        port = free_port()
        # The app's lifespan already runs (open_stack entered it): uvicorn only serves it.
        server = uvicorn.Server(
            uvicorn.Config(stack.app, host="127.0.0.1", port=port, lifespan="off", log_level="warning")
        )
        task = asyncio.create_task(server.serve())
        try:
            while not server.started:
                if task.done():
                    task.result()
                    raise RuntimeError("uvicorn stopped before it started")
                await asyncio.sleep(0.02)
            yield Live(url=f"http://127.0.0.1:{port}", stack=stack)
        finally:
            server.should_exit = True
            await task


@pytest.fixture(scope="session")
async def live(
    database_url: str,
    dev_env: WorkflowEnvironment,
    tmp_path_factory: pytest.TempPathFactory,
    emulator_server: tuple[Emulator, str],
) -> AsyncIterator[Live]:
    """A stack of the browser tests' own, its app served by uvicorn on a free port."""
    uploads = tmp_path_factory.mktemp("browser-uploads")
    async with serve_stack(database_url, dev_env, emulator_server, uploads) as served:
        yield served


@pytest.fixture(scope="session")
async def playwright() -> AsyncIterator[Playwright]:
    async with async_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
async def browser(playwright: Playwright) -> AsyncIterator[Browser]:
    """The system's Chromium, headless (never a downloaded build)."""
    launched = await playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
    try:
        yield launched
    finally:
        await launched.close()


async def _offline(route: Route, allowed_host: str) -> None:
    """Lets requests to the stack through and aborts the rest, as a machine without internet would."""
    url = route.request.url
    if url.startswith(("data:", "blob:")) or url.split("://", 1)[-1].split("/", 1)[0] == allowed_host:
        await route.continue_()
    else:
        await route.abort("internetdisconnected")


@pytest.fixture
async def context(browser: Browser, live: Live, request: pytest.FixtureRequest) -> AsyncIterator[BrowserContext]:
    """A fresh browser profile (own storage) at desktop size, cut off from every host but the stack's.

    On failure, a screenshot of each of its open pages goes to the artifacts folder."""
    ctx = await browser.new_context(viewport=DESKTOP)
    await ctx.route("**/*", lambda route: _offline(route, live.host))
    try:
        yield ctx
    finally:
        reports = request.node.stash.get(_reports, {})
        if any(report.failed for report in reports.values()):
            await screenshot_pages(ctx, request.node.nodeid)
        await ctx.close()


async def screenshot_pages(ctx: BrowserContext, nodeid: str) -> list[Path]:
    """Full-page screenshots of `ctx`'s pages, in `artifacts/<test>/page-N.png`."""
    folder = artifacts_dir() / re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid)
    folder.mkdir(parents=True, exist_ok=True)
    taken = []
    for n, page in enumerate(ctx.pages, 1):
        path = folder / f"page-{n}.png"
        try:
            await page.screenshot(path=str(path), full_page=True, timeout=5000)
        except Exception:  # a crashed or closed page: the others still get theirs
            continue
        taken.append(path)
    return taken


@pytest.fixture
async def page(context: BrowserContext) -> Page:
    """A page in the test's context (desktop size)."""
    return await context.new_page()


@pytest.fixture
async def phone(context: BrowserContext) -> Page:
    """A page 360 px wide, as on a small phone."""
    opened = await context.new_page()
    await opened.set_viewport_size(PHONE)
    return opened


async def assert_accessible(page: Page, *, context: str = "", exclude: list[str] | None = None) -> None:
    """Runs axe-core (vendored) on the page as it is now; fails on any serious or critical violation."""
    if not await page.evaluate("() => typeof window.axe !== 'undefined'"):
        await page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    options: dict[str, Any] = {"resultTypes": ["violations"]}
    target: Any = {"exclude": [[selector] for selector in exclude]} if exclude else None
    result = await page.evaluate(
        "([target, options]) => (target ? axe.run(Object.assign({include: [document]}, target), options)"
        " : axe.run(document, options))",
        [target, options],
    )
    bad = [v for v in result["violations"] if v.get("impact") in ("serious", "critical")]
    if bad:
        lines = []
        for v in bad:
            nodes = "; ".join(
                " ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
                for node in v["nodes"][:5]
            )
            lines.append(f"{v['impact']} {v['id']}: {v['help']} — {nodes}")
        raise AssertionError(f"axe-core found {len(bad)} serious/critical violation(s) {context}:\n" + "\n".join(lines))


async def save_screenshot(page: Page, name: str, *, full_page: bool = False) -> Path:
    """A screenshot taken on purpose (for the README): `artifacts/screenshots/<name>.png`, and also
    `QUESTLINE_SCREENSHOTS/<name>.png` when that variable names a folder (e.g. docs/screenshots)."""
    folder = artifacts_dir() / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    await page.screenshot(path=str(path), full_page=full_page)
    _copy_to(os.environ.get("QUESTLINE_SCREENSHOTS"), path)
    return path


def _copy_to(folder: str | None, path: Path) -> None:
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, Path(folder) / path.name)


def admin_headers() -> dict[str, str]:
    return {"Authorization": f"Bearer {ADMIN_KEY}"}


def client_headers() -> dict[str, str]:
    return {"Authorization": f"Bearer {CLIENT_KEY}"}


async def api(live: Live, method: str, path: str, *, who: str = "admin", **kwargs: Any) -> httpx.Response:
    """A call to the stack's API (over ASGI) to set up or check data beside what the page does."""
    headers = admin_headers() if who == "admin" else client_headers()
    return await live.stack.http.request(method, path, headers=headers, **kwargs)


def uid(prefix: str = "u") -> str:
    """A fresh id (or name), so tests own their data in the shared database."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


async def create_mission(live: Live, body: dict[str, Any], *, activate: bool = True) -> str:
    """Creates a mission through the admin API (named uniquely unless `body` names it), activated
    unless `activate` is false; returns its id."""
    r = await api(live, "POST", "/v1/missions", json={"name": uid("m"), **body})
    assert r.status_code == 201, r.text
    mission_id: str = r.json()["id"]
    if activate:
        r = await api(live, "POST", f"/v1/missions/{mission_id}/activate")
        assert r.status_code == 200, r.text
    return mission_id

"""The emulator itself: every platform under its prefix in one Starlette app, its control API, `serve`."""

from __future__ import annotations

import argparse
import contextlib
import socket
import threading
import time
from collections import defaultdict, deque
from collections.abc import Iterator

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route

from devstack.social_emulator.core import Credentials, Failure, World, json_response
from devstack.social_emulator.discord import DiscordWorld
from devstack.social_emulator.instagram import InstagramWorld
from devstack.social_emulator.telegram import TelegramWorld
from devstack.social_emulator.tiktok import TikTokWorld
from devstack.social_emulator.x import XWorld
from devstack.social_emulator.youtube import YouTubeWorld

#: Each platform's prefix on the emulator, and the part of the real base URL after the host.
PREFIXES = {
    "x": "/x",
    "discord": "/discord/api/v10",
    "telegram": "/telegram",
    "instagram": "/instagram/v21.0",
    "tiktok": "/tiktok",
    "youtube": "/youtube/v3",
}


class Emulator:
    """Every platform's state and endpoints in one Starlette app (`app`)."""

    def __init__(self, credentials: Credentials | None = None) -> None:
        self.credentials = credentials or Credentials()
        self.lock = threading.RLock()
        self.x = XWorld(self)
        self.discord = DiscordWorld(self)
        self.telegram = TelegramWorld(self)
        self.instagram = InstagramWorld(self)
        self.tiktok = TikTokWorld(self)
        self.youtube = YouTubeWorld(self)
        self.worlds: dict[str, World] = {
            w.name: w for w in (self.x, self.discord, self.telegram, self.instagram, self.tiktok, self.youtube)
        }
        self._failures: dict[str, deque[Failure]] = defaultdict(deque)
        self.requests: list[tuple[str, str, str]] = []
        routes: list[BaseRoute] = [Mount(PREFIXES[name], routes=w.routes()) for name, w in self.worlds.items()]
        routes += [
            Route("/_emulator/reset", self._control_reset, methods=["POST"]),
            Route("/_emulator/fail", self._control_fail, methods=["POST"]),
            Route("/_emulator/{platform}/{op}", self._control_op, methods=["POST"]),
        ]
        self.app = Starlette(routes=routes)

    def settings(self, url: str) -> dict[str, str]:
        """The `Settings` fields (lower-case names) that point every client at this emulator."""
        c = self.credentials
        return {
            "social_x_base_url": url + PREFIXES["x"],
            "social_x_token": c.x_token,
            "social_discord_base_url": url + PREFIXES["discord"],
            "social_discord_token": c.discord_token,
            "social_telegram_base_url": url + PREFIXES["telegram"],
            "social_telegram_token": c.telegram_token,
            "social_instagram_base_url": url + PREFIXES["instagram"],
            "social_instagram_token": c.instagram_token,
            "social_instagram_account_id": c.instagram_account_id,
            "social_tiktok_base_url": url + PREFIXES["tiktok"],
            "social_tiktok_client_key": c.tiktok_client_key,
            "social_tiktok_client_secret": c.tiktok_client_secret,
            "social_youtube_base_url": url + PREFIXES["youtube"],
            "social_youtube_key": c.youtube_key,
        }

    def reset(self) -> None:
        """Forgets all state, injected failures and recorded requests."""
        with self.lock:
            for world in self.worlds.values():
                world.clear()
            self._failures.clear()
            self.requests.clear()

    def fail(self, platform: str, status: int = 503, times: int = 1) -> None:
        """The next `times` requests to the platform answer `status` (a 5xx) as the platform does."""
        with self.lock:
            self._failures[platform].extend(Failure(status) for _ in range(times))

    def rate_limit(self, platform: str, retry_after: int = 1, times: int = 1) -> None:
        """The next `times` requests to the platform are rate limited, as that platform says it."""
        with self.lock:
            self._failures[platform].extend(Failure(429, retry_after) for _ in range(times))

    def requests_to(self, platform: str) -> int:
        """How many requests reached the platform since the last reset."""
        with self.lock:
            return sum(1 for p, _, _ in self.requests if p == platform)

    def take_failure(self, platform: str, request: Request) -> Failure | None:
        """Records the request; the failure to answer it with, if one is queued."""
        with self.lock:
            self.requests.append((platform, request.method, request.url.path))
            queue = self._failures[platform]
            return queue.popleft() if queue else None

    async def _control_reset(self, request: Request) -> Response:
        self.reset()
        return json_response({"ok": True})

    async def _control_fail(self, request: Request) -> Response:
        body = await request.json()
        status = int(body.get("status", 503))
        times = int(body.get("times", 1))
        if status == 429:
            self.rate_limit(str(body["platform"]), int(body.get("retry_after", 1)), times)
        else:
            self.fail(str(body["platform"]), status, times)
        return json_response({"ok": True})

    async def _control_op(self, request: Request) -> Response:
        world = self.worlds.get(request.path_params["platform"])
        op = request.path_params["op"]
        if world is None or op not in world.ops:
            return json_response({"error": f"unknown operation {request.path_params['platform']}/{op}"}, 404)
        kwargs = await request.json() if await request.body() else {}
        with self.lock:
            try:
                result = getattr(world, op)(**kwargs)
            except (TypeError, KeyError, ValueError) as exc:
                return json_response({"error": str(exc)}, 400)
        return json_response({"result": result})


@contextlib.contextmanager
def serve(emulator: Emulator, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Runs the emulator on a real socket (port 0 = a free one) in a thread; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    config = uvicorn.Config(emulator.app, log_level="warning", access_log=False, lifespan="off", ws="none")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="social-emulator", daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the social emulator did not start")
            time.sleep(0.005)
        yield f"http://{host}:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def main() -> None:
    """Runs the emulator in the foreground and prints the variables that point Questline at it."""
    parser = argparse.ArgumentParser(
        prog="python -m devstack.social_emulator", description="Local emulator of the social platforms' APIs."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8700)
    args = parser.parse_args()
    emulator = Emulator()
    for name, value in emulator.settings(f"http://{args.host}:{args.port}").items():
        print(f"QUESTLINE_{name.upper()}={value}")
    uvicorn.run(emulator.app, host=args.host, port=args.port, log_level="info", ws="none", lifespan="off")

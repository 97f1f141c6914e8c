"""A local emulator of the platform endpoints the `social` clients call, for tests and development.

One HTTP server serves every platform under its own prefix, with the real paths, parameters,
response shapes and error shapes (see each client's docstring):

    /x/2/...                 X API v2                   QUESTLINE_SOCIAL_X_BASE_URL=<url>/x
    /discord/api/v10/...     Discord REST               QUESTLINE_SOCIAL_DISCORD_BASE_URL=<url>/discord/api/v10
    /telegram/bot<token>/... Telegram Bot API           QUESTLINE_SOCIAL_TELEGRAM_BASE_URL=<url>/telegram
    /instagram/v21.0/...     Instagram Graph API        QUESTLINE_SOCIAL_INSTAGRAM_BASE_URL=<url>/instagram/v21.0
    /tiktok/v2/...           TikTok OAuth + Research    QUESTLINE_SOCIAL_TIKTOK_BASE_URL=<url>/tiktok
    /youtube/v3/...          YouTube Data API v3        QUESTLINE_SOCIAL_YOUTUBE_BASE_URL=<url>/youtube/v3

State is set in Python (`emulator.x.follow("alice", "brand")`) or over HTTP
(`POST /_emulator/x/follow {"user": "alice", "target": "brand"}`, `POST /_emulator/reset`).
Anything added with `hidden_reads=n` stays invisible to the next n listings that would show it
(a post that takes a while to appear); `fail(platform, 503)` and `rate_limit(platform, 5)` make the
next requests to a platform fail as that platform does. Credentials are checked like the real
APIs do, against `Credentials`.

    python -m devstack.social_emulator --port 8700    # prints the QUESTLINE_SOCIAL_* variables to use

Modules: `core` (what every platform shares: `Credentials`, `Fact`, `World`), one per platform
(`x`, `discord`, `telegram`, `instagram`, `tiktok`, `youtube`), and `server` (`Emulator`, its
control API under `/_emulator/`, `serve` on a socket in a thread, `main`). A dev and test tool:
nothing in the product imports it.
"""

from devstack.social_emulator.core import Credentials
from devstack.social_emulator.server import PREFIXES, Emulator, serve

__all__ = ["PREFIXES", "Credentials", "Emulator", "serve"]

"""One client per platform, built from the settings, behind the one `check` call."""

from __future__ import annotations

from datetime import datetime

import httpx

from domain.missions import SocialGoal
from domain.social_support import Platform
from domain.social_verification import Verdict
from settings import Settings
from social.client import Clock, PlatformClient, utcnow
from social.discord import DiscordClient
from social.instagram import InstagramClient
from social.telegram import TelegramClient
from social.tiktok import TikTokClient
from social.x import XClient
from social.youtube import YouTubeClient


class Verifiers:
    """Every platform's client; create once per process (clients cache tokens) with the shared http client."""

    def __init__(self, http: httpx.AsyncClient, settings: Settings, *, clock: Clock = utcnow) -> None:
        self.clients: dict[Platform, PlatformClient] = {
            "x": XClient.from_settings(http, settings, clock=clock),
            "discord": DiscordClient.from_settings(http, settings, clock=clock),
            "telegram": TelegramClient.from_settings(http, settings, clock=clock),
            "instagram": InstagramClient.from_settings(http, settings, clock=clock),
            "tiktok": TikTokClient.from_settings(http, settings, clock=clock),
            "youtube": YouTubeClient.from_settings(http, settings, clock=clock),
        }

    def configured(self, platform: Platform) -> bool:
        """True when the platform's credentials are set (missions on it can be verified)."""
        return self.clients[platform].configured

    async def check(self, goal: SocialGoal, handle: str, since: datetime | None) -> Verdict:
        """Whether `handle` did `goal`; raises a `social.errors.SocialError` when the platform cannot say."""
        return await self.clients[goal.platform].check(goal, handle, since)

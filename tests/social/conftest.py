"""The platform emulator (`emulator_server` in tests/conftest.py, one per session), state reset per test."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from devstack.social_emulator import Emulator
from settings import Settings
from social.verifiers import Verifiers


@pytest.fixture
def emu(emulator_server: tuple[Emulator, str]) -> Emulator:
    """The emulator, emptied for this test (tests own their data)."""
    emulator, _ = emulator_server
    emulator.reset()
    return emulator


@pytest.fixture
def emu_url(emulator_server: tuple[Emulator, str]) -> str:
    """The emulator's base URL."""
    return emulator_server[1]


def social_settings(emu: Emulator, url: str, **overrides: Any) -> Settings:
    """Test settings whose platform base URLs and credentials point at the emulator."""
    return Settings(env="test", **{**emu.settings(url), **overrides})


@pytest.fixture
def settings(emu: Emulator, emu_url: str) -> Settings:
    """Settings pointing every platform at the emulator."""
    return social_settings(emu, emu_url)


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    """The shared HTTP client, as the worker creates it."""
    async with httpx.AsyncClient() as client:
        yield client


@pytest.fixture
def verifiers(http: httpx.AsyncClient, settings: Settings) -> Verifiers:
    """Every platform client, on the emulator."""
    return Verifiers(http, settings)

"""Clients of the social platforms' public APIs that verify social goals (docs/missions.md §5).

    social/client.py     the shared `check` entry point and HTTP error mapping
    social/errors.py     SocialError ─ NotConfigured · Unsupported · Rejected · Unavailable ─ RateLimited
    social/<platform>.py one client per platform: x, discord, telegram, instagram, tiktok, youtube
    social/verifiers.py  `Verifiers(http, settings).check(goal, handle, since) -> Verdict`

A local HTTP emulator of the endpoints the clients call (tests, dev) lives with the dev tools,
in `devstack/social_emulator/`.

The rules they share (support matrix, handle and target forms, verdicts, cooldown) are pure and
live in `domain/social_*.py`. This package does I/O: workflows never import it.
"""

"""Magic links: who a mission's shareable link opens it for, and the rule that decides it.

A link's audience is `anyone` (also people who are not yet users: they see the mission and are
asked to sign up in the operator's app), `registered` (the default: users Questline knows, i.e.
with a row in `users`) or `segment:<id>` (the segment's members only). `admit` is the one rule.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field

#: `anyone`, `registered` or `segment:<segment id>`.
LinkAudience = Annotated[
    str,
    Field(
        pattern=r"^(anyone|registered|segment:\S{1,200})$",
        max_length=208,
        description="Who the mission's magic link opens it for: `anyone` (also people who are not yet users),"
        " `registered` (users Questline knows; the default) or `segment:<segment id>` (its members).",
        examples=["registered", "anyone", "segment:vip"],
    ),
]

DEFAULT_AUDIENCE = "registered"
SEGMENT_PREFIX = "segment:"
#: Bytes of randomness in a link token (base64url: 22 characters).
TOKEN_BYTES = 16


def new_token() -> str:
    """A fresh, unguessable link token."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def segment_of(audience: str) -> str | None:
    """The segment id of a `segment:<id>` audience, None for the others."""
    return audience[len(SEGMENT_PREFIX) :] if audience.startswith(SEGMENT_PREFIX) else None


class Refusal(StrEnum):
    """Why a link does not open its mission for this visitor."""

    NOT_REGISTERED = "not_registered"
    NOT_IN_SEGMENT = "not_in_segment"


@dataclass(frozen=True)
class Visitor:
    """Who follows the link: a user id (or None for an anonymous visitor), whether Questline knows
    them, and the segments they are in."""

    user_id: str | None
    registered: bool
    segments: frozenset[str]


def admit(audience: str, visitor: Visitor) -> Refusal | None:
    """None when the link opens its mission for `visitor`, else why not."""
    if audience == "anyone":
        return None
    if not visitor.registered:
        return Refusal.NOT_REGISTERED
    segment = segment_of(audience)
    if segment is not None and segment not in visitor.segments:
        return Refusal.NOT_IN_SEGMENT
    return None


AudienceSource = Literal["link", "spec", "default"]


def effective_audience(link_audience: str | None, spec_audience: str | None) -> tuple[str, AudienceSource]:
    """The audience in force: the one set on the link (`PUT .../link`), else the mission spec's,
    else `registered`; with where it comes from."""
    if link_audience is not None:
        return link_audience, "link"
    if spec_audience is not None:
        return spec_audience, "spec"
    return DEFAULT_AUDIENCE, "default"

"""System events: the built-in event types operators can build missions on. Pure.

Questline logs them itself, under reserved `questline.` types and deterministic ids (so a retry
never counts twice); clients can send neither (`POST /v1/events` answers 422 naming the field).
A mission counts them like any other event type (an `event` goal with `event_type` and tags).

- `questline.widget_opened`: the widget was opened (once per user per minute).
- `questline.referral`: a user the referrer referred sent their first event (once per referred user).
- `questline.mission_completed`: the user completed a mission (tags `mission:<id>`, `category:<id>`).
- `questline.tier_reached`: the user reached a tier for the first time (tag: the tier's name).

No loop: a completion of a mission whose own goal counts `questline.mission_completed` is tagged
`NOT_COUNTED` and counts for no mission (neither itself nor another such mission), so a mission
counting completions never counts its own, and no two such missions can feed each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from domain.internal_events import MISSION_COMPLETED

WIDGET_OPENED = "questline.widget_opened"
REFERRAL = "questline.referral"
TIER_REACHED = "questline.tier_reached"
MISSION_COMPLETED_EVENT = MISSION_COMPLETED

#: The tag of a completion no mission counts (the completed mission itself counts completions).
NOT_COUNTED = "questline:not_counted"


@dataclass(frozen=True)
class SystemEventType:
    """A built-in event type as `GET /v1/event-types` describes it."""

    type: str
    description: str
    #: The event's data: attribute name -> what it holds.
    attributes: dict[str, str]
    #: The tags it carries, as patterns (what a goal's `tags` can name).
    tags: tuple[str, ...] = ()


SYSTEM_EVENT_TYPES: tuple[SystemEventType, ...] = (
    SystemEventType(
        WIDGET_OPENED,
        "The user opened the widget (sent by the widget; at most once per user per minute)",
        {"page_load_id": "the widget's page load that opened it first in that minute (may be absent)"},
    ),
    SystemEventType(
        REFERRAL,
        "A user this user referred (POST /v1/users/{id}/referrals) sent their first event; once per referred user",
        {"referred_user_id": "the referred user"},
    ),
    SystemEventType(
        MISSION_COMPLETED,
        "The user completed a mission (each completion, each cycle); a completion of a mission that itself "
        "counts questline.mission_completed counts for no mission",
        {"mission_id": "the completed mission", "category_id": "its category (null: none)", "completion": "1, 2..."},
        ("mission:<mission id>", "category:<category id>"),
    ),
    SystemEventType(
        TIER_REACHED,
        "The user reached a tier for the first time (each tier passed on the way up fires once)",
        {"tier": "the tier reached", "previous": "the tier before (null: none)"},
        ("<tier name>",),
    ),
)

SYSTEM_TYPES = frozenset(t.type for t in SYSTEM_EVENT_TYPES)


def widget_opened_id(user_id: str, at: datetime) -> str:
    """One widget-opened event per user per minute (UTC)."""
    return f"{WIDGET_OPENED}:{user_id}:{at.strftime('%Y-%m-%dT%H:%M')}"


def referral_id(referred_user_id: str) -> str:
    """The referral fires once per referred user."""
    return f"{REFERRAL}:{referred_user_id}"


def tier_reached_id(user_id: str, tier: str) -> str:
    """A user reaches each tier once."""
    return f"{TIER_REACHED}:{user_id}:{tier}"


def completion_tags(mission_id: str, category_id: str | None, *, counts_completions: bool) -> list[str]:
    """The tags of a mission's completion event (see the module's "No loop")."""
    tags = [f"mission:{mission_id}"] + ([f"category:{category_id}"] if category_id else [])
    return tags + ([] if not counts_completions else [NOT_COUNTED])


def not_counted(event_type: str, tags: Iterable[str]) -> bool:
    """Whether this event counts for no mission (a completion of a mission counting completions)."""
    return event_type == MISSION_COMPLETED and NOT_COUNTED in tags


def tiers_passed(tiers: Sequence[str], before: str | None, after: str | None) -> list[str]:
    """The tiers reached going from `before` to `after`, lowest first (tiers lowest first); none going down."""
    if after is None or after not in tiers:
        return []
    start = tiers.index(before) + 1 if before in tiers else 0
    end = tiers.index(after) + 1
    return list(tiers[start:end])

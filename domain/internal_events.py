"""The events Questline emits itself (its announcements), defined once. Pure.

They go through the event log and the router like a client's events, which is how a completion
unlocks dependants and a segment entry grants a featured mission. Clients may neither send such
types nor use such ids: both start with `INTERNAL_PREFIX`.
"""

from __future__ import annotations

#: Types and ids of Questline's own events start with this; clients' may not.
INTERNAL_PREFIX = "questline."
#: A user completed a mission (attributes: `mission_id`); unlocks the missions that wait for it.
MISSION_COMPLETED = "questline.mission_completed"
#: A user completed every active mission of a quest (attributes: `quest_id`).
QUEST_COMPLETED = "questline.quest_completed"
#: A user entered a segment (attributes: `segment_id`); grants its trigger missions.
SEGMENT_ENTERED = "questline.segment_entered"
#: A user left a segment (attributes: `segment_id`).
SEGMENT_LEFT = "questline.segment_left"
#: A user's effective tier changed (attributes: `tier`, `previous`); opens `min_tier` missions.
TIER_CHANGED = "questline.tier_changed"
#: Internal events after which a user's eligibility for segment- or tier-limited missions may differ.
AUDIENCE_CHANGES = frozenset({SEGMENT_ENTERED, SEGMENT_LEFT, TIER_CHANGED})


def is_internal(value: str) -> bool:
    """Whether an event type or id is reserved for Questline's own events."""
    return value.startswith(INTERNAL_PREFIX)

"""Payloads of the enrolment workflow: one model per input, signal, update and activity.

Models (not positional arguments) so a field can be added later without breaking histories of
running journeys: new fields must have defaults.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field

from domain.journey import EnrolmentStatus, Journey, MissionContext

#: The task queue name is a setting; these are the workflow type and message names.
WORKFLOW_NAME = "Enrolment"


def enrolment_id(mission_id: str, user_id: str, cycle: int | None = None) -> str:
    """The workflow id of a (mission, user) enrolment: a business key, so starts are idempotent.

    A recurring mission has one journey per cycle, so its cycle is part of the key.
    """
    base = f"enrolment:{mission_id}:{user_id}"
    return base if cycle is None else f"{base}:{cycle}"


class EventIn(BaseModel):
    """One user event delivered to a journey (already stored in the event log)."""

    id: str
    type: str
    value: Decimal | None = None
    tags: list[str] = Field(default_factory=list)
    received_at: datetime
    #: The user's own IANA zone when the event was routed, for a streak counted in it (else None).
    time_zone: str | None = None
    #: Where to announce that the journey has applied (and saved) this event: the PostgreSQL
    #: channel of the API process waiting to answer its 202 (`services.settling`); None: nobody waits.
    settle_channel: str | None = None


class EnrolmentInput(BaseModel):
    """Start (or continue-as-new) arguments: the mission revision and the journey so far."""

    mission: MissionContext
    journey: Journey
    #: Recently seen event ids, carried over continue-as-new: signals have no dedupe of their own.
    seen_event_ids: list[str] = Field(default_factory=list)
    #: The `EnrolmentStatus` search attribute was set by the start (or the previous run).
    status_attribute_set: bool = False
    #: Events kept while the journey waits for an unlock, a grant or eligibility (carried across runs).
    parked: list[EventIn] = Field(default_factory=list)


class Revise(BaseModel):
    """A new revision (or the archive) of the mission reaches a running journey."""

    mission: MissionContext


class Unlock(BaseModel):
    """Opens a locked mission: an admin call (`admin`), a prerequisite's completion (`mission`) or a
    tier reached (`tier`)."""

    at: datetime
    source: str = "admin"
    completed_mission_id: str | None = None


class Eligibility(BaseModel):
    """Whether the user is (still) eligible for the mission, as of `at` (segments, tiers)."""

    eligible: bool
    at: datetime


class Grant(BaseModel):
    """Grants a featured mission to the user."""

    at: datetime
    #: Granted by the mission's segment trigger (an entry, or membership at activation), not by an
    #: admin: before `start_at` it is deferred to S instead of refused, and it counts from `at`.
    trigger: bool = False


class OptIn(BaseModel):
    """The user opts in (an update: refused at once when not possible)."""

    at: datetime


class Submit(BaseModel):
    """The user submits proof for a manual goal (the API has checked its kind and shape)."""

    submission_id: str
    proof: dict[str, Any]


class Verify(BaseModel):
    """The user asks for a social check (an update: refused at once when not possible).

    The API reads the handle from the user's profile and the delay and timeout from its settings:
    a workflow never reads settings.
    """

    handle: str
    """The user's linked account on the goal's platform."""
    delay: timedelta
    """Wait before the first look (`QUESTLINE_SOCIAL_CHECK_DELAY`): new posts take minutes to appear."""
    timeout: timedelta
    """How long the check retries after the delay (`QUESTLINE_SOCIAL_CHECK_TIMEOUT`)."""
    at: datetime | None = None
    """When the user asked (picks a recurring mission's cycle); the journey times the check itself."""


class Review(BaseModel):
    """An admin's decision on the pending submission."""

    submission_id: str
    approve: bool
    feedback: str | None = None


class ApprovalQuestion(BaseModel):
    """Activity input: does the `rule` approval mode let this user's submission pass at once?"""

    user_id: str
    min_points: int | None = None
    segment: str | None = None


class StreakRepair(BaseModel):
    """An operator's repair of a streak broken by an outage: missed periods overlapping
    [start, end) are kept (`domain.streaks.repair`); a second delivery of `job_id` changes nothing."""

    job_id: str
    start: datetime
    end: datetime


class AddFreeze(BaseModel):
    """One freeze a user bought for their streak (`purchase_id`: added once, however often sent)."""

    purchase_id: str


class ActionResult(BaseModel):
    """What an update did: the journey after it, as saved to the read model."""

    journey: Journey
    status: EnrolmentStatus


class SaveJourney(BaseModel):
    """Activity input: write the journey to the read model."""

    workflow_id: str
    journey: Journey
    status: EnrolmentStatus
    #: Events applied since the last write whose senders wait for them, by settle channel: told
    #: once the write commits.
    settled: dict[str, list[str]] = Field(default_factory=dict)


class SettleEvents(BaseModel):
    """Local activity input: tell the waiting senders that their events were applied, when the
    journey did not change (an event that does not count, a repeat): nothing to write."""

    workflow_id: str
    settled: dict[str, list[str]]


class Completed(BaseModel):
    """Activity input: one completion to reward and announce."""

    mission: MissionContext
    user_id: str
    completion: int
    at: datetime
    #: The cycle of a recurring mission's journey (rewards are keyed per cycle).
    cycle: int | None = None
    #: The user had not started before this completion and the mission has a budget cap: the
    #: completion counts only if budget is left, decided under the mission's lock (no overshoot).
    needs_budget: bool = False


class StartQuestion(BaseModel):
    """Activity input: may this user start a mission whose budget cap may be spent?"""

    mission_id: str
    user_id: str

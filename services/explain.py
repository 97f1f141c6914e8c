"""Explain one user's journey through one mission: why each event counted or did not, and what happened.

The timeline is rebuilt, never guessed: every logged event of the mission's event type from the
user is replayed, oldest first, through `domain.journey` — the verdict of each is
`domain.journey.event_verdict`, the one function the event router's pre-filter and the journey's
`apply_event` decide with, so the explanation cannot disagree with what the journey did. The
replay starts from a fresh journey carrying only the facts that are not events (the opt-in, the
unlock, the grant, the archive, as the read model keeps them), the mission's revision in force
at each event, its budget as spent by then, and the user's segments and tier at the time (from
Questline's own audience events in the log). An event id sent again with the same payload (a
`duplicate: true` answer, kept in `event_repeats`) joins the timeline where it was received, not
counted (`duplicate_id`); it changes nothing, so the replay does not see it. Then come the state
changes the records tell (opt-in, unlock and its cause, grant, submissions and decisions, the
social check, completions with their ledger entries, callbacks) and the journey's workflow with
its Temporal UI page.

The user-safe form (`/v1/me/...`, `safe=True`) is the same timeline without operator internals:
no segment or tier names, no workflow id, no ledger keys, no callbacks.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field

from db import explain as repo
from db import missions as missions_repo
from db import users as users_repo
from db.engine import Conn
from db.events import StoredEvent
from db.explain import Repeat
from domain.errors import Invalid, NotFound
from domain.goals import advance
from domain.internal_events import SEGMENT_ENTERED, SEGMENT_LEFT, TIER_CHANGED
from domain.journey import (
    EventOutcome,
    Journey,
    MissionContext,
    Reason,
    apply_event,
    effective_after,
    event_verdict,
    journey_now,
)
from domain.missions import EventGoal, MissionStatus
from domain.streaks import streak_of
from domain.users import is_eligible, needs_facts
from services.active_missions import context_of
from services.journeys import Journeys
from services.mission_views import StreakStatus, streak_status_of
from services.user_journeys import temporal_ui_link
from settings import Settings

__all__ = ["REASONS", "Explanation", "explain", "explain_mine"]

#: Every reason code an event can be `not_counted` with, and what it means.
REASONS: dict[str, str] = {
    Reason.WRONG_EVENT_TYPE: "the event is not of the mission's event type",
    Reason.WRONG_TAGS: "the event lacks the tags the goal asks for (any or all of them)",
    Reason.VALUE_OUT_OF_RANGE: "the value is outside the goal's range [amount_min, amount_max)",
    Reason.NO_POSITIVE_AMOUNT: "an amount goal adds up positive values; this one had none",
    Reason.DUPLICATE_ID: "an event with this id was seen before (it counts once)",
    Reason.MISSION_CLOSED: "the mission was not active (a draft, archived) or the journey was closed",
    Reason.NOT_ELIGIBLE: "the user was not in the mission's segments or tiers at the time",
    Reason.BEFORE_START: "received before the mission opened (its start_at, activation or first cycle)",
    Reason.LOCKED: "the mission was still locked for the user",
    Reason.NOT_GRANTED: "the featured mission had not been granted to the user yet",
    Reason.AFTER_DEADLINE: "received after the deadline (end_at, time_to_complete or the cycle's reset)",
    Reason.NOT_OPTED_IN: "the mission needs an opt-in, and the user had not opted in yet",
    Reason.SUBMISSION_PENDING: "a submission was waiting for review",
    Reason.ALREADY_COMPLETED: "the mission was already completed (every completion used)",
    Reason.CYCLE_COMPLETED: "the recurring mission's current cycle was already completed",
    Reason.BUDGET_SPENT: "the mission's budget cap was spent before the user started",
    Reason.MISSION_PAUSED: "received while the mission was paused: its events count for nobody, then or later",
}


def _doc_reasons() -> str:
    return "; ".join(f"`{code}`: {text}" for code, text in REASONS.items())


REASONS_DOC = _doc_reasons()


class TimelineEvent(BaseModel):
    """One logged event of the mission's event type from the user, with its verdict."""

    event_id: str
    received_at: datetime
    occurred_at: datetime | None = None
    value: int | float | None = None
    tags: list[str] = Field(default_factory=list)
    verdict: Literal["counted", "not_counted"]
    reason: str | None = Field(None, description=f"Why it did not count (null when counted): {REASONS_DOC}")
    message: str = Field(description="A sentence saying what the event did or why it did not count")
    added: int | float | None = Field(None, description="What the event added to the progress (counted events)")
    progress: int | float | None = Field(None, description="The progress right after the event (counted events)")
    completed: bool = Field(False, description="This event completed the mission (one completion)")
    completion: int = Field(description="Which completion the event worked toward (1 for the first)")
    cycle: int | None = Field(None, description="A recurring mission's cycle the event fell in")


class StateChange(BaseModel):
    """One change of the journey that is not an event: an opt-in, an unlock, a completion..."""

    at: datetime
    kind: Literal[
        "opened",
        "opted_in",
        "unlocked",
        "granted",
        "ineligible",
        "submitted",
        "decided",
        "verification",
        "completed",
        "ledger",
        "callback",
        "closed",
    ]
    message: str
    details: dict[str, Any] = Field(default_factory=dict)


class JourneySummary(BaseModel):
    """The journey as the read model holds it (null fields: never started)."""

    started: bool
    status: str | None = None
    progress: int | float = 0
    completions: int = 0
    cycle: int | None = None


class ReplaySummary(BaseModel):
    """What replaying the logged events reproduced, and whether it agrees with the journey."""

    progress: int | float
    completions: int
    agrees: bool = Field(description="The replay reached the journey's progress and completions")


class Explanation(BaseModel):
    """Why each of the user's events counted for the mission or not, and what happened to the journey.

    `events` is a page of the timeline, oldest first (pass `next_cursor` as `cursor` for the next);
    `changes`, `journey` and `replay` are whole on every page. `workflow_id` and
    `temporal_ui_url` are left out (null) in the user-safe form.
    """

    mission_id: str
    user_id: str
    event_type: str | None
    events: list[TimelineEvent]
    next_cursor: str | None = None
    changes: list[StateChange]
    journey: JourneySummary
    replay: ReplaySummary
    workflow_id: str | None = None
    temporal_ui_url: str | None = None
    reasons: dict[str, str] = Field(default_factory=lambda: dict(REASONS), description="Every reason code's meaning")
    streak: StreakStatus | None = Field(
        None,
        description="For a streak goal, the journey's streak now: freezes held and used, and the latest periods "
        "a freeze or an operator's repair kept (`frozen`). The replay counts events only: a run a freeze, a repair "
        "or the user's own time zone kept can make `replay.agrees` false.",
    )


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


# --- the audience at a moment (§7) ---------------------------------------------------------------


class _Audience:
    """The user's segments and tier at any moment, from the audience events in the log (and, for
    what the log does not tell, the user's audience now)."""

    def __init__(self, changes: list[StoredEvent], tier_now: str | None, segments_now: set[str]) -> None:
        self.changes = changes
        self.tier_now = tier_now
        self.segments_now = segments_now
        self.segments_seen = {str(c.attributes.get("segment_id")) for c in changes if c.type != TIER_CHANGED}

    def at(self, t: datetime) -> tuple[str | None, set[str]]:
        """The tier and segment ids at `t`."""
        # Segments the log says nothing about: members all along, as far as anything tells.
        segs = {s for s in self.segments_now if s not in self.segments_seen}
        tier_changes = [c for c in self.changes if c.type == TIER_CHANGED]
        for c in self.changes:
            if c.received_at > t:
                break
            sid = str(c.attributes.get("segment_id"))
            if c.type == SEGMENT_ENTERED:
                segs.add(sid)
            elif c.type == SEGMENT_LEFT:
                segs.discard(sid)
        if not tier_changes:
            return self.tier_now, segs
        before = [c for c in tier_changes if c.received_at <= t]
        tier = before[-1].attributes.get("tier") if before else tier_changes[0].attributes.get("previous")
        return (str(tier) if tier is not None else None), segs


# --- the replay ----------------------------------------------------------------------------------


def _context_at(
    base: MissionContext,
    archived_at: datetime | None,
    revisions: list[tuple[int, Any, datetime]],
    at: datetime,
) -> MissionContext:
    """The mission as the journey knew it at `at`: the revision in force, live until archived, and
    its budget spent only from the moment it was."""
    update: dict[str, Any] = {}
    made = [(n, spec) for n, spec, when in revisions if when <= at]
    if made:
        n, spec = made[-1]
        if n != base.revision:
            update |= {"revision": n, "spec": spec}
    if base.status in (MissionStatus.ARCHIVED, MissionStatus.DELETED) and base.activated_at is not None:
        live = archived_at is None or at < archived_at
        update["status"] = MissionStatus.ACTIVE if live else base.status
    # Spent by a completion at `at` itself: that completing event was admitted.
    if base.budget_exhausted_at is not None and base.budget_exhausted_at >= at:
        update["budget_exhausted_at"] = None
    return base.model_copy(update=update) if update else base


def _fresh(stored: Journey | None, mission_id: str, user_id: str, cycle: int | None) -> Journey:
    """A journey carrying the stored facts that are not events (for the stored cycle only)."""
    j = Journey(mission_id=mission_id, user_id=user_id, cycle=cycle)
    if stored is not None and stored.cycle == cycle:
        j.unlocked_at = stored.unlocked_at
        j.granted_at = stored.granted_at
        j.opted_in_at = stored.opted_in_at
        j.prerequisites_done = list(stored.prerequisites_done)
        j.prerequisites_at = stored.prerequisites_at
    return j


def _with_facts_at(j: Journey, stored: Journey | None, at: datetime) -> Journey:
    """The replayed journey at `at`: closed once the stored journey was; a repeatable mission's
    latest opt-in restored once its round began."""
    if stored is None or stored.cycle != j.cycle:
        return j
    if stored.closed_at is not None and stored.closed_at <= at and j.closed_at is None:
        j.closed_at = stored.closed_at
    reopened = stored.opted_in_at
    if j.opted_in_at is None and reopened is not None and j.completed_at is not None and j.completed_at <= reopened:
        j.opted_in_at = stored.opted_in_at
    return j


def _message(
    reason: Reason | None,
    ctx: MissionContext,
    journey: Journey | None,
    e: StoredEvent,
    *,
    safe: bool,
    names: dict[str, str],
    added: Decimal | None = None,
    completed: bool = False,
) -> str:
    spec = ctx.spec
    goal = spec.goal
    if reason is None:
        what = f"counted: added {_number(added)}"
        return what + (", and completed the mission" if completed else "")
    if reason is Reason.WRONG_TAGS and isinstance(goal, EventGoal):
        need = "every one" if goal.tag_match == "all" else "at least one"
        return (
            f"not counted: the goal needs {need} of the tags {', '.join(goal.tags)}; the event had {e.tags or 'none'}"
        )
    if reason is Reason.VALUE_OUT_OF_RANGE and isinstance(goal, EventGoal):
        return (
            f"not counted: the value {_number(e.value)} is outside [{_number(goal.amount_min)}, "
            f"{_number(goal.amount_max)})"
        )
    if reason is Reason.NO_POSITIVE_AMOUNT:
        return f"not counted: the goal adds up positive amounts and the value was {_number(e.value)}"
    if reason is Reason.BEFORE_START:
        start = spec.start_at or ctx.activated_at
        return f"not counted: received before the mission opened ({start.isoformat() if start else 'not yet'})"
    if reason is Reason.NOT_ELIGIBLE:
        if safe:
            return "not counted: you were not eligible for this mission at the time"
        parts = []
        if spec.segments:
            parts.append("segments " + ", ".join(f"{names.get(s, s)} ({s})" for s in spec.segments))
        if spec.tiers:
            parts.append("tiers " + ", ".join(spec.tiers))
        return f"not counted: the user was not in the mission's {' or '.join(parts) or 'audience'} at the time"
    if reason is Reason.AFTER_DEADLINE:
        return "not counted: received after the deadline"
    return f"not counted: {REASONS[reason]}"


def _replay(
    ctx: MissionContext,
    archived_at: datetime | None,
    revisions: list[tuple[int, Any, datetime]],
    stored: Journey | None,
    events: list[StoredEvent],
    audience: _Audience | None,
    *,
    safe: bool,
    names: dict[str, str],
    pauses: list[tuple[datetime, datetime | None]] | None = None,
) -> tuple[list[TimelineEvent], Journey | None]:
    """Every event through `domain.journey`, oldest first, with the verdict `event_verdict` gives."""
    user_id = stored.user_id if stored is not None else (events[0].user_id if events else "")
    current: Journey | None = None
    seen: set[str] = set()
    out: list[TimelineEvent] = []
    for e in events:
        at = e.received_at
        ectx = _context_at(ctx, archived_at, revisions, at)
        if current is None:
            cycle = journey_now(ectx, None, at, user_id)
            current = _fresh(stored, ctx.mission_id, user_id, cycle.cycle if cycle is not None else None)
        moved = journey_now(ectx, current, at, user_id)
        if moved is not None and moved is not current:
            current = _fresh(stored, ctx.mission_id, user_id, moved.cycle)
        journey = _with_facts_at(current, stored, at) if moved is not None else None
        eligible = True
        if audience is not None and needs_facts(ectx.spec):
            tier, segs = audience.at(at)
            eligible = is_eligible(ectx.spec, tier, segs)
        reason = event_verdict(
            ectx,
            journey,
            event_type=e.type,
            tags=e.tags,
            value=e.value,
            at=at,
            eligible=eligible,
            seen_before=e.id in seen,
        )
        if reason is None and _paused_at(pauses, at):
            # The router dropped it (the paused mission was out of the catalogue): no journey saw it.
            reason = Reason.MISSION_PAUSED
        seen.add(e.id)
        completion = (journey.completions if journey is not None else 0) + 1
        cycle_no = journey.cycle if journey is not None else None
        # What every entry says of its event, counted or not.
        logged = {
            "event_id": e.id,
            "received_at": at,
            "occurred_at": e.occurred_at,
            "value": _number(e.value),
            "tags": list(e.tags),
        }
        if reason is not None or journey is None:
            out.append(
                TimelineEvent(
                    **logged,
                    verdict="not_counted",
                    reason=(reason or Reason.BEFORE_START).value,
                    message=_message(reason or Reason.BEFORE_START, ectx, journey, e, safe=safe, names=names),
                    completion=completion,
                    cycle=cycle_no,
                )
            )
            continue
        goal = ectx.spec.goal
        assert isinstance(goal, EventGoal)
        before = journey.progress
        outcome = apply_event(ectx, journey, event_type=e.type, tags=e.tags, value=e.value, at=at)
        reached = Decimal(streak_of(journey.streak, goal)) if goal.streak and journey.streak else None
        if reached is None:
            reached = advance(goal, before, e.value)
        added = reached - before
        done = outcome is EventOutcome.COMPLETED
        out.append(
            TimelineEvent(
                **logged,
                verdict="counted",
                message=_message(None, ectx, journey, e, safe=safe, names=names, added=added, completed=done),
                added=_number(added),
                progress=_number(reached),
                completed=done,
                completion=completion,
                cycle=cycle_no,
            )
        )
    return out, current


def _paused_at(pauses: list[tuple[datetime, datetime | None]] | None, at: datetime) -> bool:
    """Whether `at` falls inside one of the mission's pauses."""
    return missions_repo.paused_at(pauses or [], at)


#: What the timeline says of an event id sent again (`duplicate_id`).
REPEAT_MESSAGE = "not counted: the same event id was sent again; only the first counted"

#: The cursor naming a repeat (ids starting with `questline.` are never a client's event id).
_REPEAT_CURSOR = "questline.repeat."


def _with_repeats(
    timeline: list[TimelineEvent], events: list[StoredEvent], repeats: list[Repeat]
) -> list[tuple[str, TimelineEvent]]:
    """The timeline with every repeat merged in where it was received, each with its cursor key
    (an event's id; a repeat's `questline.repeat.<n>`, as its id appears twice)."""
    originals = {e.id: e for e in events}
    out: list[tuple[str, TimelineEvent]] = []
    i = 0
    for r in repeats:
        while i < len(timeline) and timeline[i].received_at <= r.received_at:
            out.append((timeline[i].event_id, timeline[i]))
            i += 1
        prev = out[-1][1] if out else None
        first = originals.get(r.event_id)
        item = TimelineEvent(
            event_id=r.event_id,
            received_at=r.received_at,
            occurred_at=first.occurred_at if first is not None else None,
            value=_number(first.value) if first is not None else None,
            tags=list(first.tags) if first is not None else [],
            verdict="not_counted",
            reason=Reason.DUPLICATE_ID.value,
            message=REPEAT_MESSAGE,
            completion=(prev.completion + (1 if prev.completed else 0)) if prev is not None else 1,
            cycle=prev.cycle if prev is not None else None,
        )
        out.append((f"{_REPEAT_CURSOR}{r.id}", item))
    out.extend((t.event_id, t) for t in timeline[i:])
    return out


# --- the state changes -------------------------------------------------------------------------


async def _changes(
    conn: Conn, ctx: MissionContext, stored: Journey | None, user_id: str, *, safe: bool
) -> list[StateChange]:
    out: list[StateChange] = []
    spec = ctx.spec
    if ctx.activated_at is not None:
        opened = max(ctx.activated_at, spec.start_at) if spec.start_at else ctx.activated_at
        out.append(StateChange(at=opened, kind="opened", message="the mission opened"))
    if stored is not None:
        j = stored
        if j.opted_in_at is not None:
            out.append(StateChange(at=j.opted_in_at, kind="opted_in", message="opted in"))
        if j.unlocked_at is not None:
            by_prereq = j.prerequisites_at is not None and effective_after(j.prerequisites_at) == j.unlocked_at
            if by_prereq:
                cause = "completing " + ", ".join(j.prerequisites_done)
                details: dict[str, Any] = {"cause": "prerequisites", "missions": list(j.prerequisites_done)}
            else:
                cause, details = "an unlock (an admin's, or a tier reached)", {"cause": "admin_or_tier"}
            out.append(StateChange(at=j.unlocked_at, kind="unlocked", message=f"unlocked by {cause}", details=details))
        if j.granted_at is not None:
            out.append(StateChange(at=j.granted_at, kind="granted", message="the featured mission was granted"))
        if j.ineligible_since is not None and not safe:
            out.append(
                StateChange(
                    at=j.ineligible_since, kind="ineligible", message="the user left the mission's segments or tiers"
                )
            )
        if j.verification is not None:
            v = j.verification
            out.append(
                StateChange(
                    at=v.ended_at or v.requested_at,
                    kind="verification",
                    message=f"social check {v.status}" + (f": {v.detail}" if v.detail else ""),
                    details={"status": v.status, "requested_at": v.requested_at.isoformat(), "found": v.found},
                )
            )
        if j.closed_at is not None:
            out.append(StateChange(at=j.closed_at, kind="closed", message="the journey was closed (mission archived)"))
    for sub in await repo.submissions_of(conn, ctx.mission_id, user_id):
        out.append(
            StateChange(
                at=sub["created_at"], kind="submitted", message="proof submitted", details={"submission_id": sub["id"]}
            )
        )
        if sub["decided_at"] is not None:
            fb = f" ({sub['feedback']})" if sub["feedback"] else ""
            out.append(
                StateChange(
                    at=sub["decided_at"],
                    kind="decided",
                    message=f"submission {sub['status']}{fb}",
                    details={"submission_id": sub["id"], "status": sub["status"], "feedback": sub["feedback"]},
                )
            )
    for n, (record_id, at) in enumerate(await repo.completions_of(conn, ctx.mission_id, user_id), start=1):
        out.append(
            StateChange(
                at=at, kind="completed", message=f"completion {n}", details={} if safe else {"record_id": record_id}
            )
        )
    for entry in await repo.ledger_of(conn, ctx.mission_id, user_id):
        paid = f"{entry['points']} points" if entry["kind"] == "points" else entry["item_id"] or entry["label"] or ""
        details = {"kind": entry["kind"], "points": entry["points"], "item_id": entry["item_id"]}
        if not safe:
            details |= {"idempotency_key": entry["idempotency_key"], "ledger_id": entry["id"]}
        out.append(StateChange(at=entry["created_at"], kind="ledger", message=f"reward paid: {paid}", details=details))
    if not safe:
        for cb in await repo.callbacks_of(conn, ctx.mission_id, user_id):
            out.append(
                StateChange(
                    at=cb["delivered_at"] or cb["failed_at"] or cb["last_attempt_at"] or cb["created_at"],
                    kind="callback",
                    message=f"callback {cb['type']} {cb['status']} after {cb['attempts']} attempt(s)",
                    details={
                        "callback_id": cb["id"],
                        "status": cb["status"],
                        "attempts": cb["attempts"],
                        "last_status": cb["last_status"],
                        "last_error": cb["last_error"],
                    },
                )
            )
    out.sort(key=lambda c: c.at)
    return out


# --- the answers -------------------------------------------------------------------------------


def _page(
    items: list[tuple[str, TimelineEvent]], limit: int, cursor: str | None
) -> tuple[list[TimelineEvent], str | None]:
    start = 0
    if cursor is not None:
        found = next((i for i, (key, _) in enumerate(items) if key == cursor), None)
        if found is None:
            raise Invalid(
                "invalid_cursor",
                f"cursor={cursor} is not an event of this timeline",
                [{"field": "cursor", "reason": "pass the next_cursor of the previous page"}],
            )
        start = found + 1
    page = items[start : start + limit]
    more = start + limit < len(items)
    return [item for _, item in page], page[-1][0] if more and page else None


async def explain(
    conn: Conn,
    settings: Settings,
    user_id: str,
    mission_id: str,
    *,
    limit: int,
    cursor: str | None,
    safe: bool = False,
) -> Explanation:
    """The user's journey through the mission, explained (404 for an unknown mission, or another
    user's challenge)."""
    mission = await missions_repo.get(conn, mission_id)
    if mission.owner_user_id is not None and mission.owner_user_id != user_id:
        raise NotFound("mission_not_found", f"mission {mission_id} does not exist", {"mission_id": mission_id})
    ctx = context_of(mission)
    record = await repo.journey_of(conn, mission_id, user_id)
    stored = record.journey if record is not None else None
    event_type = ctx.spec.event_type
    events = await repo.events_of(conn, user_id, event_type) if event_type else []
    audience = None
    names: dict[str, str] = {}
    if needs_facts(ctx.spec):
        tiers = await users_repo.list_tiers(conn)
        audience = _Audience(
            await repo.audience_changes(conn, user_id),
            await users_repo.tier_of(conn, user_id, tiers),
            await users_repo.segment_ids(conn, user_id),
        )
        if not safe:
            names = await repo.segment_names(conn, ctx.spec.segments)
    revisions = await repo.revisions(conn, mission_id)
    ended = mission.archived_at or mission.deleted_at
    pauses = await missions_repo.pauses(conn, mission_id)
    timeline, replayed = _replay(ctx, ended, revisions, stored, events, audience, safe=safe, names=names, pauses=pauses)
    repeats = await repo.repeats_of(conn, user_id, event_type) if event_type else []
    page, next_cursor = _page(_with_repeats(timeline, events, repeats), limit, cursor)
    summary = JourneySummary(started=False)
    if record is not None and stored is not None:
        summary = JourneySummary(
            started=True,
            status=record.status,
            progress=_number(stored.progress) or 0,
            completions=stored.completions,
            cycle=stored.cycle,
        )
    replay_progress = replayed.progress if replayed is not None else Decimal(0)
    replay_completions = replayed.completions if replayed is not None else 0
    if stored is not None and replayed is not None and replayed.cycle != stored.cycle:
        replay_progress, replay_completions = Decimal(0), 0  # the stored cycle saw no event
    agrees = replay_progress == (stored.progress if stored else 0) and replay_completions == (
        stored.completions if stored else 0
    )
    workflow_id = record.workflow_id if record is not None and not safe else None
    return Explanation(
        mission_id=mission_id,
        user_id=user_id,
        event_type=event_type,
        events=page,
        next_cursor=next_cursor,
        changes=await _changes(conn, ctx, stored, user_id, safe=safe),
        journey=summary,
        replay=ReplaySummary(progress=_number(replay_progress) or 0, completions=replay_completions, agrees=agrees),
        workflow_id=workflow_id,
        temporal_ui_url=(
            temporal_ui_link(settings.temporal_ui_url, settings.temporal_namespace, workflow_id)
            if workflow_id is not None
            else None
        ),
        streak=streak_status_of(ctx.spec.goal, ctx.spec.timezone, stored, datetime.now(UTC)),
    )


async def explain_mine(
    conn: Conn,
    settings: Settings,
    journeys: Journeys,
    user_id: str,
    mission_id: str,
    *,
    limit: int,
    cursor: str | None,
) -> Explanation:
    """The user-safe explanation: 404 unless the user can see the mission (`Journeys.visible`)."""
    await journeys.visible(conn, user_id, mission_id)
    return await explain(conn, settings, user_id, mission_id, limit=limit, cursor=cursor, safe=True)

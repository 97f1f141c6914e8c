"""A user's journeys through the missions: what they may see, and what they may do.

Visibility (docs/missions.md §4, §5, §7) is decided here once, for the list, the detail and
every action: a mission the user cannot see is 404 whatever they ask of it. The actions (opt in,
submit proof, ask for a social check) are refused here when the journey would refuse them, with
the check functions the enrolment workflow's validators call, so no journey is started just to
say no and the two answers cannot differ.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from db import catalogue as catalogue_repo
from db import enrolments, ledger, users
from db.engine import Conn
from domain.checks import check_opt_in, check_submit
from domain.errors import NotFound
from domain.goals import check_proof
from domain.journey import Journey, MissionContext, journey_now
from domain.missions import ManualGoal
from domain.projection import ProgressView, Tab
from domain.social_targets import has_linked_account, needs_handle
from domain.users import is_eligible, needs_facts
from services import social as social_checks
from services.active_missions import ActiveMissions, ActiveMissionsCache
from services.audience import Audience, audience_of
from services.gateway import JourneyGateway
from services.mission_views import (
    MissionView,
    MissionViews,
    QuestView,
    QuestViews,
    Submission,
    Wallet,
    sort_views,
    submission_of,
    view_of,
)
from settings import Settings
from workflows.payloads import OptIn, Submit

#: Submits a checked proof to the journey and returns the saved journey.
SubmitAct = Callable[[dict[str, Any]], Awaitable[Journey | None]]
#: Takes a proof the caller reads itself (an upload): checks it against the goal, then calls the act.
ProofSource = Callable[[ManualGoal, str, SubmitAct], Awaitable[Journey | None]]


@dataclass(frozen=True)
class ProofValue:
    """A proof sent as a value (JSON): its kind and value, checked against the goal by `check_proof`."""

    kind: str
    value: str | dict[str, str]


def eligible(ctx: MissionContext, who: Audience | None, handles: Mapping[str, str]) -> bool:
    """§7 segments and tiers, and §5: a social mission needs a linked account on its platform."""
    if needs_facts(ctx.spec) and (who is None or not is_eligible(ctx.spec, who.tier, who.segments)):
        return False
    return has_linked_account(ctx.spec, handles)


async def _audience(conn: Conn, user_id: str, active: ActiveMissions, needed: bool) -> Audience | None:
    return await audience_of(conn, user_id, active.tiers) if needed else None


async def _handles(conn: Conn, user_id: str, needed: bool) -> Mapping[str, str]:
    """The user's linked accounts, read only when some mission's visibility depends on them."""
    return (await users.get_profile(conn, user_id)).social if needed else {}


def _shown(ctx: MissionContext, journey: Journey | None) -> MissionView:
    """The view right after an action (the user could see the mission a moment ago, so can now)."""
    view = view_of(ctx, journey, datetime.now(UTC))
    assert view is not None
    return view


class Journeys:
    """Users' views of the live missions and their actions on them."""

    def __init__(
        self, engine: AsyncEngine, gateway: JourneyGateway, active_missions: ActiveMissionsCache, settings: Settings
    ) -> None:
        self._engine = engine
        self._gateway = gateway
        self._active_missions = active_missions
        self._settings = settings

    async def list_views(self, conn: Conn, user_id: str, tab: Tab | None) -> MissionViews:
        """Every live mission the user is eligible for, joined with their journeys, projected at now."""
        active = await self._active_missions.get(conn)
        journeys = await enrolments.for_user(conn, user_id)
        who = await _audience(conn, user_id, active, active.needs_audience)
        handles = await _handles(conn, user_id, active.needs_handles)
        now = datetime.now(UTC)
        views = [
            v
            for ctx in active.live.values()
            if eligible(ctx, who, handles)
            and (v := view_of(ctx, journeys.get(ctx.mission_id), now)) is not None
            and (tab is None or v.tab == tab)
        ]
        sort_views(views)
        return MissionViews(items=views)

    async def visible(
        self, conn: Conn, user_id: str, mission_id: str
    ) -> tuple[MissionContext, Journey | None, MissionView]:
        """The mission, the user's journey now and their view of it; 404 when they cannot see it (§4, §5, §7)."""
        active = await self._active_missions.get(conn)
        ctx = active.live.get(mission_id)
        if ctx is not None and eligible(
            ctx,
            await _audience(conn, user_id, active, needs_facts(ctx.spec)),
            await _handles(conn, user_id, needs_handle(ctx.spec) is not None),
        ):
            now = datetime.now(UTC)
            # A recurring mission's earlier cycle counts as no journey: each reset starts over.
            saved = (await enrolments.for_user(conn, user_id, [mission_id])).get(mission_id)
            journey = journey_now(ctx, saved, now)
            view = view_of(ctx, journey, now)
            if view is not None:
                return ctx, journey, view
        raise NotFound("mission_not_found", f"no visible mission {mission_id!r}")

    async def view(self, conn: Conn, user_id: str, mission_id: str) -> MissionView:
        """One mission as the user sees it; 404 when hidden from them."""
        return (await self.visible(conn, user_id, mission_id))[2]

    async def opt_in(self, conn: Conn, user_id: str, mission_id: str) -> MissionView:
        """Opts the user in; 409 when the mission takes no opt-in, is not open, or is already joined."""
        ctx, journey, _ = await self.visible(conn, user_id, mission_id)
        # Refuse here what the journey would refuse (its own check), so no journey is started just to say no.
        check_opt_in(ctx, journey, datetime.now(UTC))
        result = await self._gateway.act(ctx, user_id, "opt_in", OptIn(at=datetime.now(UTC)))
        return _shown(ctx, result.journey)

    async def submit(self, user_id: str, mission_id: str, proof: ProofValue | ProofSource) -> Submission:
        """Submits proof for a manual mission; the journey waits in `pending` (409 while one waits).

        Uses its own short connection, released before an uploaded file streams in.
        """
        async with self._engine.connect() as conn:
            ctx, journey, _ = await self.visible(conn, user_id, mission_id)
        # The journey's own check, before the proof is read: an upload it would refuse is never stored.
        check_submit(ctx, journey, datetime.now(UTC))
        goal = ctx.spec.goal
        assert isinstance(goal, ManualGoal)  # check_submit refuses any other goal
        submission_id = f"sub_{uuid.uuid4().hex}"

        async def act(checked: dict[str, Any]) -> Journey | None:
            msg = Submit(submission_id=submission_id, proof=checked)
            return (await self._gateway.act(ctx, user_id, "submit", msg)).journey

        if isinstance(proof, ProofValue):
            journey = await act(check_proof(goal, proof.kind, proof.value))
        else:
            journey = await proof(goal, submission_id, act)
        made = submission_of(journey)
        assert made is not None
        return made

    async def verify(self, conn: Conn, user_id: str, mission_id: str) -> MissionView:
        """Starts the check of a social mission (`services.social.start_check`); the mission, its check running."""
        ctx, journey, _ = await self.visible(conn, user_id, mission_id)
        active = await self._active_missions.get(conn)
        result = await social_checks.start_check(conn, self._gateway, active, ctx, journey, user_id, self._settings)
        return _shown(ctx, result.journey)

    async def quests(self, conn: Conn, user_id: str) -> QuestViews:
        """Quests with the user's progress: completed active missions out of all active missions."""
        done = await users.completed_missions(conn, user_id)
        items = []
        for quest in await catalogue_repo.list_quests(conn):
            needed = await catalogue_repo.active_mission_ids(conn, quest.id)
            if not needed:
                continue
            completed = [m for m in needed if m in done]
            items.append(
                QuestView(
                    quest_id=quest.id,
                    name=quest.name,
                    description=quest.description,
                    reward=quest.reward,
                    mission_ids=needed,
                    completed_mission_ids=completed,
                    progress=ProgressView(current=len(completed), target=len(needed), unit="missions"),
                    status="completed" if len(completed) == len(needed) else "in_progress",
                )
            )
        return QuestViews(items=items)

    async def wallet(self, conn: Conn, user_id: str) -> Wallet:
        """Points balance (summed from the ledger), items, and the latest ledger entries."""
        return await ledger.wallet(conn, user_id)

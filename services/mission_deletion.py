"""Deleting a mission (issue 17): a draft goes outright; one that had journeys is a resumable job.

`DELETE /v1/missions/{id}?confirm=<id>` of an active, paused or archived mission "removes all
submissions and points awarded". In the request's transaction the mission becomes `deleted` (out
of the catalogue: no event is routed to it from then on, users no longer see it, the list leaves
it out) and the job row is written, with the close of its journeys recorded as a durable
`mission_change` start. The job then goes step by step, each step committed before the next:

1. `journeys`: the close is announced to every running journey (the broadcast archiving uses,
   with the status `deleted`), and once the broadcast is over any journey still running is
   cancelled through the gateway, so no journey grants anything after step 2 has counted;
2. `points`: one transaction appends, per user, the entry taking back what the mission's points
   net to (the ledger stays append-only) and removes its submissions, keeping their uploads' keys;
3. `proofs`: the uploaded files are removed from the store; then `done`.

A crash anywhere leaves the job at a step; sending the DELETE again (with its confirm) resumes it
there, and so does the relay (`run_stalled`) once the job has not moved for a while. Nothing is
reversed twice: step 2 nets each user's entries of the mission (after it, they net to zero) and
keys its entries by deletion, user and the newest entry netted.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncEngine

from db import mission_deletions as repo
from db import missions as missions_repo
from db import starts as pending_starts
from db.mission_deletions import DeletionRow
from domain.mission_lifecycle import check_delete_confirmed, transition
from domain.missions import Mission, MissionStatus
from services.active_missions import context_of
from services.gateway import JourneyGateway
from services.starts import WorkflowStarts
from storage import ObjectStore, StoreError
from workflows import mission_change
from workflows.launch import launch_id
from workflows.payloads import Revise

__all__ = ["DeletionRow", "MissionDeletions"]

log = logging.getLogger("questline.mission_deletion")

#: How long a DELETE waits for the journeys' close before answering that the job still runs.
WAIT = timedelta(seconds=30)
#: How long the cancel of a journey still running after the broadcast waits for it to stop.
CANCEL_WAIT = timedelta(seconds=5)
POLL = 0.2
#: A deletion unmoved this long is taken up by the relay (`run_stalled`).
STALLED = timedelta(minutes=2)


def _close_message(mission: Mission) -> Revise:
    """The announcement closing the deleted mission's journeys (its status is not live)."""
    return Revise(mission=context_of(mission))


class MissionDeletions:
    """Deletes missions: drafts outright, the others as a resumable, audited job."""

    def __init__(
        self, engine: AsyncEngine, gateway: JourneyGateway, starts: WorkflowStarts, store: ObjectStore | None
    ) -> None:
        self._engine = engine
        self._gateway = gateway
        self._starts = starts
        self._store = store

    async def delete(
        self, mission_id: str, *, confirm: str | None, requested_by: str, wait: timedelta = WAIT
    ) -> DeletionRow | None:
        """Deletes the mission: None for a draft (gone); else its deletion job, run as far as it
        gets within `wait` (`step` says where it stands; `done` when finished). A mission already
        deleted resumes its job. 409 `confirmation_required` without `confirm`, 422 when it names
        another mission, 404 for an unknown id."""
        now = datetime.now(UTC)
        async with self._engine.begin() as conn:
            mission = await missions_repo.get(conn, mission_id, for_update=True)
            if mission.status is MissionStatus.DRAFT:
                # A launch recorded but not started is withdrawn; one running is cancelled below (if it
                # fires first, it finds no mission and is skipped).
                await pending_starts.cancel_pending(conn, [launch_id(mission_id)], now)
                await missions_repo.delete_draft(conn, mission_id)
                row = None
                pending = None
            elif mission.status is MissionStatus.DELETED:
                row = await repo.get(conn, mission_id)
                check_delete_confirmed(mission_id, MissionStatus(row.previous_status), confirm)
                pending = None
            else:
                check_delete_confirmed(mission_id, mission.status, confirm)
                deleted = await missions_repo.set_status(conn, mission, transition(mission.status, "delete"), now)
                row = await repo.create(
                    conn,
                    deletion_id=f"del_{uuid.uuid4().hex[:20]}",
                    mission_id=mission_id,
                    previous_status=mission.status.value,
                    requested_by=requested_by,
                    journeys_open=await repo.open_journeys(conn, mission_id),
                )
                msg = _close_message(deleted)
                pending = await self._starts.enqueue(conn, "mission_change", mission_change.mission_change_id(msg), msg)
        if row is None:
            await self._gateway.cancel(launch_id(mission_id), wait=timedelta(seconds=2))
            log.info("draft %s deleted", mission_id)
            return None
        if pending is not None:
            await self._starts.start_now([pending])
            log.info("mission %s deleted by %s (was %s): job %s", mission_id, requested_by, row.previous_status, row.id)
        return await self.run(mission_id, wait=wait)

    async def get(self, mission_id: str) -> DeletionRow:
        """The mission's deletion record (404 `deletion_not_found` when it was not deleted)."""
        async with self._engine.connect() as conn:
            await missions_repo.get(conn, mission_id)
            return await repo.get(conn, mission_id)

    async def run(self, mission_id: str, *, wait: timedelta = WAIT) -> DeletionRow:
        """Takes the job from its step to `done`, or as far as the journeys' close allows in `wait`."""
        async with self._engine.connect() as conn:
            row = await repo.get(conn, mission_id)
            mission = await missions_repo.get(conn, mission_id)
        if row.step == "journeys":
            if not await self._close_journeys(mission, datetime.now(UTC) + wait):
                return row
            async with self._engine.begin() as conn:
                row = await repo.update(conn, row.id, step="points")
        if row.step == "points":
            async with self._engine.begin() as conn:
                row = await repo.get(conn, mission_id, for_update=True)
                if row.step == "points":  # not done meanwhile by another run
                    taken, users = await repo.reverse_points(
                        conn, deletion_id=row.id, mission_id=mission_id, label=f"mission deleted: {mission.spec.name}"
                    )
                    removed, keys = await repo.remove_submissions(conn, mission_id)
                    row = await repo.update(
                        conn,
                        row.id,
                        step="proofs",
                        points_reversed=row.points_reversed + taken,
                        users_reversed=row.users_reversed + users,
                        submissions_removed=row.submissions_removed + removed,
                        proof_keys=[*row.proof_keys, *keys],
                    )
        if row.step == "proofs":
            for key in row.proof_keys:
                if self._store is None:
                    break
                try:
                    await self._store.delete(key)
                except StoreError:
                    log.warning("proof %s of deleted mission %s not removed yet", key, mission_id, exc_info=True)
                    return row  # the next run tries again
            async with self._engine.begin() as conn:
                row = await repo.update(conn, row.id, step="done")
            log.info(
                "deletion of %s done: %d points taken back from %d users, %d submissions removed",
                mission_id,
                row.points_reversed,
                row.users_reversed,
                row.submissions_removed,
            )
        return row

    async def run_stalled(self, interval: timedelta = timedelta(seconds=30)) -> None:
        """Finishes, every `interval` and forever (a relay of `Services.run_relays`), the deletions
        that stopped midway (a crash, a restart, a DELETE that gave up waiting) and did not move
        for `STALLED`, so none waits for someone to send its DELETE again."""
        while True:
            try:
                async with self._engine.connect() as conn:
                    stuck = await repo.stalled(conn, before=datetime.now(UTC) - STALLED)
                for mission_id in stuck:
                    await self.run(mission_id)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning("finishing stalled mission deletions failed; retrying", exc_info=True)
            await asyncio.sleep(interval.total_seconds())

    async def _close_journeys(self, mission: Mission, deadline: datetime) -> bool:
        """Announces the close (once), waits for the broadcast, then cancels any journey still
        running; False when the broadcast has not finished by `deadline` (the job waits there)."""
        msg = _close_message(mission)
        close_id = mission_change.mission_change_id(msg)
        # Started with the deletion's commit (or by the relay); started here if neither has yet.
        await self._gateway.start_once(mission_change.NAME, msg, workflow_id=close_id)
        while not await self._gateway.job_closed(close_id):
            if datetime.now(UTC) >= deadline:
                return False
            await asyncio.sleep(POLL)
        after = ""
        while True:
            async with self._engine.connect() as conn:
                ids = await repo.open_workflow_ids(conn, mission.id, after=after)
            if not ids:
                return True
            for workflow_id in ids:
                # Mostly False: the broadcast closed it (its read model not saved yet) and it finished.
                await self._gateway.cancel(workflow_id, wait=CANCEL_WAIT)
            after = ids[-1]

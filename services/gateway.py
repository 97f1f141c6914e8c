"""The one door to Temporal: connecting, and typed methods for every workflow the services start.

Only this module imports `temporalio.client` and `temporalio.service`; callers pass workflow
names and ids defined in `workflows/` and get plain answers (False, None, `Conflict`) instead of
RPC errors. Journeys: signal-with-start for events, update-with-start for refusable actions, every
start with `REJECT_DUPLICATE`: a journey that has finished (completed, missed, closed) is never
started again from zero by a late event or call. `journey_finished` tells the caller.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal, TypeAlias

from temporalio.client import (
    Client,
    WithStartWorkflowOperation,
    WorkflowExecutionStatus,
    WorkflowFailureError,
    WorkflowQueryFailedError,
    WorkflowQueryRejectedError,
    WorkflowUpdateFailedError,
)
from temporalio.common import (
    SearchAttributeKey,
    SearchAttributePair,
    TypedSearchAttributes,
    WorkflowIDConflictPolicy,
    WorkflowIDReusePolicy,
)
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.exceptions import ApplicationError, WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from domain.checks import INPUT_REFUSALS
from domain.errors import Conflict, Invalid
from domain.journey import EnrolmentStatus, Journey, MissionContext, cycle_at
from domain.missions import MissionType
from services.settling import SettleListener, SettleLost
from settings import Settings
from workflows import mission_change
from workflows.callback import NAME as CALLBACK
from workflows.callback import DeliverCallback, callback_workflow_id
from workflows.enrolment import UNSTORABLE
from workflows.launch import Launch
from workflows.payloads import WORKFLOW_NAME, ActionResult, EnrolmentInput, EventIn, Revise, enrolment_id
from workflows.segment_grant import GrantJob

#: The connected client's type, for code that hands it to the SDK (`worker.build_worker`).
TemporalClient: TypeAlias = Client
#: Where `make run`'s dev server listens when QUESTLINE_TEMPORAL_ADDRESS is empty.
DEV_SERVER_ADDRESS = "127.0.0.1:7233"


def temporal_address(settings: Settings) -> str:
    """The configured frontend address, or the embedded dev server's."""
    return settings.temporal_address or DEV_SERVER_ADDRESS


async def connect(settings: Settings) -> Client:
    """A client with the pydantic data converter (Decimal and datetime round-trip exactly)."""
    return await Client.connect(
        temporal_address(settings),
        namespace=settings.temporal_namespace,
        data_converter=pydantic_data_converter,
    )


class LazyClient:
    """A Temporal client connected on first use, so the API starts (and reports not ready) while
    Temporal is still down, and reconnects on the next call after a failed connect."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._client: Client | None = None
        self._lock = asyncio.Lock()

    async def get(self) -> Client:
        """The connected client (connecting now if needed)."""
        if self._client is None:
            async with self._lock:
                if self._client is None:
                    self._client = await connect(self._settings)
        return self._client

    async def check_health(self) -> None:
        """Raises when Temporal's frontend does not answer."""
        client = await self.get()
        await client.service_client.check_health()


MISSION_ID = SearchAttributeKey.for_keyword("MissionId")
#: The longest a settling delivery waits for the journey to apply an event.
USER_ID = SearchAttributeKey.for_keyword("UserId")
STATUS = SearchAttributeKey.for_keyword("EnrolmentStatus")


#: How long `cancel` waits for a cancelled workflow to stop.
CANCEL_WAIT = timedelta(seconds=10)
JobStatus = Literal["running", "completed", "failed"]
#: Whether a closed workflow's id may start a new run: `reject` (once ran, never again) or `allow`.
Reuse = Literal["reject", "allow"]
_REUSE = {"reject": WorkflowIDReusePolicy.REJECT_DUPLICATE, "allow": WorkflowIDReusePolicy.ALLOW_DUPLICATE}


@dataclass(frozen=True)
class GrantJobProgress:
    """A segment grant job's workflow status and its counters (its `progress` query)."""

    status: JobStatus
    job: GrantJob


def journey_cycle(ctx: MissionContext, at: datetime) -> int | None:
    """The cycle whose journey `at` belongs to (recurring missions); Conflict before the first."""
    if ctx.spec.type is not MissionType.RECURRING:
        return None
    cycle = cycle_at(ctx, at)
    if cycle is None:
        raise Conflict("cycle_not_started", "the recurring mission's first cycle has not begun")
    return cycle


def workflow_id_of(ctx: MissionContext, user_id: str, at: datetime) -> str:
    """The workflow id of the user's journey at `at` (for a recurring mission, that cycle's)."""
    return enrolment_id(ctx.mission_id, user_id, journey_cycle(ctx, at))


def _as_conflict(exc: Exception, *, finished: tuple[RPCStatusCode, ...]) -> Conflict | Invalid | None:
    """The 409 a journey's refusal or end means (422 where the input is at fault), or None for a real failure."""
    if isinstance(exc, WorkflowAlreadyStartedError) or (isinstance(exc, RPCError) and exc.status in finished):
        return Conflict("journey_finished", "the user's journey through this mission is over")
    if isinstance(exc, WorkflowUpdateFailedError) and isinstance(exc.cause, ApplicationError) and exc.cause.type:
        # The journey's validator refused: its error type is the API's error code (and its first
        # detail, if any, the error's details).
        details = exc.cause.details[0] if exc.cause.details else None
        if exc.cause.type == UNSTORABLE or exc.cause.type in INPUT_REFUSALS:  # the input is at fault: 422
            return Invalid(exc.cause.type, exc.cause.message, details)
        return Conflict(exc.cause.type, exc.cause.message, details)
    return None


class JourneyGateway:
    """Starts, signals, updates, queries and cancels workflows (journeys with the policies they need)."""

    def __init__(
        self,
        client: LazyClient,
        task_queue: str,
        *,
        settle_timeout: timedelta = timedelta(seconds=1),
        settler: SettleListener | None = None,
    ) -> None:
        self._client = client
        self._task_queue = task_queue
        self._settle_timeout = settle_timeout
        self._settler = settler

    @property
    def task_queue(self) -> str:
        """The task queue journeys run on."""
        return self._task_queue

    async def _connected(self) -> Client:
        """The connected Temporal client (private: callers use the typed methods below)."""
        return await self._client.get()

    async def check_health(self) -> None:
        """Raises when Temporal's frontend does not answer."""
        await self._client.check_health()

    def _start_args(self, ctx: MissionContext, user_id: str, at: datetime) -> dict[str, Any]:
        cycle = journey_cycle(ctx, at)
        journey = Journey(mission_id=ctx.mission_id, user_id=user_id, revision=ctx.revision, cycle=cycle)
        return {
            "id": enrolment_id(ctx.mission_id, user_id, cycle),
            "task_queue": self._task_queue,
            "id_reuse_policy": WorkflowIDReusePolicy.REJECT_DUPLICATE,
            "search_attributes": TypedSearchAttributes(
                [
                    SearchAttributePair(MISSION_ID, ctx.mission_id),
                    SearchAttributePair(USER_ID, user_id),
                    SearchAttributePair(STATUS, EnrolmentStatus.AVAILABLE.value),
                ]
            ),
            "arg": EnrolmentInput(mission=ctx, journey=journey, status_attribute_set=True),
        }

    async def deliver(self, ctx: MissionContext, user_id: str, event: EventIn, *, settle: bool = False) -> bool:
        """Signals an event, starting the journey if needed; False when the journey has finished.

        With `settle`, returns only once the journey has applied the event and saved its read
        model, or after the settle timeout (`settle_timeout`): a client that reads right after its
        202 then sees its event. The journey announces it (`services.settling`) when this process
        listens; otherwise a query, answered after the pending workflow task, tells.
        """
        client = await self._connected()
        args = self._start_args(ctx, user_id, event.received_at)
        settler = self._settler if settle else None
        if settler is not None:
            settler.start()
            if not settler.listening:
                settler = None  # not yet (or no longer) listening: ask the journey instead
        with contextlib.ExitStack() as waits:
            announced = None
            if settler is not None:
                event = event.model_copy(update={"settle_channel": settler.channel})
                announced = waits.enter_context(settler.expect(args["id"], event.id))
            try:
                handle = await client.start_workflow(
                    WORKFLOW_NAME,
                    args.pop("arg"),
                    **args,
                    id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
                    start_signal="event",
                    start_signal_args=[event],
                )
            except WorkflowAlreadyStartedError:
                # Normally: the journey has finished. But two starts racing for a new journey can
                # also land here on some servers; then it is running, and the event must still reach it.
                return await self.signal(args["id"], "event", event)
            if announced is not None:
                try:
                    await asyncio.wait_for(announced, self._settle_timeout.total_seconds())
                    return True
                except TimeoutError:
                    return True
                except SettleLost:
                    pass  # the listener lost its connection meanwhile: ask the journey
            if settle:
                with contextlib.suppress(RPCError, WorkflowQueryFailedError, WorkflowQueryRejectedError):
                    await handle.query("journey", rpc_timeout=self._settle_timeout)
        return True

    async def act(
        self, ctx: MissionContext, user_id: str, update: str, payload: Any, *, at: datetime | None = None
    ) -> ActionResult:
        """Runs a user/admin action as update-with-start and returns the saved journey.

        `at` (default: the payload's `at`, else now) picks a recurring mission's cycle. A refusal
        by the journey's validator becomes `Conflict` with the journey's code.
        """
        client = await self._connected()
        args = self._start_args(ctx, user_id, at or getattr(payload, "at", None) or datetime.now(UTC))
        start: WithStartWorkflowOperation[Any, Any] = WithStartWorkflowOperation(
            WORKFLOW_NAME,
            args.pop("arg"),
            **args,
            id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
        )
        try:
            result: ActionResult = await client.execute_update_with_start_workflow(
                update, payload, start_workflow_operation=start, result_type=ActionResult
            )
        except (WorkflowAlreadyStartedError, WorkflowUpdateFailedError, RPCError) as exc:
            # Some servers (the time-skipping test server) answer a closed id with a bare status.
            conflict = _as_conflict(exc, finished=(RPCStatusCode.ALREADY_EXISTS,))
            if conflict is None:
                raise
            raise conflict from exc
        return result

    async def act_existing(self, workflow_id: str, update: str, payload: Any) -> ActionResult:
        """Runs an update on a journey that must already exist (admin decisions); never starts one."""
        client = await self._connected()
        try:
            result: ActionResult = await client.get_workflow_handle(workflow_id).execute_update(
                update, payload, result_type=ActionResult
            )
        except (WorkflowUpdateFailedError, RPCError) as exc:
            conflict = _as_conflict(exc, finished=(RPCStatusCode.NOT_FOUND, RPCStatusCode.FAILED_PRECONDITION))
            if conflict is None:
                raise
            raise conflict from exc
        return result

    async def announce_change(self, ctx: MissionContext) -> None:
        """Starts the broadcast of a new revision or archive to the mission's journeys now (tests; the
        routes record it with the change instead, as a `mission_change` start of `services.starts`)."""
        client = await self._connected()
        msg = Revise(mission=ctx)
        # A change already being (or once) announced is not announced twice.
        with contextlib.suppress(WorkflowAlreadyStartedError):
            await client.start_workflow(
                mission_change.NAME,
                msg,
                id=mission_change.mission_change_id(msg),
                task_queue=self._task_queue,
                id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
            )

    async def start_once(
        self, workflow: str, arg: Any, *, workflow_id: str, task_queue: str | None = None, reuse: Reuse = "reject"
    ) -> bool:
        """Starts workflow type `workflow` (a `NAME` of `workflows/`) by its stable id, on `task_queue`
        (default: the journeys'); False when it is already running (or, as `reuse` says, once ran):
        a start made twice, by the API and a relay, starts it once."""
        client = await self._connected()
        try:
            await client.start_workflow(
                workflow,
                arg,
                id=workflow_id,
                task_queue=task_queue or self._task_queue,
                id_reuse_policy=_REUSE[reuse],
                id_conflict_policy=WorkflowIDConflictPolicy.FAIL,
            )
        except WorkflowAlreadyStartedError:
            return False
        except RPCError as exc:
            # The time-skipping test server reports a duplicate without the details the SDK needs.
            if exc.status is RPCStatusCode.ALREADY_EXISTS:
                return False
            raise
        return True

    async def is_running(self, workflow_id: str) -> bool:
        """True while a workflow with this id runs."""
        client = await self._connected()
        try:
            description = await client.get_workflow_handle(workflow_id).describe()
        except RPCError as exc:
            if exc.status is RPCStatusCode.NOT_FOUND:
                return False
            raise
        return description.status == WorkflowExecutionStatus.RUNNING

    async def revise(self, workflow_id: str, ctx: MissionContext) -> bool:
        """Sends a new revision (or the archive) to a running journey; False if it has finished."""
        return await self.signal(workflow_id, "revise", Revise(mission=ctx))

    async def signal(self, workflow_id: str, name: str, payload: Any) -> bool:
        """Signals a running journey (never starts one); False if it has finished."""
        client = await self._connected()
        try:
            await client.get_workflow_handle(workflow_id).signal(name, payload)
        except RPCError as exc:
            if exc.status is RPCStatusCode.NOT_FOUND:
                return False
            raise
        return True

    async def cancel(self, workflow_id: str, *, wait: timedelta = CANCEL_WAIT) -> bool:
        """Cancels a running workflow and waits (up to `wait`) for it to stop; False when none runs."""
        handle = (await self._connected()).get_workflow_handle(workflow_id)
        try:
            if (await handle.describe()).status != WorkflowExecutionStatus.RUNNING:
                return False
            await handle.cancel()
        except RPCError as exc:
            if exc.status is RPCStatusCode.NOT_FOUND:
                return False
            raise
        # Return once it has stopped, so a second cancel already finds nothing running.
        with contextlib.suppress(WorkflowFailureError, TimeoutError):
            await asyncio.wait_for(handle.result(), timeout=wait.total_seconds())
        return True

    async def scheduled_launch(self, workflow_id: str) -> Launch | None:
        """What a running launch workflow will activate, and when; None when none runs."""
        handle = (await self._connected()).get_workflow_handle(workflow_id)
        try:
            if (await handle.describe()).status != WorkflowExecutionStatus.RUNNING:
                return None
            launch: Launch = await handle.query("launch", result_type=Launch)
        except RPCError as exc:
            if exc.status is RPCStatusCode.NOT_FOUND:
                return None
            raise
        return launch

    async def grant_job(self, job_id: str) -> GrantJobProgress | None:
        """A segment grant job's status and counters; None when no such workflow exists."""
        handle = (await self._connected()).get_workflow_handle(job_id)
        try:
            description = await handle.describe()
            job: GrantJob = await handle.query("progress", result_type=GrantJob)
        except RPCError as exc:
            if exc.status is RPCStatusCode.NOT_FOUND:
                return None
            raise
        status = description.status
        state: JobStatus = (
            "running"
            if status in (WorkflowExecutionStatus.RUNNING, WorkflowExecutionStatus.CONTINUED_AS_NEW)
            else "completed"
            if status == WorkflowExecutionStatus.COMPLETED
            else "failed"
        )
        return GrantJobProgress(status=state, job=job)

    async def dispatch_callbacks(self, jobs: Sequence[DeliverCallback]) -> None:
        """Starts each callback's delivery workflow; one already running or once finished is left alone."""
        for job in jobs:
            await self.start_once(CALLBACK, job, workflow_id=callback_workflow_id(job.delivery_id))

    async def redeliver_callback(self, job: DeliverCallback) -> None:
        """Starts a new delivery run of a callback made pending again, terminating a run still closing."""
        client = await self._connected()
        await client.start_workflow(
            CALLBACK,
            job,
            id=callback_workflow_id(job.delivery_id),
            task_queue=self._task_queue,
            id_reuse_policy=WorkflowIDReusePolicy.ALLOW_DUPLICATE,
            id_conflict_policy=WorkflowIDConflictPolicy.TERMINATE_EXISTING,
        )

    async def job_closed(self, workflow_id: str) -> bool:
        """True when a workflow with this id exists and has closed (completed, failed, terminated...);
        False while it runs, continues as new, or does not exist (yet)."""
        client = await self._connected()
        try:
            description = await client.get_workflow_handle(workflow_id).describe()
        except RPCError as exc:
            if exc.status is RPCStatusCode.NOT_FOUND:
                return False
            raise
        return description.status not in (WorkflowExecutionStatus.RUNNING, WorkflowExecutionStatus.CONTINUED_AS_NEW)

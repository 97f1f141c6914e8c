"""The enrolment workflow's fixed choices: patch ids, timeouts, retry policies, limits, refusals.

Patch ids are recorded in histories: never rename one, and call `workflow.patched` with it only
where it always was.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any, ParamSpec

from temporalio import workflow
from temporalio.common import RetryPolicy, SearchAttributeKey
from temporalio.exceptions import ApplicationError

with workflow.unsafe.imports_passed_through():
    from domain.errors import Cooldown, DomainError
    from domain.social_verification import NON_RETRYABLE, RETRY_BACKOFF, RETRY_INITIAL_INTERVAL, RETRY_MAXIMUM_INTERVAL

P = ParamSpec("P")

STATUS_ATTRIBUTE = SearchAttributeKey.for_keyword("EnrolmentStatus")
#: How many recent event ids a journey remembers to drop redelivered signals.
SEEN_EVENTS = 1000
#: A run continues as new after this many signals, well before Temporal's limit of 10,000 per run
#: (a hot journey's events may come faster than its history grows past the size suggestion).
SIGNALS_PER_RUN = 5000
#: Patch id: the run counts its signals and continues as new at `SIGNALS_PER_RUN`.
SIGNAL_BUDGET = "signal-budget"
#: Patch id: a segment trigger's grant takes effect at the entry (deferred to S when earlier).
TRIGGER_GRANT_AT_ENTRY = "trigger-grant-at-entry"
#: How many events a journey keeps while it waits for an unlock, a grant or eligibility (the most
#: recent ones): those received after the opening's cause are applied when it arrives.
PARKED_EVENTS = 200
#: Patch ids: the journey keeps events received while it waits to open (`_park`), and an unlock
#: caused by a completion or a tier takes effect at that moment, not when it is delivered.
PARK_UNTIL_OPEN = "park-until-open"
UNLOCK_AT_CAUSE = "unlock-at-cause"
#: Patch id: a streak counts in the user's own zone carried by the event (`Streak.time_zone:
#: "user"`); called only for events that carry one, so runs recorded before never meet it.
STREAK_USER_ZONE = "streak-user-zone"
SAVE_TIMEOUT = timedelta(seconds=10)
#: Patch id: an event whose sender waits (`EventIn.settle_channel`) and that changed nothing is
#: still announced, by the `settle_events` local activity; only such events (new) meet it.
SETTLE_ACKS = "settle-acks"
#: Telling a waiting sender is worth a few quick tries, never a stuck journey: it then times out.
SETTLE_TIMEOUT = timedelta(seconds=5)
COMPLETE_TIMEOUT = timedelta(seconds=30)
#: Rewards must be granted whatever happens: retry forever, backing off to once a minute.
ALWAYS_RETRY = RetryPolicy(initial_interval=timedelta(milliseconds=200), maximum_interval=timedelta(minutes=1))
#: The type of an activity's data error (`activities/data_errors.py`): PostgreSQL refuses a value
#: it is given, so no retry can succeed.
DATA_ERROR = "DataError"
#: The read-model write retries like every write, except on a data error: that one can never
#: succeed, and the journey refuses the action that caused it instead (`UNSTORABLE_ACTION`).
SAVE_RETRY = RetryPolicy(
    initial_interval=timedelta(milliseconds=200),
    maximum_interval=timedelta(minutes=1),
    non_retryable_error_types=[DATA_ERROR],
)
SETTLE_RETRY = RetryPolicy(initial_interval=timedelta(milliseconds=100), maximum_attempts=3)
#: Patch id: a user's action whose change the read model cannot store (a data error) is undone
#: and refused (422 `unstorable_input`), instead of its write being retried forever.
UNSTORABLE_ACTION = "unstorable-action"
#: The refusal of an action whose change cannot be stored.
UNSTORABLE = "unstorable_input"
#: A social check's attempts back off as `domain.social` suggests; the activity itself makes the
#: attempt at its deadline (requested + delay + timeout) the last one.
SOCIAL_RETRY = RetryPolicy(
    initial_interval=RETRY_INITIAL_INTERVAL,
    backoff_coefficient=RETRY_BACKOFF,
    maximum_interval=RETRY_MAXIMUM_INTERVAL,
    non_retryable_error_types=list(NON_RETRYABLE),
)
#: A safety net only: how long past its timeout a check's activity may still be scheduled.
SOCIAL_GRACE = timedelta(minutes=5)


class Refused(ApplicationError):
    """An update the journey refuses; `type` is the API's error code (and `details`, its details)."""

    def __init__(self, code: str, message: str, details: dict[str, Any] | list[dict[str, Any]] | None = None) -> None:
        super().__init__(message, *([details] if details is not None else []), type=code, non_retryable=True)


def refuse_unless(check: Callable[P, None], *args: P.args, **kwargs: P.kwargs) -> None:
    """Runs one of `domain.checks`: the domain error it raises becomes the journey's `Refused`."""
    try:
        check(*args, **kwargs)
    except DomainError as exc:
        refusal = Refused(exc.code, exc.message, exc.details)
        # The failure sent back carries a cause only where it always did (a cooldown's).
        if isinstance(exc, Cooldown):
            raise refusal from exc
        raise refusal from None


def budget_spent() -> Refused:
    """The refusal of a start once the mission's budget cap is spent."""
    return Refused("budget_exhausted", "the mission's budget is spent; it takes no new participants")


def unstorable(field: str, reason: str) -> Refused:
    """The refusal (422) of an action whose `field` the read model cannot store, for `reason`."""
    why = f"cannot be stored ({reason})"
    return Refused(UNSTORABLE, f"{field}: {why}", [{"field": field, "reason": why}])

"""Data errors, classified once for every activity: a write PostgreSQL refuses for its values.

A data error (SQLSTATE class 22: NUL in text or JSONB, an invalid JSON number, a numeric
overflow...) or a string the driver cannot encode (an unpaired surrogate) fails the same way on
every attempt. The interceptor turns it into an `ApplicationError` of type `DATA_ERROR`, so a
workflow can tell it from a passing failure by type: a call whose retry policy lists it among
`non_retryable_error_types` fails at once (the journey's read-model write does, and the journey
refuses the action that caused it), while every other call keeps its own policy unchanged.

The error's message names the failure only (its class, SQLSTATE and PostgreSQL's primary
message), never the statement or its parameters: those hold user data, and the message is kept
in workflow histories and logs.
"""

from __future__ import annotations

from typing import Any

import psycopg
import sqlalchemy.exc
from temporalio.exceptions import ApplicationError
from temporalio.worker import ActivityInboundInterceptor, ExecuteActivityInput, Interceptor

from workflows.enrolment import DATA_ERROR


def data_error_of(exc: BaseException) -> ApplicationError | None:
    """The `DATA_ERROR` an exception means when retrying cannot help, else None."""
    cause: BaseException = exc.orig if isinstance(exc, sqlalchemy.exc.DBAPIError) and exc.orig else exc
    if isinstance(cause, psycopg.DataError):
        state = f" [{cause.sqlstate}]" if cause.sqlstate else ""
        primary = cause.diag.message_primary or "a value PostgreSQL cannot store"
        return ApplicationError(f"{type(cause).__name__}{state}: {primary}", type=DATA_ERROR)
    if isinstance(cause, UnicodeEncodeError):
        return ApplicationError(f"UnicodeEncodeError: {cause.reason} ({cause.encoding})", type=DATA_ERROR)
    return None


class DataErrors(Interceptor):
    """Raises every activity's data error as an `ApplicationError` of type `DATA_ERROR`."""

    def intercept_activity(self, next: ActivityInboundInterceptor) -> ActivityInboundInterceptor:
        """Wraps the activity's inbound calls."""
        return _Classified(next)


class _Classified(ActivityInboundInterceptor):
    async def execute_activity(self, input: ExecuteActivityInput) -> Any:
        try:
            return await super().execute_activity(input)
        except (sqlalchemy.exc.DBAPIError, psycopg.DataError, UnicodeEncodeError) as exc:
            classified = data_error_of(exc)
            if classified is None:
                raise
            # `from None`: the original carries the statement and its parameters (user data).
            raise classified from None

"""Logging of the API and the worker: `QUESTLINE_LOG_FORMAT=text` (the default) or `json`.

In `json`, each record is one line with `timestamp` (UTC, ISO 8601), `level`, `logger` and
`message`, and with whatever context it was written in:

- in an activity: `workflow_id`, `run_id`, `workflow_type`, `activity_type`, `activity_id`,
  `attempt` (from `temporalio.activity.info()`, whichever logger wrote the line);
- in workflow code (`workflow.logger`): `workflow_id`, `run_id`, `workflow_type`;
- in an API request: `request_id` (echoed as `X-Request-ID`), `method` and `route` (the template);
- `exception` with the traceback, and any `extra={...}` fields the call passed.
"""

from __future__ import annotations

import contextvars
import json
import logging
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO, Any, Literal

from starlette.types import Scope
from temporalio import activity, workflow

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
#: Loggers uvicorn configures for itself; in JSON they go through the root handler instead.
_UVICORN = ("uvicorn", "uvicorn.error", "uvicorn.access")
#: Attributes every LogRecord has; anything else on a record came from `extra=`.
_STANDARD = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "taskName"}
#: Extras the SDK's logger adapters add; their content is flattened into the fields below.
_TEMPORAL_EXTRAS = frozenset({"temporal_activity", "temporal_workflow", "activity_info", "workflow_info"})


@dataclass(frozen=True)
class RequestContext:
    """The API request being handled (set by `observability.http.RequestMetrics`)."""

    request_id: str
    scope: Scope


request_context: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "questline_request", default=None
)


class JsonFormatter(logging.Formatter):
    """One JSON object per record, with the request, activity or workflow it was written in."""

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "timestamp": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        out.update(_temporal_fields(record))
        ctx = request_context.get()
        if ctx is not None:
            from observability.http import route_of

            out.update(request_id=ctx.request_id, method=ctx.scope.get("method"), route=route_of(ctx.scope))
        for key, value in record.__dict__.items():
            if key not in _STANDARD and key not in _TEMPORAL_EXTRAS and key not in out:
                out[key] = value
        if record.exc_info:
            out["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            out["exception"] = record.exc_text
        if record.stack_info:
            out["stack"] = self.formatStack(record.stack_info)
        return json.dumps(out, default=str, ensure_ascii=False)


def _temporal_fields(record: logging.LogRecord) -> dict[str, Any]:
    details = getattr(record, "temporal_activity", None)
    if details is None and activity.in_activity():
        # Any logger (the router's, SQLAlchemy's) inside an activity: the same context.
        info = activity.info()
        details = {
            "activity_id": info.activity_id,
            "activity_type": info.activity_type,
            "attempt": info.attempt,
            "workflow_id": info.workflow_id,
            "workflow_run_id": info.workflow_run_id,
            "workflow_type": info.workflow_type,
        }
    if isinstance(details, dict):
        return {
            "workflow_id": details.get("workflow_id"),
            "run_id": details.get("workflow_run_id"),
            "workflow_type": details.get("workflow_type"),
            "activity_type": details.get("activity_type"),
            "activity_id": details.get("activity_id"),
            "attempt": details.get("attempt"),
        }
    wf = getattr(record, "temporal_workflow", None)
    if isinstance(wf, dict):
        return {
            "workflow_id": wf.get("workflow_id"),
            "run_id": wf.get("run_id"),
            "workflow_type": wf.get("workflow_type"),
        }
    return {}


def configure_logging(level: str, fmt: Literal["text", "json"], *, stream: IO[str] | None = None) -> bool:
    """Installs the process's log handler on the root logger; False when it left logging alone.

    Like `logging.basicConfig`, it leaves a root logger that already has someone else's handlers
    (a test runner's) as it is, unless a `stream` is given. Called again, it replaces the handler
    it installed before.
    """
    root = logging.getLogger()
    ours = [h for h in root.handlers if getattr(h, "questline", False)]
    if stream is None and len(root.handlers) > len(ours):
        return False
    for old in ours:
        root.removeHandler(old)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.questline = True  # type: ignore[attr-defined]
    json_lines = fmt == "json"
    handler.setFormatter(JsonFormatter() if json_lines else logging.Formatter(TEXT_FORMAT))
    root.addHandler(handler)
    root.setLevel(level.upper())
    # The SDK's adapters append their context to the message; in JSON it has fields of its own.
    activity.logger.activity_info_on_message = not json_lines
    workflow.logger.workflow_info_on_message = not json_lines
    if json_lines:
        for name in _UVICORN:
            uvicorn_logger = logging.getLogger(name)
            uvicorn_logger.handlers.clear()
            uvicorn_logger.propagate = True
    return True

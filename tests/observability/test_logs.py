"""`QUESTLINE_LOG_FORMAT=json`: one parseable object per line, with request and activity context."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from temporalio import activity
from temporalio.testing import ActivityEnvironment

from api.app import create_app
from observability.logs import configure_logging
from settings import Settings

KEYS = {"timestamp", "level", "logger", "message"}


@pytest.fixture
def json_lines() -> Iterator[io.StringIO]:
    """Logging configured for JSON into a buffer; the handler and the SDK's flags restored afterwards."""
    stream = io.StringIO()
    root = logging.getLogger()
    level = root.level
    configure_logging("INFO", "json", stream=stream)
    try:
        yield stream
    finally:
        for handler in [h for h in root.handlers if getattr(h, "questline", False)]:
            root.removeHandler(handler)
        root.setLevel(level)
        activity.logger.activity_info_on_message = True
        from temporalio import workflow

        workflow.logger.workflow_info_on_message = True


def lines(stream: io.StringIO) -> list[dict[str, Any]]:
    out = [json.loads(line) for line in stream.getvalue().splitlines()]
    for record in out:
        assert record.keys() >= KEYS, record
    return out


def test_a_line_is_one_object_with_extras_and_the_traceback(json_lines: io.StringIO) -> None:
    log = logging.getLogger("questline.test")
    log.info("hello %s", "world", extra={"mission_count": 3})
    try:
        raise ValueError("boom")
    except ValueError:
        log.exception("it failed")
    hello, failed = lines(json_lines)
    assert hello["message"] == "hello world"
    assert (hello["level"], hello["logger"], hello["mission_count"]) == ("INFO", "questline.test", 3)
    assert hello["timestamp"].endswith("+00:00")
    assert failed["level"] == "ERROR"
    assert "ValueError: boom" in failed["exception"]


async def test_lines_written_in_an_activity_carry_its_workflow_and_run(json_lines: io.StringIO) -> None:
    @activity.defn(name="logging_probe")
    async def probe() -> None:
        activity.logger.info("from the activity logger")
        logging.getLogger("questline.router").warning("from another logger")

    env = ActivityEnvironment()
    await env.run(probe)
    info = env.info
    records = [r for r in lines(json_lines) if r["message"].startswith("from ")]
    assert len(records) == 2
    for record in records:
        assert record["workflow_id"] == info.workflow_id
        assert record["run_id"] == info.workflow_run_id
        assert record["activity_type"] == info.activity_type
        assert "({" not in record["message"], "the context is in fields, not appended to the message"


async def test_lines_written_in_a_request_carry_its_id_and_route(json_lines: io.StringIO) -> None:
    app = create_app(Settings(env="test", log_format="json"))

    async def noisy(thing: str) -> dict[str, str]:
        logging.getLogger("questline.api").info("handling %s", thing)
        return {"thing": thing}

    app.add_api_route("/probe/{thing}", noisy, methods=["GET"])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://q.test") as http:
        r = await http.get("/probe/abc")
    assert r.status_code == 200, r.text
    (record,) = [rec for rec in lines(json_lines) if rec["message"] == "handling abc"]
    assert record["request_id"] == r.headers["x-request-id"]
    assert (record["method"], record["route"]) == ("GET", "/probe/{thing}")


def test_text_stays_the_default_and_keeps_the_plain_layout() -> None:
    assert Settings(env="test").log_format == "text"
    stream = io.StringIO()
    root = logging.getLogger()
    level = root.level
    configure_logging("INFO", "text", stream=stream)
    try:
        logging.getLogger("questline.test").info("plain")
    finally:
        for handler in [h for h in root.handlers if getattr(h, "questline", False)]:
            root.removeHandler(handler)
        root.setLevel(level)
    assert stream.getvalue().rstrip().endswith("INFO questline.test plain")


def test_a_second_configuration_replaces_the_first(json_lines: io.StringIO) -> None:
    ours = [h for h in logging.getLogger().handlers if getattr(h, "questline", False)]
    configure_logging("INFO", "json", stream=json_lines)
    again = [h for h in logging.getLogger().handlers if getattr(h, "questline", False)]
    assert len(ours) == len(again) == 1
    assert ours != again

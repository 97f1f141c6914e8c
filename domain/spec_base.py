"""What every spec model an operator writes is built from: the `Spec` base, and the field types
the specs share (`Name`, `Duration`, `MAX_POINTS`).

Missions (`domain.missions`), rewards, challenges, segment rules and users all validate with these,
so a name or a duration is written and refused the same way everywhere.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, WithJsonSchema

_CALENDAR_UNITS = re.compile(r"^-?P(?:[^T]*[YM])")
_SECONDS = re.compile(r"^\d+(?:\.\d+)?$")


def _parse_duration(value: Any) -> Any:
    """Seconds may come as text (environment variables); ISO months and years are refused."""
    if isinstance(value, str) and _SECONDS.match(value.strip()):
        return float(value)
    if isinstance(value, str) and _CALENDAR_UNITS.match(value.strip().upper()):
        raise ValueError("months and years have no fixed length; give the duration in weeks or days (e.g. P30D)")
    return value


def _positive(value: timedelta) -> timedelta:
    if value <= timedelta(0):
        raise ValueError("must be a positive duration")
    return value


def iso_duration(value: timedelta) -> str:
    """ISO 8601 in days and time (`P400D`, `P1DT2H`, `PT1H30M`): pydantic's own form counts a
    year for 365 days (`P1Y35D`), which `Duration` would then refuse (years have no fixed length)."""
    days, rest = value.days, value - timedelta(days=value.days)
    hours, rest = divmod(rest, timedelta(hours=1))
    minutes, rest = divmod(rest, timedelta(minutes=1))
    seconds = f"{rest.total_seconds():.6f}".rstrip("0").rstrip(".") if rest else ""
    time = "".join(f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M")) if n) + (f"{seconds}S" if seconds else "")
    return "P" + (f"{days}D" if days else "") + (f"T{time}" if time else "")


#: A positive duration: ISO 8601 (`PT30S`, `P7D`) or a number of seconds; written back in days.
Duration = Annotated[
    timedelta,
    BeforeValidator(_parse_duration),
    AfterValidator(_positive),
    PlainSerializer(iso_duration, return_type=str, when_used="json"),
    # Documented as api.md has it (pydantic would show only the ISO string).
    WithJsonSchema(
        {"anyOf": [{"type": "string", "format": "duration"}, {"type": "number", "exclusiveMinimum": 0}]},
        mode="validation",
    ),
]
#: The largest point amount anything may name: far below what PostgreSQL's BIGINT sums can hold.
MAX_POINTS = 10**15

#: A short, non-blank identifier or label.
Name = Annotated[str, Field(min_length=1, max_length=200, pattern=r"\S")]


class Spec(BaseModel):
    """Base of every spec model: unknown fields are an error, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)

"""JSON types held strictly at the API boundary: a boolean is never a number, a number never a time.

FastAPI validates a parsed body in pydantic's lax mode, which reads `true` as the integer 1, `1`
or `"true"` as true, `"3"` as 3 and 1700000000 (or `"1700000000"`) as a Unix time. api.md says
numbers are JSON numbers and times ISO 8601 strings. The models cannot simply be made strict:
the same domain models are read back from the database (JSONB) and from Temporal payloads, where
a decimal or a time is a string and pydantic's strict mode would refuse it (and strict JSON mode
turns python-strict behind every before-validator). So the check sits on the route parameter
only, `body: JsonBody[Model]`: after the usual validation succeeds, each scalar of the result is
compared with the JSON value it came from, and every mismatch is a 422 naming its field.

What each validated type takes from JSON:

    bool       true or false only
    int        a number with no fractional part (12, 12.0 as JSON Schema's `integer`), not a boolean
    float      a number, not a boolean or a string
    Decimal    a number or a decimal string ("10.5", the form the API itself writes), not a boolean
    datetime   an ISO 8601 string, not a number nor a string of digits (a Unix time)
    timedelta  an ISO 8601 string (PT30S) or a number of seconds, not a boolean nor a string of digits
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, BeforeValidator, GetCoreSchemaHandler, RootModel, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError, core_schema

T = TypeVar("T")

#: A number written as a string: what pydantic's lax mode would read as a Unix time or a number.
_NUMERIC = re.compile(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$")
_TIME = "an ISO 8601 date-time string with an offset (e.g. 2030-01-31T12:00:00Z)"


def _is_number(raw: Any) -> bool:
    return isinstance(raw, int | float) and not isinstance(raw, bool)


def _scalar_problem(out: Any, raw: Any) -> tuple[str, str] | None:
    """(error type, reason) when the JSON value `raw` is not of the JSON type the validated `out` needs."""
    if not isinstance(raw, bool | int | float | str):
        return None  # an object or list a validator made a scalar of on purpose: not a type confusion
    if isinstance(out, bool):
        return None if isinstance(raw, bool) else ("bool_type", "Input should be a JSON boolean (true or false)")
    if isinstance(out, int):
        if isinstance(raw, bool):
            return "int_type", "Input should be an integer, not a boolean"
        if isinstance(raw, int) or (isinstance(raw, float) and raw.is_integer()):
            return None
        return "int_type", "Input should be an integer (a JSON number, not a string)"
    if isinstance(out, float):
        return None if _is_number(raw) else ("float_type", "Input should be a JSON number")
    if isinstance(out, Decimal):
        if isinstance(raw, bool):
            return "decimal_type", "Input should be a number, not a boolean"
        return None
    if isinstance(out, datetime | date | time):
        if isinstance(raw, str) and not _NUMERIC.match(raw):
            return None
        return "datetime_type", f"Input should be {_TIME}, not a number (Unix times are not accepted)"
    if isinstance(out, timedelta):
        if _is_number(raw) or (isinstance(raw, str) and not _NUMERIC.match(raw)):
            return None
        what = "a boolean" if isinstance(raw, bool) else "a string of digits"
        return "duration_type", f"Input should be an ISO 8601 duration (PT30S) or a number of seconds, not {what}"
    return None


def _key(model: BaseModel, name: str, raw: dict[str, Any]) -> str | None:
    """The key under which a field came in the raw object (its alias or its name), if given."""
    info = type(model).model_fields[name]
    for key in (info.validation_alias, info.alias, name):
        if isinstance(key, str) and key in raw:
            return key
    return None


def mismatches(out: Any, raw: Any, loc: tuple[str | int, ...] = ()) -> Iterator[InitErrorDetails]:
    """Every place where the validated `out` holds a scalar its JSON value `raw` should not have given."""
    if isinstance(out, RootModel):
        yield from mismatches(out.root, raw, loc)
    elif isinstance(out, BaseModel):
        if isinstance(raw, dict):
            for name in type(out).model_fields:
                if (key := _key(out, name, raw)) is not None:
                    yield from mismatches(getattr(out, name), raw[key], (*loc, key))
    elif isinstance(out, list | tuple):
        # A validator may reorder or drop items; then positions no longer match and nothing is said.
        if isinstance(raw, list) and len(raw) == len(out):
            for i, (item, raw_item) in enumerate(zip(out, raw, strict=True)):
                yield from mismatches(item, raw_item, (*loc, i))
    elif isinstance(out, dict):
        if isinstance(raw, dict):
            for key, value in out.items():
                if key in raw:
                    yield from mismatches(value, raw[key], (*loc, key))
    elif out is not None and (problem := _scalar_problem(out, raw)) is not None:
        kind, reason = problem
        yield {"type": PydanticCustomError(kind, reason), "loc": loc, "input": raw}


class StrictJson:
    """Marks a route's body: after the usual validation, its JSON types are checked (see the module)."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        """The source type's own schema, wrapped in the check."""
        return core_schema.no_info_wrap_validator_function(_checked, handler(source))

    def __repr__(self) -> str:
        return "StrictJson()"


def _checked(value: Any, validate: core_schema.ValidatorFunctionWrapHandler) -> Any:
    out = validate(value)  # the model's own errors come first, exactly as without the check
    errors = list(mismatches(out, value))
    if errors:
        raise ValidationError.from_exception_data("body", errors)
    return out


def _true_or_false(value: Any) -> Any:
    # FastAPI's query booleans also take 1/0, yes/no and on/off: a number is never a boolean here either.
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise PydanticCustomError("bool_type", "Input should be true or false")


#: A boolean query parameter: `true` or `false` only.
QueryBool = Annotated[bool, BeforeValidator(_true_or_false)]

#: A route's JSON body of type T, with its JSON types held strictly: `body: JsonBody[MissionSpec]`.
JsonBody = Annotated[T, StrictJson()]

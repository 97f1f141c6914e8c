"""The rules of rule segments (docs/missions.md §7): the model that validates and dumps them.

A rule is a JSON object with exactly one key, one per kind of node:

    {"points_at_least": 100}
    {"tier_in": ["gold", "platinum"]}
    {"attribute": {"name": "country", "op": "eq", "value": "FR"}}
    {"joined_before": "2030-01-01T00:00:00Z"}    joined_at <  the instant
    {"joined_after": "2030-01-01T00:00:00Z"}     joined_at >= the instant (the two split time in two)
    {"completed_mission": "<mission id>"}
    {"inactive_for": "P30D"}                     (or seconds) now - last activity >= the duration
    {"all": [rule, ...]}, {"any": [rule, ...]}, {"not": rule}

`SegmentRule.model_validate(json)` checks a rule; `model_dump(mode="json", exclude_none=True)`
gives it back. Instants and durations come back in canonical form (`Z`, `PT1H` for 3600): a
rule written in that form dumps to exactly itself, any other dumps to an equal rule.

Attribute conditions never raise on what a user's attributes hold: a missing (or null) attribute,
or one whose type does not fit the operation, simply does not match. That includes `ne`: it
matches an attribute that is present and of the value's type but different; wrap `eq` in `not`
to match users without the attribute too.

Evaluating a rule for a user is `domain.segment_evaluation`; static segments' CSV is `domain.segment_csv`.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, ConfigDict, Field, field_validator, model_validator

from domain.errors import FieldInvalid
from domain.spec_base import MAX_POINTS, Duration, Name, Spec

#: How deep rules may nest: a leaf is 1 deep, `{"not": leaf}` 2.
MAX_DEPTH = 8
#: How many nodes one rule may have in all (each is evaluated for every user it concerns).
MAX_NODES = 500
#: How many children one `all` / `any` may have.
MAX_CHILDREN = 100

# --- attribute conditions ----------------------------------------------------------------------

AttributeOp = Literal["eq", "ne", "gt", "gte", "lt", "lte", "in", "contains", "exists"]

_MAX_TEXT = 1000
_MAX_VALUES = 1000
_Text = Annotated[str, Field(strict=True, max_length=_MAX_TEXT)]
_Number = Annotated[float, Field(strict=True, allow_inf_nan=False)]
_Int = Annotated[int, Field(strict=True)]
_Bool = Annotated[bool, Field(strict=True)]
#: A JSON scalar an attribute is compared with (null is not one: use `exists`).
Scalar = _Bool | _Int | _Number | _Text


def _scalar_problem(value: object) -> str | None:
    if isinstance(value, bool | int):
        return None
    if isinstance(value, float):
        return None if math.isfinite(value) else "numbers must be finite"
    if isinstance(value, str):
        return None if len(value) <= _MAX_TEXT else f"text values are at most {_MAX_TEXT} characters"
    return "must be a string, a number, a boolean or a list of those"


_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
}


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _iso(value: object) -> date | datetime | None:
    """An ISO 8601 date, or an aware date-time; None for anything else (naive date-times too)."""
    if isinstance(value, datetime):
        return value if value.utcoffset() is not None else None
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    try:
        instant = datetime.fromisoformat(value)
    except ValueError:
        return None
    return instant if instant.utcoffset() is not None else None


def _same(a: object, b: object) -> bool:
    """JSON equality: booleans are not numbers, 1 equals 1.0, strings compare as text."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if _is_number(a) and _is_number(b):
        return bool(a == b)
    return isinstance(a, str) and isinstance(b, str) and a == b


def _same_kind(a: object, b: object) -> bool:
    """Whether `a` and `b` are both booleans, both numbers or both strings."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool)
    return (_is_number(a) and _is_number(b)) or (isinstance(a, str) and isinstance(b, str))


class AttributeCondition(Spec):
    """A test of one profile attribute.

    `eq` / `ne`: a scalar of the same type (`ne` needs the attribute present).
    `gt` / `gte` / `lt` / `lte`: numbers with numbers; or, with an ISO 8601 date (`2030-01-31`) or
    aware date-time as the value, an attribute holding the same kind of ISO text.
    `in`: the attribute equals one of a non-empty list of scalars.
    `contains`: a text attribute contains the value as a substring, or a list attribute has it.
    `exists`: the attribute is present and not null; takes no value.
    """

    name: Name
    op: AttributeOp
    value: Scalar | Annotated[list[Scalar], Field(max_length=_MAX_VALUES)] | None = None

    @field_validator("value", mode="before")
    @classmethod
    def _json_scalar(cls, value: Any) -> Any:
        # Checked here, so an error says what is wrong rather than listing each member of the union.
        if value is None:
            return value
        items = value if isinstance(value, list) else [value]
        if len(items) > _MAX_VALUES:
            raise ValueError(f"at most {_MAX_VALUES} values")
        for item in items:
            if (problem := _scalar_problem(item)) is not None:
                raise ValueError(problem)
        return value

    @model_validator(mode="after")
    def _value_fits_op(self) -> AttributeCondition:
        op, value = self.op, self.value
        if op == "exists":
            if "value" in self.model_fields_set:
                raise FieldInvalid("value", "op exists takes no value")
            return self
        if value is None:
            raise FieldInvalid("value", f"op {op} needs a value (to test presence, use op exists)")
        if op == "in":
            if not isinstance(value, list) or not value:
                raise FieldInvalid("value", "op in needs a non-empty list of values")
            return self
        if isinstance(value, list):
            raise FieldInvalid("value", f"op {op} compares with one value, not a list (use op in)")
        if op in _ORDER and (isinstance(value, bool) or (isinstance(value, str) and _iso(value) is None)):
            raise FieldInvalid("value", f"op {op} compares numbers, ISO 8601 dates or date-times with a time zone")
        return self

    def matches(self, attributes: dict[str, Any]) -> bool:
        """Whether `attributes` satisfy the condition; False (never an error) when they cannot."""
        actual = attributes.get(self.name)
        if actual is None:
            return False
        op, value = self.op, self.value
        if op == "exists":
            return True
        if op == "in":
            return isinstance(value, list) and any(_same(actual, v) for v in value)
        if op == "eq":
            return _same(actual, value)
        if op == "ne":
            return _same_kind(actual, value) and not _same(actual, value)
        if op == "contains":
            if isinstance(actual, str):
                return isinstance(value, str) and value in actual
            return isinstance(actual, list) and any(_same(item, value) for item in actual)
        compare = _ORDER[op]
        if _is_number(value):
            return _is_number(actual) and compare(actual, value)
        expected, found = _iso(value), _iso(actual)
        # A date only compares with a date, an aware date-time only with an aware date-time.
        if expected is None or found is None or type(expected) is not type(found):
            return False
        return compare(found, expected)


# --- rules -------------------------------------------------------------------------------------

#: Each key a rule may have, with its field name.
_FIELDS = {
    "points_at_least": "points_at_least",
    "tier_in": "tier_in",
    "attribute": "attribute",
    "joined_before": "joined_before",
    "joined_after": "joined_after",
    "completed_mission": "completed_mission",
    "inactive_for": "inactive_for",
    "all": "all_",
    "any": "any_",
    "not": "not_",
}
_KEY_OF = {name: key for key, name in _FIELDS.items()}


def _raw_children(node: Any) -> Iterator[Any]:
    """The sub-rules of a rule, given as JSON or as a model (anything else has none)."""
    if isinstance(node, SegmentRule):
        yield from node.children()
    elif isinstance(node, dict):
        for key in ("all", "any"):
            if isinstance(node.get(key), list):
                yield from node[key]
        if "not" in node:
            yield node["not"]


def _height(node: Any, limit: int) -> int:
    """How deep `node` nests, looking no further than `limit` levels (so no deeper than needed)."""
    if limit == 0:
        return 0
    return 1 + max((_height(child, limit - 1) for child in _raw_children(node)), default=0)


def _size(rule: SegmentRule) -> int:
    return 1 + sum(_size(child) for child in rule.children())


class SegmentRule(Spec):
    """One node of a segment rule: exactly one of its keys is given (see the module's docstring)."""

    model_config = ConfigDict(extra="forbid", frozen=True, serialize_by_alias=True)

    points_at_least: Annotated[int, Field(strict=True, ge=0, le=MAX_POINTS)] | None = None
    tier_in: Annotated[list[Name], Field(min_length=1, max_length=100)] | None = None
    attribute: AttributeCondition | None = None
    joined_before: AwareDatetime | None = None
    joined_after: AwareDatetime | None = None
    completed_mission: Name | None = None
    inactive_for: Duration | None = None
    all_: Annotated[list[SegmentRule], Field(min_length=1, max_length=MAX_CHILDREN)] | None = Field(None, alias="all")
    any_: Annotated[list[SegmentRule], Field(min_length=1, max_length=MAX_CHILDREN)] | None = Field(None, alias="any")
    not_: SegmentRule | None = Field(None, alias="not")

    @model_validator(mode="before")
    @classmethod
    def _not_too_deep(cls, data: Any) -> Any:
        # Checked on the raw input, top-down, so a deeply nested body is refused before it is walked.
        if _height(data, MAX_DEPTH + 1) > MAX_DEPTH:
            key = next((k for k in ("all", "any", "not") if isinstance(data, dict) and k in data), "")
            raise FieldInvalid(key, f"rules may nest at most {MAX_DEPTH} deep")
        return data

    @model_validator(mode="after")
    def _exactly_one(self) -> SegmentRule:
        given = [name for name in _FIELDS.values() if name in self.model_fields_set]
        for name in given:
            if getattr(self, name) is None:
                raise FieldInvalid(_KEY_OF[name], "must not be null")
        if not given:
            raise FieldInvalid("", f"a rule needs exactly one of the keys {', '.join(_FIELDS)}")
        if len(given) > 1:
            keys = [_KEY_OF[name] for name in given]
            raise FieldInvalid(keys[1], f"a rule has exactly one key, not {' and '.join(keys)}; combine with all/any")
        if self.tier_in is not None and len(set(self.tier_in)) != len(self.tier_in):
            raise FieldInvalid("tier_in", "tier names must be unique")
        if self.children() and _size(self) > MAX_NODES:
            raise FieldInvalid(self.kind, f"a rule may have at most {MAX_NODES} nodes")
        return self

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        # Only the one key that is set: a tree of rules stays readable in test output and logs.
        return ((name, value) for name, value in super().__repr_args__() if value is not None)

    @property
    def kind(self) -> str:
        """The rule's one key (`points_at_least`, ..., `all`, `any`, `not`)."""
        return next(key for key, name in _FIELDS.items() if getattr(self, name) is not None)

    def children(self) -> list[SegmentRule]:
        """The sub-rules of a combinator; empty for a leaf."""
        if self.not_ is not None:
            return [self.not_]
        return list(self.all_ or self.any_ or [])

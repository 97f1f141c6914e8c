"""User segments (mission-semantics.md §7): the rules of rule segments, and the CSV of static ones.

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

Pure: no I/O. Which facts a rule reads is `depends_on`; when the clock alone changes its result
is `next_time_change`.
"""

from __future__ import annotations

import contextlib
import csv
import io
import math
import operator
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator

from domain.errors import FieldInvalid, Invalid
from domain.ids import user_id_problem
from domain.missions import MAX_POINTS, Duration, Name, Spec

#: How deep rules may nest: a leaf is 1 deep, `{"not": leaf}` 2.
MAX_DEPTH = 8
#: How many nodes one rule may have in all (each is evaluated for every user it concerns).
MAX_NODES = 500
#: How many children one `all` / `any` may have.
MAX_CHILDREN = 100

#: What a rule may depend on (see `depends_on`).
FACTS = frozenset({"points", "tier", "profile", "completions", "activity", "time"})


# --- the facts a rule looks at -----------------------------------------------------------------


class UserFacts(BaseModel):
    """Everything a segment rule may look at about one user. Instants must be time-zone aware."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    user_id: str
    points: int = 0
    tier: str | None = None
    attributes: dict[str, Any] = {}
    joined_at: AwareDatetime | None = None
    completed_missions: frozenset[str] = frozenset()
    last_active_at: AwareDatetime | None = None


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


# --- evaluation --------------------------------------------------------------------------------


def _aware(now: datetime) -> None:
    if now.utcoffset() is None:
        raise ValueError("now must be time-zone aware")


def _inactive_since(facts: UserFacts) -> datetime | None:
    """Where inactivity is measured from: the last activity, else (never active) joining."""
    return facts.last_active_at if facts.last_active_at is not None else facts.joined_at


def _evaluate(rule: SegmentRule, facts: UserFacts, now: datetime) -> bool:
    if rule.points_at_least is not None:
        return facts.points >= rule.points_at_least
    if rule.tier_in is not None:
        return facts.tier is not None and facts.tier in rule.tier_in
    if rule.attribute is not None:
        return rule.attribute.matches(facts.attributes)
    if rule.joined_before is not None:
        return facts.joined_at is not None and facts.joined_at < rule.joined_before
    if rule.joined_after is not None:
        return facts.joined_at is not None and facts.joined_at >= rule.joined_after
    if rule.completed_mission is not None:
        return rule.completed_mission in facts.completed_missions
    if rule.inactive_for is not None:
        since = _inactive_since(facts)
        return since is not None and now - since >= rule.inactive_for
    if rule.all_ is not None:
        return all(_evaluate(child, facts, now) for child in rule.all_)
    if rule.any_ is not None:
        return any(_evaluate(child, facts, now) for child in rule.any_)
    assert rule.not_ is not None
    return not _evaluate(rule.not_, facts, now)


def evaluate(rule: SegmentRule, facts: UserFacts, now: datetime) -> bool:
    """Whether the user described by `facts` is in the segment at `now` (aware)."""
    _aware(now)
    return _evaluate(rule, facts, now)


_LEAF_FACTS: dict[str, frozenset[str]] = {
    "points_at_least": frozenset({"points"}),
    "tier_in": frozenset({"tier"}),
    "attribute": frozenset({"profile"}),
    # Compared with fixed instants, not with now: once joined_at is known the result is settled.
    "joined_before": frozenset({"profile"}),
    "joined_after": frozenset({"profile"}),
    "completed_mission": frozenset({"completions"}),
    # Measured from joined_at (part of the profile) for a user who was never active.
    "inactive_for": frozenset({"activity", "time", "profile"}),
}


def depends_on(rule: SegmentRule) -> frozenset[str]:
    """Which facts (of `FACTS`) a change of may change the rule's result.

    `time` means the clock alone may change it (only `inactive_for` compares with now); then
    `next_time_change` says when. A user's effective tier follows their points when tiers have
    thresholds: the caller passes `tier` as a reason whenever that tier may have moved.
    """
    children = rule.children()
    if not children:
        return _LEAF_FACTS[rule.kind]
    return frozenset().union(*(depends_on(child) for child in children))


def _flips(rule: SegmentRule, facts: UserFacts) -> Iterator[datetime]:
    """The instants at which a leaf of `rule` changes with time alone (each at most once)."""
    if rule.inactive_for is not None:
        since = _inactive_since(facts)
        if since is not None:
            with contextlib.suppress(OverflowError):  # beyond year 9999: never
                yield since + rule.inactive_for
    for child in rule.children():
        yield from _flips(child, facts)


def next_time_change(rule: SegmentRule, facts: UserFacts, now: datetime) -> datetime | None:
    """The earliest instant after `now` at which, the facts unchanged, the rule's result changes.

    Only `inactive_for` compares with now, and it is monotone: false until `since + duration`,
    true from that instant on. `joined_before` / `joined_after` compare the fixed joined_at with
    a fixed instant, so time alone never changes them (a new joined_at is a profile change).
    So the result is constant between consecutive `inactive_for` instants, and the answer is the
    first of those after `now` at which evaluating gives a different result: exact, not merely a
    candidate (`{"all": [{"points_at_least": 10}, {"inactive_for": "P7D"}]}` for a user with 5
    points never changes with time, and gets None). None when time alone never changes it.

    The result at the returned instant already differs (`>=`), so a timer set for it re-evaluates
    in time; after re-evaluating, ask again for the next one.
    """
    _aware(now)
    current = _evaluate(rule, facts, now)
    for instant in sorted({t for t in _flips(rule, facts) if t > now}):
        if _evaluate(rule, facts, instant) != current:
            return instant
    return None


# --- static segments: CSV upload ---------------------------------------------------------------

_USER_ID = re.compile(r"^[^\s/:?#%]+$")
_MAX_USER_ID = 200


def _id_problem(user_id: str) -> str | None:
    if not user_id:
        return "empty user id"
    if len(user_id) > _MAX_USER_ID:
        return f"user id longer than {_MAX_USER_ID} characters"
    if not _USER_ID.match(user_id):
        return "user id contains whitespace or one of / : ? # %"
    # The rest of the API's one rule (control, invisible, U+FFFD, NFC): a CSV adds the same users.
    problem = user_id_problem(user_id)
    return None if problem is None else f"user id {problem}"


def parse_member_csv(text: str, *, max_rows: int = 100_000) -> tuple[list[str], list[dict[str, Any]]]:
    """The user ids of a static segment's CSV file, and the rows refused.

    The first (non-blank) row is a header naming a `user_id` column, in any case; other columns
    are ignored. A header is required, even for a single column: a file whose first row could be
    an id or a header would be guessed at, and a wrong guess silently adds or drops a user. Ids
    are taken as written (no trimming) and must be API user ids (`domain.ids`: 1-200 characters,
    no whitespace, no / : ? # %, no control or invisible characters, NFC). Blank lines are
    skipped; a BOM, CRLF and quoted fields (even spanning lines) are handled.

    Returns the unique valid ids in file order, and `{"line": n, "reason": ...}` for each row
    refused, `n` the 1-based line the row starts on: a bad id, `duplicate of line N`, and once
    `more than max_rows rows`, after which the rest of the file is not read. Raises
    `Invalid("invalid_csv")` without a `user_id` header or when the file is not readable CSV.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""))
    user_ids: list[str] = []
    errors: list[dict[str, Any]] = []
    first_line: dict[str, int] = {}
    column: int | None = None
    rows = 0
    line = 1
    try:
        for record in reader:
            start, line = line, reader.line_num + 1
            if not record:
                continue  # a blank line
            if column is None:
                column = _user_id_column(record, start)
                continue
            rows += 1
            if rows > max_rows:
                errors.append({"line": start, "reason": f"more than {max_rows} rows; the rest was not read"})
                break
            user_id = record[column] if column < len(record) else ""
            problem = _id_problem(user_id)
            if problem is None and user_id in first_line:
                problem = f"duplicate of line {first_line[user_id]}"
            if problem is not None:
                errors.append({"line": start, "reason": problem})
                continue
            first_line[user_id] = start
            user_ids.append(user_id)
    except csv.Error as exc:
        raise Invalid(
            "invalid_csv", f"the file is not readable CSV: {exc}", [{"line": line, "reason": str(exc)}]
        ) from exc
    if column is None:
        raise Invalid("invalid_csv", "the file is empty; it needs a user_id header", [{"line": 1, "reason": "empty"}])
    return user_ids, errors


def _user_id_column(header: list[str], line: int) -> int:
    names = [cell.strip().lstrip("\ufeff").lower() for cell in header]
    found = [i for i, name in enumerate(names) if name == "user_id"]
    if len(found) == 1:
        return found[0]
    if found:
        reason = "the header names user_id more than once"
    else:
        reason = "the first row must be a header with a user_id column (for a lone column of ids, add a line user_id)"
    raise Invalid("invalid_csv", reason, [{"line": line, "reason": reason}])

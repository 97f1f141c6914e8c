"""What a mission spec refers to by id or name, and how an unknown reference is refused. Pure.

A reference that names nothing makes a mission that cannot work as written: limited to a segment
nobody is in (invisible to everyone), locked behind a mission or tier that does not exist (locked
forever), paying an item that is not in the shop. Every such reference is refused the same way:
422, one detail per unknown reference naming its field (`segments.0`,
`unlock.after_missions.1`), the error's code that of the first (`segment_not_found`, ...).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from domain.errors import Invalid
from domain.links import segment_of
from domain.missions import ManualGoal, MissionSpec

Kind = Literal["mission", "tier", "segment", "item", "category", "quest"]

#: Where to create each kind of thing a reference may name (for the error's hint).
_HINT: dict[str, str] = {
    "mission": "POST /v1/missions",
    "tier": "PUT /v1/tiers",
    "segment": "POST /v1/segments",
    "item": "POST /v1/items",
    "category": "POST /v1/categories",
    "quest": "POST /v1/quests",
}


@dataclass(frozen=True)
class Reference:
    """One reference of a spec: the field it is in, what kind of thing it names, and the id or name."""

    field: str
    kind: Kind
    ref: str


def references_of(spec: MissionSpec) -> list[Reference]:
    """Every reference of `spec`, in the order of its fields."""
    found: list[Reference] = []
    if spec.unlock is not None:
        found += [
            Reference(f"unlock.after_missions.{i}", "mission", m) for i, m in enumerate(spec.unlock.after_missions)
        ]
        if spec.unlock.min_tier is not None:
            found.append(Reference("unlock.min_tier", "tier", spec.unlock.min_tier))
    if isinstance(spec.goal, ManualGoal) and spec.goal.approval.segment is not None:
        found.append(Reference("goal.approval.segment", "segment", spec.goal.approval.segment))
    if spec.reward is not None and spec.reward.item is not None:
        found.append(Reference("reward.item", "item", spec.reward.item))
    found += [Reference(f"segments.{i}", "segment", s) for i, s in enumerate(spec.segments)]
    found += [Reference(f"tiers.{i}", "tier", t) for i, t in enumerate(spec.tiers)]
    if spec.trigger is not None:
        found.append(Reference("trigger.segment", "segment", spec.trigger.segment))
    if spec.audience is not None and (segment := segment_of(spec.audience)) is not None:
        found.append(Reference("audience", "segment", segment))
    if spec.category_id is not None:
        found.append(Reference("category_id", "category", spec.category_id))
    if spec.quest_id is not None:
        found.append(Reference("quest_id", "quest", spec.quest_id))
    return found


def new_references(spec: MissionSpec, previous: MissionSpec | None) -> list[Reference]:
    """The references of `spec` that `previous` did not already make (all of them without one).

    A change is checked for what it adds: a stored reference that went stale (a tier dropped
    from the tier list) does not block changing an unrelated field.
    """
    if previous is None:
        return references_of(spec)
    before = {(r.kind, r.ref) for r in references_of(previous)}
    return [r for r in references_of(spec) if (r.kind, r.ref) not in before]


def problems(
    refs: Iterable[Reference],
    known: Mapping[str, set[str]],
    *,
    mission_id: str | None = None,
    challenges: set[str] | frozenset[str] = frozenset(),
) -> list[dict[str, Any]]:
    """The detail of each unknown reference: `known[kind]` holds the ids (names) that exist.

    A prerequisite must also be an operator's mission other than this one (`mission_id`): a
    mission that waits for itself, or for a user's personal challenge (`challenges`), stays locked.
    """
    details: list[dict[str, Any]] = []
    for r in refs:
        if r.kind == "mission" and r.ref == mission_id:
            reason = "a mission cannot be its own prerequisite"
        elif r.kind == "mission" and r.ref in challenges:
            reason = f"mission {r.ref!r} is a user's personal challenge, not an operator mission"
        elif r.ref not in known.get(r.kind, set()):
            reason = f"no {r.kind} {r.ref!r}; create it with {_HINT[r.kind]} first"
        else:
            continue
        details.append({"field": r.field, "reason": reason, "type": f"{r.kind}_not_found"})
    return details


def refuse(details: list[dict[str, Any]]) -> None:
    """Raises the 422 for unknown references (nothing when `details` is empty)."""
    if not details:
        return
    first = details[0]
    more = f" (and {len(details) - 1} more)" if len(details) > 1 else ""
    raise Invalid(first["type"], f"{first['field']}: {first['reason']}{more}", details)

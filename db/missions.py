"""Mission repository: every SQL statement on missions, their revisions and the catalogue version.

Functions run inside the caller's transaction and never commit. Status rules are not checked here
(the API applies `domain.mission_lifecycle.transition` first); this module only persists. A caller that
reads a mission to change it should read it with `get(conn, id, for_update=True)` so concurrent
writers queue instead of overwriting each other.

Every write bumps `catalogue_version`, so a process caching the active catalogue notices changes.
That row is locked until the writing transaction ends: mission writes are serialised, which is
fine for admin-paced changes. Creating and changing the status of a user's challenge (a mission
with `owner_user_id`) does not bump it: challenges are not in the catalogue, and users create
them at their own pace, which must neither serialise on that row nor reload every cache.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel

from db import items
from db.engine import Conn
from db.tables import catalogue_version as catalogue_version_table
from db.tables import (
    categories,
    enrolments,
    mission_completions,
    mission_pauses,
    mission_revisions,
    missions,
    quests,
    segments,
    streak_repairs,
    submissions,
    tiers,
)
from db.tables import items as items_table
from domain.errors import Invalid, NotFound
from domain.missions import Mission, MissionSpec, MissionStatus, MissionType
from domain.references import new_references, problems, refuse
from domain.rewards import Reward

_COLUMNS = (
    missions.c.id,
    missions.c.status,
    missions.c.revision,
    missions.c.spec,
    missions.c.created_at,
    missions.c.updated_at,
    missions.c.activated_at,
    missions.c.archived_at,
    missions.c.budget_spent,
    missions.c.budget_completions,
    missions.c.budget_exhausted_at,
    missions.c.owner_user_id,
    missions.c.paused_at,
    missions.c.deleted_at,
)


def _to_mission(row: sa.RowMapping) -> Mission:
    return Mission(
        id=row["id"],
        status=MissionStatus(row["status"]),
        revision=row["revision"],
        spec=MissionSpec.model_validate(row["spec"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        activated_at=row["activated_at"],
        archived_at=row["archived_at"],
        budget_spent=row["budget_spent"],
        budget_completions=row["budget_completions"],
        budget_exhausted_at=row["budget_exhausted_at"],
        owner_user_id=row["owner_user_id"],
        paused_at=row.get("paused_at"),
        deleted_at=row.get("deleted_at"),
    )


def spec_json(spec: MissionSpec) -> dict[str, Any]:
    """The JSON stored for a spec (what `MissionSpec.model_validate` reads back)."""
    return spec.model_dump(mode="json", exclude_none=True)


def _spec_columns(spec: MissionSpec) -> dict[str, Any]:
    """The columns copied out of a spec, so they can be filtered and indexed."""
    return {
        "name": spec.name,
        "type": spec.type.value,
        "event_type": spec.event_type,
        "category_id": spec.category_id,
        "quest_id": spec.quest_id,
        "spec": spec_json(spec),
    }


async def bump_catalogue_version(conn: Conn) -> None:
    """Marks the catalogue as changed; call it in every transaction that writes missions."""
    await conn.execute(
        sa.update(catalogue_version_table)
        .where(catalogue_version_table.c.id == 1)
        .values(version=catalogue_version_table.c.version + 1)
    )


async def check_references(conn: Conn, *, category_id: str | None, quest_id: str | None) -> None:
    """Raises NotFound unless the given category and quest exist."""
    # KEY SHARE: the row cannot be deleted before our foreign key to it commits.
    for table, ref, code in (
        (categories, category_id, "category_not_found"),
        (quests, quest_id, "quest_not_found"),
    ):
        if ref is None:
            continue
        found = await conn.execute(
            sa.select(table.c.id).where(table.c.id == ref).with_for_update(read=True, key_share=True)
        )
        if found.first() is None:
            kind = code.removesuffix("_not_found")
            raise NotFound(code, f"{kind} {ref} does not exist", {f"{kind}_id": ref})


async def check_reward(conn: Conn, reward: Reward | None, field: str = "reward") -> None:
    """A reward that names a shop item needs that item to exist (422 naming the field)."""
    if reward is not None and reward.item is not None and not await items.exists(conn, reward.item):
        raise Invalid(
            "item_not_found",
            f"{field}.item: no shop item {reward.item!r}; create it with POST /v1/items first",
            [{"field": f"{field}.item", "reason": f"no shop item {reward.item!r}"}],
        )


_KEYED: dict[str, sa.Column[Any]] = {
    "category": categories.c.id,
    "quest": quests.c.id,
    "segment": segments.c.id,
    "item": items_table.c.id,
    "tier": tiers.c.name,
}


async def check_spec_references(
    conn: Conn, spec: MissionSpec, *, mission_id: str | None = None, previous: MissionSpec | None = None
) -> None:
    """Refuses (422, naming each field) a spec whose references name nothing: prerequisite
    missions, tiers, segments, the reward's item, the category and the quest (domain/references.py).

    With `previous`, only the references the change adds are checked. Categories, quests,
    segments and items are KEY SHARE-locked, so none can vanish before this transaction commits;
    prerequisite missions are only read (missions are never deleted, and a lock here could
    deadlock against a concurrent write of the prerequisite).
    """
    refs = new_references(spec, previous)
    if not refs:
        return
    wanted: dict[str, set[str]] = {}
    for r in refs:
        wanted.setdefault(r.kind, set()).add(r.ref)
    known: dict[str, set[str]] = {}
    for kind, column in _KEYED.items():
        if kind in wanted:
            query = sa.select(column).where(column.in_(sorted(wanted[kind])))
            if kind != "tier":
                query = query.with_for_update(read=True, key_share=True)
            known[kind] = set((await conn.execute(query)).scalars())
    challenges: set[str] = set()
    if "mission" in wanted:
        rows = await conn.execute(
            sa.select(missions.c.id, missions.c.owner_user_id).where(missions.c.id.in_(sorted(wanted["mission"])))
        )
        found = rows.all()
        known["mission"] = {row.id for row in found}
        challenges = {row.id for row in found if row.owner_user_id is not None}
    refuse(problems(refs, known, mission_id=mission_id, challenges=challenges))


async def create(conn: Conn, spec: MissionSpec, *, owner_user_id: str | None = None) -> Mission:
    """Stores a new draft mission at revision 1 (id `mis_<hex>`); `owner_user_id` makes it a
    user's personal challenge. A reference that names nothing is refused (422)."""
    await check_spec_references(conn, spec)
    mission_id = f"mis_{uuid.uuid4().hex}"
    result = await conn.execute(
        sa.insert(missions)
        .values(
            id=mission_id,
            status=MissionStatus.DRAFT.value,
            revision=1,
            owner_user_id=owner_user_id,
            **_spec_columns(spec),
        )
        .returning(*_COLUMNS)
    )
    row = result.mappings().one()
    await conn.execute(sa.insert(mission_revisions).values(mission_id=mission_id, revision=1, spec=row["spec"]))
    if owner_user_id is None:
        await bump_catalogue_version(conn)
    return _to_mission(row)


async def get(conn: Conn, mission_id: str, *, for_update: bool = False) -> Mission:
    """The mission with this id (locked until the transaction ends with `for_update`), or NotFound."""
    query = sa.select(*_COLUMNS).where(missions.c.id == mission_id)
    if for_update:
        query = query.with_for_update()
    row = (await conn.execute(query)).mappings().first()
    if row is None:
        raise NotFound("mission_not_found", f"mission {mission_id} does not exist", {"mission_id": mission_id})
    return _to_mission(row)


async def list_missions(
    conn: Conn,
    *,
    status: MissionStatus | None = None,
    type: MissionType | None = None,
    category_id: str | None = None,
    owned: bool | None = None,
    name_contains: str | None = None,
    limit: int = 100,
    after: str | None = None,
) -> list[Mission]:
    """Missions oldest first, filtered; page on with `after=<last id of the previous page>`.

    Deleted missions are left out unless `status` is `deleted`.
    `owned=False` leaves users' challenges out (the operator's missions only), `True` keeps only them.
    `name_contains` keeps the missions whose name contains it, ignoring case (`%` and `_` in it are
    literal characters, not wildcards).

    Keyset paging on (created_at, id): pages stay stable while missions are being created, and
    an unknown `after` id raises Invalid("invalid_cursor").
    """
    query = sa.select(*_COLUMNS).order_by(missions.c.created_at, missions.c.id).limit(limit)
    if status is not None:
        query = query.where(missions.c.status == status.value)
    else:
        # Deleted missions are listed only when asked for by status.
        query = query.where(missions.c.status != MissionStatus.DELETED.value)
    if type is not None:
        query = query.where(missions.c.type == type.value)
    if category_id is not None:
        query = query.where(missions.c.category_id == category_id)
    if owned is not None:
        query = query.where(missions.c.owner_user_id.is_not(None) if owned else missions.c.owner_user_id.is_(None))
    if name_contains:
        pattern = name_contains.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(missions.c.name.ilike(f"%{pattern}%", escape="\\"))
    if after is not None:
        result = await conn.execute(sa.select(missions.c.created_at, missions.c.id).where(missions.c.id == after))
        cursor = result.first()
        if cursor is None:
            raise Invalid("invalid_cursor", f"after={after} is not a mission id", {"after": after})
        query = query.where(sa.tuple_(missions.c.created_at, missions.c.id) > sa.tuple_(*cursor))
    return [_to_mission(row) for row in (await conn.execute(query)).mappings()]


async def completions_of(conn: Conn, mission_ids: list[str]) -> dict[str, int]:
    """Completions recorded for each of these missions, over every user, cycle and round (one
    grouped query; a mission nobody completed is absent)."""
    if not mission_ids:
        return {}
    t = mission_completions.c
    rows = await conn.execute(
        sa.select(t.mission_id, sa.func.sum(t.completions)).where(t.mission_id.in_(mission_ids)).group_by(t.mission_id)
    )
    return {mission_id: int(total) for mission_id, total in rows}


async def update_spec(conn: Conn, mission: Mission, spec: MissionSpec, *, new_revision: bool) -> Mission:
    """Replaces the spec: in place (same revision) or as revision + 1 with its own revision row.

    The API passes `new_revision=True` for active missions, so running journeys keep the revision
    they started with, and False for drafts, which nobody runs yet.
    """
    await check_spec_references(conn, spec, mission_id=mission.id, previous=mission.spec)
    revision = mission.revision + 1 if new_revision else mission.revision
    result = await conn.execute(
        sa.update(missions)
        .where(missions.c.id == mission.id)
        .values(revision=revision, updated_at=sa.func.now(), **_spec_columns(spec))
        .returning(*_COLUMNS)
    )
    row = result.mappings().first()
    if row is None:
        raise NotFound("mission_not_found", f"mission {mission.id} does not exist", {"mission_id": mission.id})
    if new_revision:
        await conn.execute(
            sa.insert(mission_revisions).values(mission_id=mission.id, revision=revision, spec=row["spec"])
        )
    else:
        await conn.execute(
            sa.update(mission_revisions)
            .where(mission_revisions.c.mission_id == mission.id, mission_revisions.c.revision == revision)
            .values(spec=row["spec"])
        )
    await bump_catalogue_version(conn)
    return _to_mission(row)


async def set_status(conn: Conn, mission: Mission, status: MissionStatus, at: datetime) -> Mission:
    """Stores a new status; `at` becomes activated_at (from a draft), archived_at, deleted_at or
    paused_at (a pause also gets its `mission_pauses` row, which whatever ends it closes).

    Activating a draft checks every reference of its spec again (422): a tier list replaced since
    the draft was saved must not leave the mission locked forever.
    """
    if status is MissionStatus.ACTIVE and mission.status is MissionStatus.DRAFT:
        await check_spec_references(conn, mission.spec, mission_id=mission.id)
    values: dict[str, Any] = {"status": status.value, "updated_at": sa.func.now()}
    if status is MissionStatus.ACTIVE and mission.status is MissionStatus.DRAFT:
        values["activated_at"] = at
    elif status is MissionStatus.ARCHIVED:
        values["archived_at"] = at
    elif status is MissionStatus.DELETED:
        values["deleted_at"] = at
    if status is MissionStatus.PAUSED:
        values["paused_at"] = at
        await conn.execute(sa.insert(mission_pauses).values(mission_id=mission.id, paused_at=at))
    elif mission.status is MissionStatus.PAUSED:
        # Resumed, archived or deleted: the pause ends here.
        values["paused_at"] = None
        await conn.execute(
            sa.update(mission_pauses)
            .where(mission_pauses.c.mission_id == mission.id, mission_pauses.c.resumed_at.is_(None))
            .values(resumed_at=at)
        )
    result = await conn.execute(
        sa.update(missions).where(missions.c.id == mission.id).values(**values).returning(*_COLUMNS)
    )
    row = result.mappings().first()
    if row is None:
        raise NotFound("mission_not_found", f"mission {mission.id} does not exist", {"mission_id": mission.id})
    if mission.owner_user_id is None:
        await bump_catalogue_version(conn)
    return _to_mission(row)


async def pauses(conn: Conn, mission_id: str) -> list[tuple[datetime, datetime | None]]:
    """The mission's pauses, oldest first: (paused_at, resumed_at), resumed_at None while it lasts."""
    rows = await conn.execute(
        sa.select(mission_pauses.c.paused_at, mission_pauses.c.resumed_at)
        .where(mission_pauses.c.mission_id == mission_id)
        .order_by(mission_pauses.c.paused_at)
    )
    return [(row.paused_at, row.resumed_at) for row in rows]


async def pauses_of(conn: Conn, mission_ids: Sequence[str]) -> dict[str, list[tuple[datetime, datetime | None]]]:
    """The pauses of each of these missions that was ever paused, oldest first (one query)."""
    if not mission_ids:
        return {}
    rows = await conn.execute(
        sa.select(mission_pauses.c.mission_id, mission_pauses.c.paused_at, mission_pauses.c.resumed_at)
        .where(mission_pauses.c.mission_id.in_(list(mission_ids)))
        .order_by(mission_pauses.c.mission_id, mission_pauses.c.paused_at)
    )
    out: dict[str, list[tuple[datetime, datetime | None]]] = {}
    for row in rows:
        out.setdefault(row.mission_id, []).append((row.paused_at, row.resumed_at))
    return out


def paused_at(pauses: Sequence[tuple[datetime, datetime | None]], at: datetime) -> bool:
    """Whether `at` falls inside one of these pauses (an event received then counts for nobody)."""
    return any(start <= at and (end is None or at < end) for start, end in pauses)


async def ineligible_journeys(
    conn: Conn, mission_id: str, *, after: str = "", limit: int = 500
) -> list[tuple[str, str]]:
    """(workflow id, user id) of the mission's journeys the read model holds as ineligible
    (`ineligible_since` set: the user had left its segments or tiers), in workflow id order."""
    rows = await conn.execute(
        sa.select(enrolments.c.workflow_id, enrolments.c.user_id)
        .where(
            enrolments.c.mission_id == mission_id,
            enrolments.c.state["ineligible_since"].astext.is_not(None),
            enrolments.c.workflow_id > after,
        )
        .order_by(enrolments.c.workflow_id)
        .limit(limit)
    )
    return [(row.workflow_id, row.user_id) for row in rows]


async def has_submissions(conn: Conn, mission_id: str) -> bool:
    """Whether anyone has submitted proof (answers) to the mission."""
    found = await conn.execute(sa.select(sa.literal(1)).where(submissions.c.mission_id == mission_id).limit(1))
    return found.first() is not None


async def delete_draft(conn: Conn, mission_id: str) -> None:
    """Removes a draft with its revision (and any streak repair asked of it: it has no journeys)."""
    await conn.execute(sa.delete(streak_repairs).where(streak_repairs.c.mission_id == mission_id))
    await conn.execute(sa.delete(mission_revisions).where(mission_revisions.c.mission_id == mission_id))
    await conn.execute(
        sa.delete(missions).where(missions.c.id == mission_id, missions.c.status == MissionStatus.DRAFT.value)
    )
    await bump_catalogue_version(conn)


async def clone(conn: Conn, mission: Mission) -> Mission:
    """A new draft with the same spec (same name, category and quest)."""
    return await create(conn, mission.spec)


async def get_revision(conn: Conn, mission_id: str, revision: int) -> MissionSpec:
    """The spec of one revision of a mission, or NotFound (mission or revision)."""
    spec, _ = await get_revision_made(conn, mission_id, revision)
    return spec


async def get_revision_made(conn: Conn, mission_id: str, revision: int) -> tuple[MissionSpec, datetime]:
    """The spec of one revision and when it was made (a draft's edits rewrite revision 1 in place,
    so its time is the mission's creation), or NotFound (mission or revision)."""
    result = await conn.execute(
        sa.select(mission_revisions.c.spec, mission_revisions.c.created_at).where(
            mission_revisions.c.mission_id == mission_id, mission_revisions.c.revision == revision
        )
    )
    row = result.first()
    if row is None:
        await get(conn, mission_id)  # a missing mission is mission_not_found, not revision_not_found
        raise NotFound(
            "revision_not_found",
            f"mission {mission_id} has no revision {revision}",
            {"mission_id": mission_id, "revision": revision},
        )
    return MissionSpec.model_validate(row.spec), row.created_at


async def catalogue_version(conn: Conn) -> int:
    """The catalogue's version: it grows with every mission write."""
    result = await conn.execute(sa.select(catalogue_version_table.c.version).where(catalogue_version_table.c.id == 1))
    return int(result.scalar_one())


# --- budget caps -------------------------------------------------------------------------------


class Budget(BaseModel):
    """A mission's budget as it stands inside a transaction that holds the mission row's lock."""

    spent: int
    completions: int
    exhausted_at: datetime | None


_BUDGET = (missions.c.budget_spent, missions.c.budget_completions, missions.c.budget_exhausted_at)


def _budget(row: Any) -> Budget:
    return Budget(spent=row.budget_spent, completions=row.budget_completions, exhausted_at=row.budget_exhausted_at)


async def lock_budget(conn: Conn, mission_id: str) -> Budget:
    """Locks the mission row until the transaction ends (grants of one capped mission queue here)."""
    row = (await conn.execute(sa.select(*_BUDGET).where(missions.c.id == mission_id).with_for_update())).first()
    if row is None:
        raise NotFound("mission_not_found", f"mission {mission_id} does not exist", {"mission_id": mission_id})
    return _budget(row)


async def add_to_budget(conn: Conn, mission_id: str, *, points: int, completions: int) -> Budget:
    """Adds granted points and recorded completions to the mission's budget (row locked by
    `lock_budget`); the budget after this completion."""
    result = await conn.execute(
        sa.update(missions)
        .where(missions.c.id == mission_id)
        .values(
            budget_spent=missions.c.budget_spent + points,
            budget_completions=missions.c.budget_completions + completions,
        )
        .returning(*_BUDGET)
    )
    return _budget(result.one())


async def set_budget_exhausted(conn: Conn, mission_id: str, at: datetime | None) -> None:
    """Marks the mission's budget exhausted at `at` (None: open again) and bumps the catalogue
    version so readers notice (when is decided in `services.rewards`)."""
    await conn.execute(sa.update(missions).where(missions.c.id == mission_id).values(budget_exhausted_at=at))
    await bump_catalogue_version(conn)

"""Mission repository against a real PostgreSQL: each test runs in a rolled-back transaction."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from db import catalogue
from db import missions as repo
from db.tables import mission_revisions
from domain.errors import Invalid, NotFound
from domain.missions import MissionSpec, MissionStatus, MissionType

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def make_spec(**overrides: Any) -> MissionSpec:
    body: dict[str, Any] = {
        "name": "Deposit three times",
        "type": "generally_available",
        "goal": {"kind": "event", "event_type": "deposit", "count": 3},
        "reward": {"points": 20},
    }
    return MissionSpec.model_validate({**body, **overrides})


async def revision_rows(conn: AsyncConnection, mission_id: str) -> list[tuple[int, dict[str, Any]]]:
    rows = await conn.execute(
        sa.select(mission_revisions.c.revision, mission_revisions.c.spec)
        .where(mission_revisions.c.mission_id == mission_id)
        .order_by(mission_revisions.c.revision)
    )
    return [(row.revision, row.spec) for row in rows]


async def test_create_then_get(db_conn: AsyncConnection) -> None:
    spec = make_spec()
    created = await repo.create(db_conn, spec)
    assert created.id.startswith("mis_") and len(created.id) == 36
    assert (created.status, created.revision, created.spec) == (MissionStatus.DRAFT, 1, spec)
    assert created.activated_at is None and created.archived_at is None
    assert await repo.get(db_conn, created.id) == created
    assert await repo.get(db_conn, created.id, for_update=True) == created
    assert await revision_rows(db_conn, created.id) == [(1, repo.spec_json(spec))]


async def test_a_rich_spec_survives_the_round_trip(db_conn: AsyncConnection) -> None:
    spec = make_spec(
        type="recurring",
        description="Weekly savings",
        start_at="2025-01-01T00:00:00+01:00",
        time_to_complete="PT36H",
        recurrence={"every": "week", "weekdays": ["mon", "thu"]},
        timezone="Europe/Berlin",
        goal={"kind": "event", "event_type": "deposit", "tags": ["card"], "amount_min": "10.5", "amount_max": 50},
        callback_url="https://example.com/hook",
        images={"card": "https://example.com/card.png"},
    )
    created = await repo.create(db_conn, spec)
    assert (await repo.get(db_conn, created.id)).spec == spec
    assert await repo.get_revision(db_conn, created.id, 1) == spec


async def test_unknown_mission_is_not_found(db_conn: AsyncConnection) -> None:
    with pytest.raises(NotFound) as caught:
        await repo.get(db_conn, "mis_missing")
    assert caught.value.code == "mission_not_found"


async def test_list_filters_by_status_type_and_category(db_conn: AsyncConnection) -> None:
    category = await catalogue.create_category(db_conn, "Savings")
    draft = await repo.create(db_conn, make_spec(category_id=category.id))
    featured = await repo.create(db_conn, make_spec(type="featured", category_id=category.id))
    active = await repo.set_status(db_conn, await repo.create(db_conn, make_spec()), MissionStatus.ACTIVE, NOW)

    def ids(found: list[Any]) -> set[str]:
        return {m.id for m in found}

    assert ids(await repo.list_missions(db_conn, limit=100_000)) >= {draft.id, featured.id, active.id}
    assert ids(await repo.list_missions(db_conn, category_id=category.id)) == {draft.id, featured.id}
    mine = {draft.id, featured.id, active.id}  # other tests' committed missions share the database
    assert ids(await repo.list_missions(db_conn, status=MissionStatus.ACTIVE, limit=100_000)) & mine == {active.id}
    assert ids(await repo.list_missions(db_conn, type=MissionType.FEATURED, category_id=category.id)) == {featured.id}
    assert ids(await repo.list_missions(db_conn, status=MissionStatus.ARCHIVED, category_id=category.id)) == set()


async def test_list_pages_with_after(db_conn: AsyncConnection) -> None:
    category = await catalogue.create_category(db_conn, "Paged")
    created = [await repo.create(db_conn, make_spec(category_id=category.id)) for _ in range(5)]
    expected = [m.id for m in sorted(created, key=lambda m: (m.created_at, m.id))]

    seen: list[str] = []
    after: str | None = None
    while True:
        page = await repo.list_missions(db_conn, category_id=category.id, limit=2, after=after)
        if not page:
            break
        assert len(page) <= 2
        seen += [m.id for m in page]
        after = page[-1].id
    assert seen == expected


async def test_list_refuses_an_unknown_cursor(db_conn: AsyncConnection) -> None:
    with pytest.raises(Invalid) as caught:
        await repo.list_missions(db_conn, after="mis_missing")
    assert caught.value.code == "invalid_cursor"


async def test_draft_update_overwrites_the_revision(db_conn: AsyncConnection) -> None:
    mission = await repo.create(db_conn, make_spec())
    new_spec = make_spec(name="Deposit five times", goal={"kind": "event", "event_type": "top_up", "count": 5})
    updated = await repo.update_spec(db_conn, mission, new_spec, new_revision=False)
    assert (updated.revision, updated.spec) == (1, new_spec)
    assert updated.updated_at >= mission.updated_at
    assert await repo.get(db_conn, mission.id) == updated
    assert await revision_rows(db_conn, mission.id) == [(1, repo.spec_json(new_spec))]
    assert await repo.get_revision(db_conn, mission.id, 1) == new_spec


async def test_active_update_adds_a_revision(db_conn: AsyncConnection) -> None:
    old_spec = make_spec()
    mission = await repo.create(db_conn, old_spec)
    mission = await repo.set_status(db_conn, mission, MissionStatus.ACTIVE, NOW)
    new_spec = make_spec(reward={"points": 50})
    updated = await repo.update_spec(db_conn, mission, new_spec, new_revision=True)
    assert (updated.revision, updated.spec, updated.status) == (2, new_spec, MissionStatus.ACTIVE)
    assert updated.activated_at == NOW
    assert await revision_rows(db_conn, mission.id) == [
        (1, repo.spec_json(old_spec)),
        (2, repo.spec_json(new_spec)),
    ]
    assert await repo.get_revision(db_conn, mission.id, 1) == old_spec
    assert await repo.get_revision(db_conn, mission.id, 2) == new_spec


async def test_get_revision_not_found(db_conn: AsyncConnection) -> None:
    mission = await repo.create(db_conn, make_spec())
    with pytest.raises(NotFound) as caught:
        await repo.get_revision(db_conn, mission.id, 2)
    assert caught.value.code == "revision_not_found"
    with pytest.raises(NotFound) as caught:
        await repo.get_revision(db_conn, "mis_missing", 1)
    assert caught.value.code == "mission_not_found"


async def test_set_status_records_when(db_conn: AsyncConnection) -> None:
    mission = await repo.create(db_conn, make_spec())
    active = await repo.set_status(db_conn, mission, MissionStatus.ACTIVE, NOW)
    assert (active.status, active.activated_at, active.archived_at) == (MissionStatus.ACTIVE, NOW, None)
    later = datetime(2025, 4, 1, tzinfo=UTC)
    archived = await repo.set_status(db_conn, active, MissionStatus.ARCHIVED, later)
    assert (archived.status, archived.activated_at, archived.archived_at) == (MissionStatus.ARCHIVED, NOW, later)
    assert archived.revision == 1
    assert await repo.get(db_conn, mission.id) == archived


async def test_clone_is_a_new_draft_with_the_same_spec(db_conn: AsyncConnection) -> None:
    mission = await repo.create(db_conn, make_spec())
    mission = await repo.update_spec(db_conn, mission, make_spec(name="v2"), new_revision=True)
    mission = await repo.set_status(db_conn, mission, MissionStatus.ACTIVE, NOW)
    copy = await repo.clone(db_conn, mission)
    assert copy.id != mission.id
    assert (copy.status, copy.revision, copy.spec) == (MissionStatus.DRAFT, 1, mission.spec)
    assert copy.activated_at is None
    assert await revision_rows(db_conn, copy.id) == [(1, repo.spec_json(mission.spec))]


async def test_every_mission_write_bumps_the_catalogue_version(db_conn: AsyncConnection) -> None:
    category = await catalogue.create_category(db_conn, "Bumps")
    versions = [await repo.catalogue_version(db_conn)]
    mission = await repo.create(db_conn, make_spec())
    versions.append(await repo.catalogue_version(db_conn))
    mission = await repo.update_spec(db_conn, mission, make_spec(name="v2"), new_revision=False)
    versions.append(await repo.catalogue_version(db_conn))
    mission = await repo.set_status(db_conn, mission, MissionStatus.ACTIVE, NOW)
    versions.append(await repo.catalogue_version(db_conn))
    mission = await repo.update_spec(db_conn, mission, make_spec(name="v3"), new_revision=True)
    versions.append(await repo.catalogue_version(db_conn))
    await repo.clone(db_conn, mission)
    versions.append(await repo.catalogue_version(db_conn))
    await catalogue.attach_missions(db_conn, category_id=category.id, mission_ids=[mission.id])
    versions.append(await repo.catalogue_version(db_conn))
    assert versions == list(range(versions[0], versions[0] + 7))
    await repo.get(db_conn, mission.id)
    await repo.list_missions(db_conn)
    assert await repo.catalogue_version(db_conn) == versions[-1]  # reads do not bump


async def test_unknown_category_or_quest_is_invalid(db_conn: AsyncConnection) -> None:
    with pytest.raises(Invalid) as caught:
        await repo.create(db_conn, make_spec(category_id="cat_missing"))
    assert caught.value.code == "category_not_found"
    with pytest.raises(Invalid) as caught:
        await repo.create(db_conn, make_spec(quest_id="qst_missing"))
    assert caught.value.code == "quest_not_found"

    mission = await repo.create(db_conn, make_spec())
    with pytest.raises(Invalid) as caught:
        await repo.update_spec(db_conn, mission, make_spec(quest_id="qst_missing"), new_revision=False)
    assert caught.value.code == "quest_not_found"


async def test_known_category_and_quest_are_stored(db_conn: AsyncConnection) -> None:
    category = await catalogue.create_category(db_conn, "Savings")
    quest = await catalogue.create_quest(db_conn, "Saver", reward={"points": 100})
    mission = await repo.create(db_conn, make_spec(category_id=category.id, quest_id=quest.id))
    assert (mission.spec.category_id, mission.spec.quest_id) == (category.id, quest.id)
    assert (await catalogue.get_quest(db_conn, quest.id)).mission_ids == (mission.id,)


async def test_works_through_an_async_session(db_conn: AsyncConnection) -> None:
    session = AsyncSession(bind=db_conn, join_transaction_mode="create_savepoint")
    mission = await repo.create(session, make_spec())
    await session.commit()  # releases a savepoint only; the test's transaction still rolls back
    assert await repo.get(session, mission.id) == mission
    assert await repo.get(db_conn, mission.id) == mission
    await session.close()

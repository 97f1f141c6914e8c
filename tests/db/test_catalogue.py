"""Categories, quests and attaching missions to them."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncConnection

from db import catalogue
from db import missions as repo
from domain.errors import Invalid, NotFound
from domain.missions import MissionSpec

SPEC = MissionSpec.model_validate(
    {
        "name": "Deposit",
        "type": "generally_available",
        "goal": {"kind": "event", "event_type": "deposit", "count": 1},
    }
)


async def test_categories(db_conn: AsyncConnection) -> None:
    first = await catalogue.create_category(db_conn, "Savings", "Put money aside")
    second = await catalogue.create_category(db_conn, "Sport")
    assert first.id.startswith("cat_") and (first.name, first.description) == ("Savings", "Put money aside")
    assert second.description is None
    assert await catalogue.get_category(db_conn, first.id) == first
    listed = await catalogue.list_categories(db_conn)
    expected = [c.id for c in sorted([first, second], key=lambda c: (c.created_at, c.id))]
    assert [c.id for c in listed if c.id in expected] == expected
    with pytest.raises(NotFound) as caught:
        await catalogue.get_category(db_conn, "cat_missing")
    assert caught.value.code == "category_not_found"


async def test_quests(db_conn: AsyncConnection) -> None:
    quest = await catalogue.create_quest(db_conn, "Saver", "Finish all three", {"points": 500})
    assert quest.id.startswith("qst_")
    assert (quest.reward, quest.mission_ids) == ({"points": 500}, ())
    assert await catalogue.get_quest(db_conn, quest.id) == quest
    plain = await catalogue.create_quest(db_conn, "Plain")
    assert plain.reward is None
    assert {q.id for q in await catalogue.list_quests(db_conn)} >= {quest.id, plain.id}
    with pytest.raises(NotFound) as caught:
        await catalogue.get_quest(db_conn, "qst_missing")
    assert caught.value.code == "quest_not_found"


async def test_attach_missions_to_a_quest_and_a_category(db_conn: AsyncConnection) -> None:
    quest = await catalogue.create_quest(db_conn, "Saver")
    category = await catalogue.create_category(db_conn, "Savings")
    first = await repo.create(db_conn, SPEC)
    second = await repo.create(db_conn, SPEC)
    await catalogue.attach_missions(
        db_conn, quest_id=quest.id, category_id=category.id, mission_ids=[first.id, second.id]
    )

    got = await catalogue.get_quest(db_conn, quest.id)
    assert set(got.mission_ids) == {first.id, second.id}
    assert [q.mission_ids for q in await catalogue.list_quests(db_conn) if q.id == quest.id] == [got.mission_ids]
    for mission_id in (first.id, second.id):
        mission = await repo.get(db_conn, mission_id)
        assert (mission.spec.category_id, mission.spec.quest_id, mission.revision) == (category.id, quest.id, 1)
        assert await repo.get_revision(db_conn, mission_id, 1) == mission.spec
    by_category = await repo.list_missions(db_conn, category_id=category.id)
    assert {m.id for m in by_category} == {first.id, second.id}


async def test_attach_only_a_category_keeps_the_quest(db_conn: AsyncConnection) -> None:
    quest = await catalogue.create_quest(db_conn, "Saver")
    category = await catalogue.create_category(db_conn, "Savings")
    mission = await repo.create(db_conn, SPEC.model_copy(update={"quest_id": quest.id}))
    await catalogue.attach_missions(db_conn, category_id=category.id, mission_ids=[mission.id])
    stored = await repo.get(db_conn, mission.id)
    assert (stored.spec.category_id, stored.spec.quest_id) == (category.id, quest.id)


async def test_attach_unknown_missions_lists_them_and_changes_nothing(db_conn: AsyncConnection) -> None:
    category = await catalogue.create_category(db_conn, "Savings")
    mission = await repo.create(db_conn, SPEC)
    with pytest.raises(Invalid) as caught:
        await catalogue.attach_missions(db_conn, category_id=category.id, mission_ids=[mission.id, "mis_b", "mis_a"])
    assert caught.value.code == "mission_not_found"
    assert [d["field"] for d in caught.value.details] == ["mission_ids.1", "mission_ids.2"]
    assert (await repo.get(db_conn, mission.id)).spec.category_id is None


async def test_attach_to_an_unknown_category_or_quest(db_conn: AsyncConnection) -> None:
    mission = await repo.create(db_conn, SPEC)
    with pytest.raises(NotFound) as caught:
        await catalogue.attach_missions(db_conn, category_id="cat_missing", mission_ids=[mission.id])
    assert caught.value.code == "category_not_found"
    with pytest.raises(NotFound) as caught:
        await catalogue.attach_missions(db_conn, quest_id="qst_missing", mission_ids=[mission.id])
    assert caught.value.code == "quest_not_found"
    with pytest.raises(ValueError):
        await catalogue.attach_missions(db_conn, mission_ids=[mission.id])

"""Admin routes for categories and quests, and attaching missions to them."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import Admin, CatalogueAdminDep, Conn
from api.errors import error_responses
from api.schemas import CategoryIn, CategoryOut, MissionIds, QuestIn, QuestOut
from api.strict import JsonBody

router = APIRouter(prefix="/v1", tags=["catalogue"])

_AUTH = error_responses(401, 403)


@router.post("/categories", status_code=201, response_model=CategoryOut, responses={**_AUTH, **error_responses(422)})
async def create_category(
    body: JsonBody[CategoryIn], conn: Conn, _: Admin, catalogue: CatalogueAdminDep
) -> CategoryOut:
    """Creates a category."""
    return CategoryOut.model_validate((await catalogue.create_category(conn, body.name, body.description)).model_dump())


@router.get("/categories", response_model=list[CategoryOut], responses=_AUTH)
async def list_categories(conn: Conn, _: Admin, catalogue: CatalogueAdminDep) -> list[CategoryOut]:
    """Every category, oldest first."""
    return [CategoryOut.model_validate(c.model_dump()) for c in await catalogue.categories(conn)]


@router.post(
    "/categories/{category_id}/missions",
    response_model=CategoryOut,
    responses={**_AUTH, **error_responses(404, 422)},
)
async def attach_to_category(
    category_id: str, body: JsonBody[MissionIds], conn: Conn, _: Admin, catalogue: CatalogueAdminDep
) -> CategoryOut:
    """Puts missions in a category."""
    category = await catalogue.attach_to_category(conn, category_id, body.mission_ids)
    return CategoryOut.model_validate(category.model_dump())


@router.post("/quests", status_code=201, response_model=QuestOut, responses={**_AUTH, **error_responses(404, 422)})
async def create_quest(body: JsonBody[QuestIn], conn: Conn, _: Admin, catalogue: CatalogueAdminDep) -> QuestOut:
    """Creates a quest, optionally with its missions."""
    quest = await catalogue.create_quest(conn, body.name, body.description, body.reward, body.mission_ids)
    return QuestOut.model_validate(quest.model_dump())


@router.get("/quests", response_model=list[QuestOut], responses=_AUTH)
async def list_quests(conn: Conn, _: Admin, catalogue: CatalogueAdminDep) -> list[QuestOut]:
    """Every quest with its missions."""
    return [QuestOut.model_validate(q.model_dump()) for q in await catalogue.quests(conn)]


@router.post("/quests/{quest_id}/missions", response_model=QuestOut, responses={**_AUTH, **error_responses(404, 422)})
async def attach_to_quest(
    quest_id: str, body: JsonBody[MissionIds], conn: Conn, _: Admin, catalogue: CatalogueAdminDep
) -> QuestOut:
    """Adds missions to a quest."""
    quest = await catalogue.attach_to_quest(conn, quest_id, body.mission_ids)
    return QuestOut.model_validate(quest.model_dump())

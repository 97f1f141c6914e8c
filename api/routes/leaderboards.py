"""Leaderboards: admins define them and read standings (`/v1/leaderboards`); a user reads theirs
with a user token (`/v1/me/leaderboards`, user-safe). The rules are `services.leaderboards`."""

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from api.deps import Admin, Conn, ReadConn, path_user, token_user
from api.errors import error_responses
from api.strict import JsonBody
from domain.leaderboards import Status
from services import leaderboards as svc
from services.leaderboards import (
    LeaderboardIn,
    LeaderboardOut,
    MyLeaderboard,
    MyLeaderboardSummary,
    PeriodOut,
    Standings,
)

__all__ = ["me_router", "router"]

router = APIRouter(prefix="/v1/leaderboards", tags=["leaderboards"])

RANKING = (
    "Ranking: highest score first; of equal scores, whoever reached the score first ranks higher "
    "(`reached_at`). Users with the same score reached at the same instant share a rank and the next "
    "rank is skipped (standard competition ranking, 1-2-2-4), listed by user id."
)

CREATE = f"""Defines a leaderboard. `kind` `points` ranks points earned in the period: the sum of the
user's ledger rows in it (every grant, and any compensating entry), never a stored balance;
`completions` ranks completions of `mission_id` in the period.

`period` `day`, `week` or `month` resets at midnight in `time_zone` (IANA, e.g. `Europe/Berlin`;
a week starts on `week_starts`, Monday by default); `all` never resets. A period is named by the
local date it starts on (`2026-12-01`), or `all`. Past periods keep their final standings.

`segment_id` / `tier` limit the standings to users who are, when it is read, members of the segment
or hold the tier. The standings are filled from the ledger so far at once (a grant made meanwhile
waits for it), then kept in the transaction of every ledger row or completion.

{RANKING}

422 `validation_error` naming the field (`time_zone`, `period`, `mission_id`...); 422
`mission_not_found` / `segment_not_found` / `tier_not_found` naming `mission_id`, `segment_id`, `tier`."""

STANDINGS = f"""A period's standings: the top `limit` (`entries`), or with `around=<user_id>` that user (`user`)
with up to `limit` (at most 50) users either side. `period` picks a period: `current` (default),
or any date (`YYYY-MM-DD`, local to the leaderboard's time zone) inside it — a past period's
standings are final (`period.current` false). `total` counts the users ranked.

{RANKING}

404 `leaderboard_not_found`; 422 `invalid_period` naming `period`. With `around` a user holding no
score in the period gives `user: null` and no entries."""


MINE = f"""The current period's top `limit` and your rank with `around` users either side. Other users
appear by user id, and by the `display_name` attribute of their profile when it has one: nothing
else of theirs. 404 `leaderboard_not_found` (also for one limited to a segment or tier you are not in).

{RANKING}"""


@router.post(
    "",
    status_code=201,
    response_model=LeaderboardOut,
    responses=error_responses(401, 403, 422),
    summary="Define a leaderboard",
    description=CREATE,
)
async def create_leaderboard(body: JsonBody[LeaderboardIn], conn: Conn, _: Admin) -> LeaderboardOut:
    """Creates a leaderboard."""
    return await svc.create(conn, body)


@router.get(
    "",
    response_model=list[LeaderboardOut],
    responses=error_responses(401, 403, 422),
    summary="List leaderboards",
)
async def list_leaderboards(
    conn: Conn, _: Admin, status: Annotated[Status | None, Query(description="Only this status")] = None
) -> list[LeaderboardOut]:
    """Every leaderboard, newest first."""
    return await svc.list_all(conn, status)


@router.get(
    "/{leaderboard_id}",
    response_model=LeaderboardOut,
    responses=error_responses(401, 403, 404),
    summary="One leaderboard",
)
async def get_leaderboard(leaderboard_id: str, conn: Conn, _: Admin) -> LeaderboardOut:
    """A leaderboard's definition, status and current period. 404 `leaderboard_not_found`."""
    return await svc.get(conn, leaderboard_id)


@router.post(
    "/{leaderboard_id}/archive",
    response_model=LeaderboardOut,
    responses=error_responses(401, 403, 404),
    summary="Archive a leaderboard",
)
async def archive_leaderboard(leaderboard_id: str, conn: Conn, _: Admin) -> LeaderboardOut:
    """Stops counting: the standings so far become final and stay readable. Idempotent."""
    return await svc.archive(conn, leaderboard_id)


@router.delete(
    "/{leaderboard_id}",
    status_code=204,
    response_class=Response,
    responses=error_responses(401, 403, 404, 409),
    summary="Delete a leaderboard",
)
async def delete_leaderboard(
    leaderboard_id: str,
    conn: Conn,
    _: Admin,
    confirm: Annotated[str | None, Query(description="The leaderboard's id, to delete an active one")] = None,
) -> Response:
    """Deletes a leaderboard and all its standings (the ledger is untouched). An active leaderboard
    needs `?confirm=<its id>` (409 `leaderboard_active` otherwise); an archived one does not."""
    await svc.delete(conn, leaderboard_id, confirm)
    return Response(status_code=204)


@router.get(
    "/{leaderboard_id}/standings",
    response_model=Standings,
    responses=error_responses(401, 403, 404, 422),
    summary="A leaderboard's standings: top N, a user's rank and those around them, past periods",
    description=STANDINGS,
)
async def get_standings(
    leaderboard_id: str,
    conn: ReadConn,
    _: Admin,
    limit: Annotated[int, Query(ge=1, le=svc.MAX_LIMIT, description="Top N, or users either side with `around`")] = 100,
    around: Annotated[str | None, Query(description="A user id: their rank with the users around them")] = None,
    period: Annotated[str | None, Query(description="`current`, or a date inside the period (YYYY-MM-DD)")] = None,
) -> Standings:
    """Standings of one period."""
    return await svc.standings(conn, leaderboard_id, limit=limit, around=around, period=period)


@router.get(
    "/{leaderboard_id}/periods",
    response_model=list[PeriodOut],
    responses=error_responses(401, 403, 404, 422),
    summary="A leaderboard's periods, newest first",
)
async def list_periods(
    leaderboard_id: str, conn: ReadConn, _: Admin, limit: Annotated[int, Query(ge=1, le=1000)] = 100
) -> list[PeriodOut]:
    """Every period with standings, with when it started and reset; past ones are final
    (read them with `standings?period=<key>`)."""
    return await svc.periods(conn, leaderboard_id, limit)


def user_router(prefix: str, who: Callable[..., Awaitable[str]], tag: str) -> APIRouter:
    """The user-safe leaderboard reads under `prefix`, for the user `who` names (token or path)."""
    router = APIRouter(prefix=prefix, tags=[tag])
    UserDep = Annotated[str, Depends(who)]

    @router.get(
        "/leaderboards",
        response_model=list[MyLeaderboardSummary],
        responses=error_responses(401, 403),
        summary="Your leaderboards",
    )
    async def my_leaderboards(conn: ReadConn, user_id: UserDep) -> list[MyLeaderboardSummary]:
        """The active leaderboards you can appear on (those limited to a segment or tier you are in)."""
        return await svc.my_list(conn, user_id)

    @router.get(
        "/leaderboards/standings",
        response_model=list[MyLeaderboard],
        responses=error_responses(401, 403, 422),
        summary="Your leaderboards with your rank (the widget's tab)",
        description=MINE.replace("The current period's", "For each leaderboard you can see (at most 10), its"),
    )
    async def my_leaderboards_standings(
        conn: ReadConn,
        user_id: UserDep,
        limit: Annotated[int, Query(ge=1, le=100, description="Top N of each")] = 5,
        around: Annotated[int, Query(ge=0, le=10, description="Users shown either side of you")] = 1,
    ) -> list[MyLeaderboard]:
        """Every leaderboard you can see, with your rank."""
        return await svc.my_standings(conn, user_id, limit=limit, radius=around)

    @router.get(
        "/leaderboards/{leaderboard_id}",
        response_model=MyLeaderboard,
        responses=error_responses(401, 403, 404, 422),
        summary="A leaderboard with your rank",
        description=MINE,
    )
    async def my_leaderboard(
        leaderboard_id: str,
        conn: ReadConn,
        user_id: UserDep,
        limit: Annotated[int, Query(ge=1, le=100, description="Top N")] = 10,
        around: Annotated[int, Query(ge=0, le=10, description="Users shown either side of you")] = 2,
    ) -> MyLeaderboard:
        """A leaderboard with your rank (user token)."""
        return await svc.mine(conn, user_id, leaderboard_id, limit=limit, radius=around)

    return router


me_router = user_router("/v1/me", token_user, "me")
users_router = user_router("/v1/users/{user_id}", path_user, "users")

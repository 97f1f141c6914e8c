"""Routes that act for one user: tokens for the `/v1/me` routes."""

from __future__ import annotations

from fastapi import APIRouter

from api.auth import issue_token
from api.deps import Client, SettingsDep
from api.errors import error_responses
from api.schemas import TokenIn, TokenOut, UserId
from domain.errors import Invalid

router = APIRouter(prefix="/v1/users", tags=["users"])


@router.post("/{user_id}/token", status_code=201, response_model=TokenOut, responses=error_responses(401, 403, 422))
async def issue_user_token(user_id: UserId, settings: SettingsDep, _: Client, body: TokenIn | None = None) -> TokenOut:
    """A short-lived signed token with which the user's app calls the `/v1/me` routes."""
    ttl = body.ttl if body and body.ttl else settings.token_ttl
    if ttl > settings.token_max_ttl:
        raise Invalid(
            "ttl_too_long",
            f"ttl may be at most {int(settings.token_max_ttl.total_seconds())} seconds",
            [{"field": "ttl", "reason": "longer than QUESTLINE_TOKEN_MAX_TTL"}],
        )
    token, expires_at = issue_token(settings.token_secret, user_id, ttl)
    return TokenOut.of(token, user_id, expires_at, ttl)

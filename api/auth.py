"""Bearer credentials: the admin key, the client key and signed, expiring user tokens.

A user token is `v1.<payload>.<signature>`: base64url JSON `{"sub": user_id, "iat", "exp"}` and
base64url HMAC-SHA256 of `v1.<payload>` under `QUESTLINE_TOKEN_SECRET`. It is stateless, so any
API process verifies it; rotating the secret revokes every token at once.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from api.errors import ApiError

_PREFIX = "v1"


class Role(StrEnum):
    """Who is calling."""

    ADMIN = "admin"
    CLIENT = "client"
    USER = "user"


@dataclass(frozen=True)
class Principal:
    """An authenticated caller; `user_id` is set for user tokens only."""

    role: Role
    user_id: str | None = None


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _sign(secret: str, message: str) -> str:
    return _b64(hmac.new(secret.encode(), message.encode(), hashlib.sha256).digest())


def _bytes(text: str) -> bytes:
    """`text` as bytes for a constant-time comparison, whatever its characters.

    `hmac.compare_digest` refuses str holding non-ASCII characters (TypeError, a 500), and a
    header value may hold any latin-1 character; secrets are therefore always compared as bytes.
    """
    return text.encode("utf-8", "surrogatepass")


def same_secret(given: str, expected: str) -> bool:
    """Whether a credential equals a secret, in constant time, for any characters either holds."""
    return hmac.compare_digest(_bytes(given), _bytes(expected))


def issue_token(secret: str, user_id: str, ttl: timedelta, now: datetime | None = None) -> tuple[str, datetime]:
    """A signed token for `user_id` and the moment it expires."""
    now = now or datetime.now(UTC)
    # Milliseconds, rounded up: a token never lives shorter than the ttl it was issued for.
    exp = math.ceil((now + ttl).timestamp() * 1000) / 1000
    claims = {"sub": user_id, "iat": int(now.timestamp()), "exp": exp}
    payload = _b64(json.dumps(claims, separators=(",", ":")).encode())
    body = f"{_PREFIX}.{payload}"
    return f"{body}.{_sign(secret, body)}", datetime.fromtimestamp(exp, UTC)


def verify_token(secret: str, token: str, now: datetime | None = None) -> str:
    """The user id of a valid token; `ApiError(401)` when it is malformed, forged or expired."""
    parts = token.split(".")
    if len(parts) != 3 or parts[0] != _PREFIX:
        raise ApiError(401, "invalid_credentials", "the bearer credential is not a known key or token")
    body = f"{parts[0]}.{parts[1]}"
    if not same_secret(parts[2], _sign(secret, body)):
        raise ApiError(401, "invalid_token", "the token's signature does not verify")
    try:
        claims = json.loads(_unb64(parts[1]))
        user_id, exp = claims["sub"], claims["exp"]
    except (ValueError, KeyError, TypeError, binascii.Error) as exc:
        raise ApiError(401, "invalid_token", "the token's payload is malformed") from exc
    if not isinstance(user_id, str) or not isinstance(exp, int | float):
        raise ApiError(401, "invalid_token", "the token's payload is malformed")
    if (now or datetime.now(UTC)).timestamp() >= exp:
        raise ApiError(401, "token_expired", "the token has expired; ask for a new one")
    return user_id


def authenticate(authorization: str | None, *, admin_key: str, client_key: str, token_secret: str) -> Principal:
    """The caller behind an `Authorization` header, or `ApiError(401)`."""
    if not authorization:
        raise ApiError(401, "missing_credentials", "send Authorization: Bearer <key or token>")
    scheme, _, credential = authorization.partition(" ")
    credential = credential.strip()
    if scheme.lower() != "bearer" or not credential:
        raise ApiError(401, "invalid_credentials", "the Authorization header must be 'Bearer <key or token>'")
    if same_secret(credential, admin_key):
        return Principal(Role.ADMIN)
    if same_secret(credential, client_key):
        return Principal(Role.CLIENT)
    return Principal(Role.USER, verify_token(token_secret, credential))


def require(principal: Principal, *roles: Role) -> Principal:
    """`principal` when its role is one of `roles`, else `ApiError(403)`."""
    if principal.role not in roles:
        allowed = " or ".join(r.value for r in roles)
        raise ApiError(
            403, "forbidden", f"this route needs the {allowed} scope; the credential sent is a {principal.role.value}"
        )
    return principal

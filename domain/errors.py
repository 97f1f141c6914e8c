"""Domain errors: a stable `code` and a human `message`, never an HTTP status.

    DomainError
     ├── NotFound      an id that does not exist (or that the caller may not see)
     ├── Conflict      the request is valid but the current state refuses it
     ├── Invalid       the request is malformed in a way schema validation cannot catch
     └── Cooldown      the caller must wait before asking again

`FieldInvalid` (a ValueError) is raised by spec validators to name the offending field.

`api/errors.py` maps each class to its HTTP status in one place.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Base of every error the domain raises on purpose."""

    def __init__(self, code: str, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details


class NotFound(DomainError):
    """An unknown id, or one the caller is not allowed to see."""


class Conflict(DomainError):
    """The current state refuses the request (e.g. activating an archived mission)."""


class Invalid(DomainError):
    """Bad input that only makes sense to check against stored state."""


class Cooldown(DomainError):
    """The caller must wait before asking again."""


class FieldInvalid(ValueError):
    """Raised inside spec validators so the error names its field, not only the enclosing model.

    Pydantic keeps the exception object in the error's context; the API appends `field` to the
    error location. A ValueError subclass, so pydantic treats it as an ordinary validation error.
    """

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field

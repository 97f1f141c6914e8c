"""A page of a list, as services return it: its rows and the cursor of the next page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

__all__ = ["Page", "page_of"]

T = TypeVar("T")
C = TypeVar("C")


@dataclass(frozen=True)
class Page(Generic[T, C]):
    """One page of rows; `next_cursor` continues it (None: the last page)."""

    items: list[T]
    next_cursor: C | None


def page_of(rows: list[T], limit: int, cursor_of: Callable[[T], C]) -> Page[T, C]:
    """The page of `rows` fetched with `limit + 1` (the extra row only says that more follow)."""
    more = len(rows) > limit
    return Page(rows[:limit], cursor_of(rows[limit - 1]) if more else None)

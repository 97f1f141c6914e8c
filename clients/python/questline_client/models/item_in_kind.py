from enum import StrEnum


class ItemInKind(StrEnum):
    ITEM = "item"
    STREAK_FREEZE = "streak_freeze"

    def __str__(self) -> str:
        return str(self.value)

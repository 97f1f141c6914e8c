from enum import StrEnum


class ListMissionsV1MeMissionsGetTabType0(StrEnum):
    AVAILABLE = "available"
    COMPLETED = "completed"
    LOCKED = "locked"
    MISSED = "missed"

    def __str__(self) -> str:
        return str(self.value)

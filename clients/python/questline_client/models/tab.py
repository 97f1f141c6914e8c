from enum import StrEnum


class Tab(StrEnum):
    AVAILABLE = "available"
    COMPLETED = "completed"
    LOCKED = "locked"
    MISSED = "missed"

    def __str__(self) -> str:
        return str(self.value)

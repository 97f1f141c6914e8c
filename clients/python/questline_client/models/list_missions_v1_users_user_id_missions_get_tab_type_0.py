from enum import StrEnum


class ListMissionsV1UsersUserIdMissionsGetTabType0(StrEnum):
    AVAILABLE = "available"
    COMPLETED = "completed"
    LOCKED = "locked"
    MISSED = "missed"

    def __str__(self) -> str:
        return str(self.value)

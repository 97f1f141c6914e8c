from enum import StrEnum


class ListLeaderboardsV1LeaderboardsGetStatusType0(StrEnum):
    ACTIVE = "active"
    ARCHIVED = "archived"

    def __str__(self) -> str:
        return str(self.value)

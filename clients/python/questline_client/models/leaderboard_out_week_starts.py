from enum import StrEnum


class LeaderboardOutWeekStarts(StrEnum):
    MONDAY = "monday"
    SUNDAY = "sunday"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class StreakTimeZone(StrEnum):
    MISSION = "mission"
    USER = "user"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class LeaderboardInKind(StrEnum):
    COMPLETIONS = "completions"
    POINTS = "points"

    def __str__(self) -> str:
        return str(self.value)

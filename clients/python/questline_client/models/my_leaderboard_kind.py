from enum import StrEnum


class MyLeaderboardKind(StrEnum):
    COMPLETIONS = "completions"
    POINTS = "points"

    def __str__(self) -> str:
        return str(self.value)

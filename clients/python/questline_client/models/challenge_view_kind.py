from enum import StrEnum


class ChallengeViewKind(StrEnum):
    MILESTONE = "milestone"
    STREAK = "streak"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class ChallengeViewPeriodType0(StrEnum):
    DAY = "day"
    WEEK = "week"

    def __str__(self) -> str:
        return str(self.value)

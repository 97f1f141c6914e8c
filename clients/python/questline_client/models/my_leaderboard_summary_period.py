from enum import StrEnum


class MyLeaderboardSummaryPeriod(StrEnum):
    ALL = "all"
    DAY = "day"
    MONTH = "month"
    WEEK = "week"

    def __str__(self) -> str:
        return str(self.value)

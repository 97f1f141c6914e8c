from enum import StrEnum


class TimelineEventVerdict(StrEnum):
    COUNTED = "counted"
    NOT_COUNTED = "not_counted"

    def __str__(self) -> str:
        return str(self.value)

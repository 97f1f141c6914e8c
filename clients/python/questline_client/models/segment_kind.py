from enum import StrEnum


class SegmentKind(StrEnum):
    RULE = "rule"
    STATIC = "static"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class ListSegmentsV1SegmentsGetKindType0(StrEnum):
    RULE = "rule"
    STATIC = "static"

    def __str__(self) -> str:
        return str(self.value)

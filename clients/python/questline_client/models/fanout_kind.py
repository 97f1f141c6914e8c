from enum import StrEnum


class FanoutKind(StrEnum):
    LAUNCH = "launch"
    UPDATE = "update"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class TimerKind(StrEnum):
    UNTIL_DEADLINE = "until_deadline"
    UNTIL_RESET = "until_reset"
    UNTIL_START = "until_start"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class ApprovalMode(StrEnum):
    AUTO = "auto"
    MANUAL = "manual"
    RULE = "rule"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class RepairUserOutcome(StrEnum):
    PENDING = "pending"
    REPAIRED = "repaired"
    SKIPPED = "skipped"
    UNCHANGED = "unchanged"

    def __str__(self) -> str:
        return str(self.value)

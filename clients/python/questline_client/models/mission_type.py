from enum import StrEnum


class MissionType(StrEnum):
    FEATURED = "featured"
    GENERALLY_AVAILABLE = "generally_available"
    LOCKED = "locked"
    RECURRING = "recurring"
    RECURRING_ON_COMPLETION = "recurring_on_completion"

    def __str__(self) -> str:
        return str(self.value)

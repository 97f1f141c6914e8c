from enum import StrEnum


class MissionViewChipsItem(StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    FEATURED = "featured"
    LOCKED = "locked"
    OPTED_IN = "opted_in"
    REQUIRES_OPT_IN = "requires_opt_in"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class OwedRewardsV1ItemsItemIdOwedGetStatus(StrEnum):
    ALL = "all"
    FULFILLED = "fulfilled"
    OPEN = "open"

    def __str__(self) -> str:
        return str(self.value)

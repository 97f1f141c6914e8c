from enum import StrEnum


class ImageOutSlot(StrEnum):
    CARD = "card"
    PAGE = "page"

    def __str__(self) -> str:
        return str(self.value)

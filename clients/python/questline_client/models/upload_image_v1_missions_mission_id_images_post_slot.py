from enum import StrEnum


class UploadImageV1MissionsMissionIdImagesPostSlot(StrEnum):
    CARD = "card"
    PAGE = "page"

    def __str__(self) -> str:
        return str(self.value)

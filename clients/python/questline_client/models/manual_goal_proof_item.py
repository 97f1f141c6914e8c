from enum import StrEnum


class ManualGoalProofItem(StrEnum):
    IMAGE = "image"
    LINK = "link"
    SURVEY = "survey"
    TEXT = "text"
    VIDEO = "video"

    def __str__(self) -> str:
        return str(self.value)

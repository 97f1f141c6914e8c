from enum import StrEnum


class ManualGoalProofItem(StrEnum):
    DOCUMENT = "document"
    IMAGE = "image"
    LINK = "link"
    LINKEDIN_POST = "linkedin_post"
    SURVEY = "survey"
    TEXT = "text"
    VIDEO = "video"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class ProofInKind(StrEnum):
    IMAGE = "image"
    LINK = "link"
    LINKEDIN_POST = "linkedin_post"
    SURVEY = "survey"
    TEXT = "text"
    VIDEO = "video"

    def __str__(self) -> str:
        return str(self.value)

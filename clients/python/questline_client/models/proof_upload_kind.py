from enum import StrEnum


class ProofUploadKind(StrEnum):
    DOCUMENT = "document"
    IMAGE = "image"
    VIDEO = "video"

    def __str__(self) -> str:
        return str(self.value)

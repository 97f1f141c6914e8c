from enum import StrEnum


class LinkOutAudienceSource(StrEnum):
    DEFAULT = "default"
    LINK = "link"
    SPEC = "spec"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class MissionListItemKindType0(StrEnum):
    CHALLENGE = "challenge"
    MISSION = "mission"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class QuestViewStatus(StrEnum):
    COMPLETED = "completed"
    IN_PROGRESS = "in_progress"

    def __str__(self) -> str:
        return str(self.value)

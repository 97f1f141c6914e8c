from enum import StrEnum


class ListCallbacksV1CallbacksGetTypeType0(StrEnum):
    BUDGET_EXHAUSTED = "budget.exhausted"
    MISSION_COMPLETED = "mission.completed"

    def __str__(self) -> str:
        return str(self.value)

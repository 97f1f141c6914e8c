from enum import StrEnum


class MissionDeletionStep(StrEnum):
    DONE = "done"
    JOURNEYS = "journeys"
    POINTS = "points"
    PROOFS = "proofs"

    def __str__(self) -> str:
        return str(self.value)

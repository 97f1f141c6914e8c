from enum import StrEnum


class VerificationStatus(StrEnum):
    FAILED = "failed"
    PASSED = "passed"
    REVIEW = "review"
    RUNNING = "running"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class StateChangeKind(StrEnum):
    CALLBACK = "callback"
    CLOSED = "closed"
    COMPLETED = "completed"
    DECIDED = "decided"
    GRANTED = "granted"
    INELIGIBLE = "ineligible"
    LEDGER = "ledger"
    OPENED = "opened"
    OPTED_IN = "opted_in"
    SUBMITTED = "submitted"
    UNLOCKED = "unlocked"
    VERIFICATION = "verification"

    def __str__(self) -> str:
        return str(self.value)

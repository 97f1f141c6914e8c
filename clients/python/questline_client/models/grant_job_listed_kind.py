from enum import StrEnum


class GrantJobListedKind(StrEnum):
    EVENT_BACKFILL = "event_backfill"
    SEGMENT_GRANT = "segment_grant"
    TRIGGER_GRANT = "trigger_grant"
    UNLOCK_BACKFILL = "unlock_backfill"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class ListBroadcastsV1BroadcastsGetStatusType0(StrEnum):
    SCHEDULED = "scheduled"
    SENDING = "sending"
    SENT = "sent"

    def __str__(self) -> str:
        return str(self.value)

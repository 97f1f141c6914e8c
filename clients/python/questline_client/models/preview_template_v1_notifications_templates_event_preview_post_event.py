from enum import StrEnum


class PreviewTemplateV1NotificationsTemplatesEventPreviewPostEvent(StrEnum):
    MISSION_COMPLETED = "mission_completed"
    MISSION_CREATED = "mission_created"
    MISSION_DECLINED = "mission_declined"
    SEND_UPDATE = "send_update"

    def __str__(self) -> str:
        return str(self.value)

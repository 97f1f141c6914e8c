from enum import StrEnum


class SocialGoalViewPlatform(StrEnum):
    DISCORD = "discord"
    INSTAGRAM = "instagram"
    TELEGRAM = "telegram"
    TIKTOK = "tiktok"
    X = "x"
    YOUTUBE = "youtube"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class SocialGoalViewAction(StrEnum):
    COMMENT = "comment"
    FOLLOW = "follow"
    HASHTAG_POST = "hashtag_post"
    JOIN = "join"
    LIKE = "like"
    POST = "post"
    REPOST = "repost"

    def __str__(self) -> str:
        return str(self.value)

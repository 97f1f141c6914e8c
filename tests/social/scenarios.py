"""For every supported (platform, action): emulator state where the user did it (or not), and the goal.

`SCENARIOS[(platform, action)](emu, done, hidden_reads)` arranges the state and returns the goal and
the handle the user linked. With `done`, the action is there, invisible to the next `hidden_reads`
listings (a post that takes a while to appear); without, the user exists but has not done it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from devstack.social_emulator import Emulator
from domain.missions import SocialGoal

Scenario = Callable[[Emulator, bool, int], tuple[SocialGoal, str]]

GUILD = "111111111111111111"
DISCORD_USER = "222222222222222222"
TELEGRAM_USER = "4242"
CHANNEL = "@questline_news"


def goal(platform: str, action: str, target: str, count: int = 1) -> SocialGoal:
    """A social goal."""
    return SocialGoal.model_validate(
        {"kind": "social", "platform": platform, "action": action, "target": target, "count": count}
    )


def ago(**delta: float) -> datetime:
    """A moment in the past."""
    return datetime.now(UTC) - timedelta(**delta)


def x_follow(emu: Emulator, done: bool, hidden: int) -> tuple[SocialGoal, str]:
    emu.x.account("alice")
    emu.x.follow("alice", "somebody_else")
    if done:
        emu.x.follow("alice", "QuestlineHQ", hidden_reads=hidden)
    return goal("x", "follow", "@QuestlineHQ"), "@Alice"


def x_like(emu: Emulator, done: bool, hidden: int) -> tuple[SocialGoal, str]:
    post = emu.x.post("QuestlineHQ", "We launched!")
    emu.x.like("alice", emu.x.post("other", "unrelated"))
    if done:
        emu.x.like("alice", post, hidden_reads=hidden)
    return goal("x", "like", f"https://x.com/QuestlineHQ/status/{post}"), "alice"


def x_repost(emu: Emulator, done: bool, hidden: int) -> tuple[SocialGoal, str]:
    post = emu.x.post("QuestlineHQ", "We launched!")
    emu.x.post("alice", "my own post")
    if done:
        emu.x.post("alice", "RT @QuestlineHQ: We launched!", repost_of=post, hidden_reads=hidden)
    return goal("x", "repost", f"twitter.com/QuestlineHQ/status/{post}"), "alice"


def x_comment(emu: Emulator, done: bool, hidden: int) -> tuple[SocialGoal, str]:
    post = emu.x.post("QuestlineHQ", "We launched!")
    emu.x.post("alice", "@someone hi", reply_to=emu.x.post("someone", "hello"))
    if done:
        emu.x.post("alice", "@QuestlineHQ congrats", reply_to=post, hidden_reads=hidden)
    return goal("x", "comment", post), "alice"


def x_post(emu: Emulator, done: bool, hidden: int) -> tuple[SocialGoal, str]:
    emu.x.post("alice", "good morning")
    if done:
        emu.x.post("alice", "Wow, I just  JOINED questline 🎉", hidden_reads=hidden)
    return goal("x", "post", "I just joined Questline"), "alice"


def x_hashtag(emu: Emulator, done: bool, hidden: int) -> tuple[SocialGoal, str]:
    emu.x.post("alice", "no tag here #other")
    if done:
        emu.x.post("alice", "Loving it #Questline", hidden_reads=hidden)
    return goal("x", "hashtag_post", "#questline"), "alice"


def discord_join(emu: Emulator, done: bool, hidden: int) -> tuple[SocialGoal, str]:
    emu.discord.server(GUILD)
    emu.discord.join(GUILD, "333333333333333333")
    if done:
        emu.discord.join(GUILD, DISCORD_USER, hidden_reads=hidden)
    return goal("discord", "join", f"https://discord.com/channels/{GUILD}/1"), DISCORD_USER


def telegram_join(emu: Emulator, done: bool, hidden: int) -> tuple[SocialGoal, str]:
    emu.telegram.chat(CHANNEL)
    emu.telegram.member(CHANNEL, "99", "member")
    if done:
        emu.telegram.member(CHANNEL, TELEGRAM_USER, "member", hidden_reads=hidden)
    return goal("telegram", "join", "https://t.me/Questline_News"), TELEGRAM_USER


def instagram_post(emu: Emulator, done: bool, hidden: int) -> tuple[SocialGoal, str]:
    emu.instagram.account("alice")
    emu.instagram.post("alice", "breakfast")
    if done:
        emu.instagram.post("alice", "Trying QUESTLINE missions today!", hidden_reads=hidden)
    return goal("instagram", "post", "questline missions"), "instagram.com/Alice/"


def instagram_hashtag(emu: Emulator, done: bool, hidden: int) -> tuple[SocialGoal, str]:
    emu.instagram.account("alice")
    emu.instagram.post("alice", "breakfast #food")
    if done:
        emu.instagram.post("alice", "Summer #Questline #fun", hidden_reads=hidden)
    return goal("instagram", "hashtag_post", "questline"), "@alice"


def tiktok_follow(emu: Emulator, done: bool, hidden: int) -> tuple[SocialGoal, str]:
    emu.tiktok.follow("alice", "someone")
    if done:
        emu.tiktok.follow("alice", "questlinehq", hidden_reads=hidden)
    return goal("tiktok", "follow", "https://www.tiktok.com/@QuestlineHQ"), "@alice"


def tiktok_like(emu: Emulator, done: bool, hidden: int) -> tuple[SocialGoal, str]:
    video = emu.tiktok.post("questlinehq", "launch video")
    emu.tiktok.like("alice", emu.tiktok.post("someone", "cats"))
    if done:
        emu.tiktok.like("alice", video, hidden_reads=hidden)
    return goal("tiktok", "like", f"https://www.tiktok.com/@questlinehq/video/{video}"), "alice"


def tiktok_repost(emu: Emulator, done: bool, hidden: int) -> tuple[SocialGoal, str]:
    video = emu.tiktok.post("questlinehq", "launch video")
    emu.tiktok.repost("alice", emu.tiktok.post("someone", "cats"))
    if done:
        emu.tiktok.repost("alice", video, hidden_reads=hidden)
    return goal("tiktok", "repost", video), "alice"


def tiktok_post(emu: Emulator, done: bool, hidden: int) -> tuple[SocialGoal, str]:
    emu.tiktok.post("alice", "dance")
    if done:
        emu.tiktok.post("alice", "my first Questline mission", hidden_reads=hidden)
    return goal("tiktok", "post", "questline mission"), "alice"


def tiktok_hashtag(emu: Emulator, done: bool, hidden: int) -> tuple[SocialGoal, str]:
    emu.tiktok.post("alice", "dance #fyp")
    if done:
        emu.tiktok.post("alice", "done!", hashtags=["Questline", "fyp"], hidden_reads=hidden)
    return goal("tiktok", "hashtag_post", "#questline"), "alice"


def youtube_follow(emu: Emulator, done: bool, hidden: int) -> tuple[SocialGoal, str]:
    alice, brand = emu.youtube.channel("@alice"), emu.youtube.channel("@QuestlineHQ")
    emu.youtube.subscribe(alice, emu.youtube.channel("@other"))
    if done:
        emu.youtube.subscribe(alice, brand, hidden_reads=hidden)
    return goal("youtube", "follow", "https://www.youtube.com/@QuestlineHQ"), "@Alice"


def youtube_comment(emu: Emulator, done: bool, hidden: int) -> tuple[SocialGoal, str]:
    alice, brand = emu.youtube.channel("@alice"), emu.youtube.channel("@questlinehq")
    video = emu.youtube.upload(brand, "Launch")
    emu.youtube.comment(video, emu.youtube.channel("@bob"))
    if done:
        emu.youtube.comment(video, alice, hidden_reads=hidden)
    return goal("youtube", "comment", f"https://www.youtube.com/watch?v={video}&t=3"), alice


def youtube_post(emu: Emulator, done: bool, hidden: int) -> tuple[SocialGoal, str]:
    alice = emu.youtube.channel("@alice")
    emu.youtube.upload(alice, "vlog")
    if done:
        emu.youtube.upload(alice, "Day 1", "Trying Questline missions", hidden_reads=hidden)
    return goal("youtube", "post", "questline missions"), "https://www.youtube.com/@alice"


def youtube_hashtag(emu: Emulator, done: bool, hidden: int) -> tuple[SocialGoal, str]:
    alice = emu.youtube.channel("@alice")
    emu.youtube.upload(alice, "vlog #daily")
    if done:
        emu.youtube.upload(alice, "Day 1 #Questline", hidden_reads=hidden)
    return goal("youtube", "hashtag_post", "Questline"), alice


SCENARIOS: dict[tuple[str, str], Scenario] = {
    ("x", "follow"): x_follow,
    ("x", "like"): x_like,
    ("x", "repost"): x_repost,
    ("x", "comment"): x_comment,
    ("x", "post"): x_post,
    ("x", "hashtag_post"): x_hashtag,
    ("discord", "join"): discord_join,
    ("telegram", "join"): telegram_join,
    ("instagram", "post"): instagram_post,
    ("instagram", "hashtag_post"): instagram_hashtag,
    ("tiktok", "follow"): tiktok_follow,
    ("tiktok", "like"): tiktok_like,
    ("tiktok", "repost"): tiktok_repost,
    ("tiktok", "post"): tiktok_post,
    ("tiktok", "hashtag_post"): tiktok_hashtag,
    ("youtube", "follow"): youtube_follow,
    ("youtube", "comment"): youtube_comment,
    ("youtube", "post"): youtube_post,
    ("youtube", "hashtag_post"): youtube_hashtag,
}

#: One supported scenario per platform, for the platform-wide failure tests.
ONE_PER_PLATFORM: dict[str, Scenario] = {}
for (_platform, _action), _scenario in SCENARIOS.items():
    ONE_PER_PLATFORM.setdefault(_platform, _scenario)

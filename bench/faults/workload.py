"""What the fault suite sends: missions whose outcome follows from the events alone, and the events.

The first twenty shapes are `generally_available` or `recurring_on_completion`, without start,
end or time to complete, and reward points, so neither timing nor delivery order can change how
many times a journey completes. (Only the progress of a one-off accumulated-amount mission that
completed depends on the order its events were applied in: `check` treats it as such.)

Then come `locked` missions unlocked by others (`CHAINS`): chains of two and three links on the
event types their prerequisites count (one stream of `play` feeds "play 3 times", then "2 more",
then "3 more"), one after two prerequisites, and one after an accumulated amount. Their outcome
follows from the events and the moment the last prerequisite completed (§3: the unlock takes
effect at its cause): `check` derives that moment from what the prerequisite's journey recorded.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

#: Event types and their share of the stream; `noise` progresses no mission (it is only logged).
#: Each type feeds one to four missions, so an event fans out to about two journeys.
TYPE_WEIGHTS: dict[str, float] = {
    "play": 0.20,
    "level_up": 0.06,
    "login": 0.16,
    "app_open": 0.10,
    "purchase": 0.14,
    "deposit": 0.10,
    "share": 0.10,
    "quest": 0.10,
    "noise": 0.04,
}
#: Tags each event type may carry (each independently, with probability TAG_CHANCE).
TAGS: dict[str, tuple[str, ...]] = {
    "play": ("ranked",),
    "level_up": (),
    "login": ("mobile",),
    "app_open": ("mobile", "web", "tv"),
    "purchase": ("gift",),
    "deposit": ("promo", "sale"),
    "share": ("x", "discord", "video", "tiktok"),
    "quest": (),
    "noise": ("mobile",),
}
#: Types whose events carry amounts (some missing, zero or negative).
AMOUNTS = frozenset({"purchase", "deposit"})
TAG_CHANCE = 0.4
#: Regulars (the first REGULARS_PER_USER of the users, at least two) send this share of the events
#: on top of their uniform share: long enough streams for the chains of locked missions to unlock
#: and complete, and several of one user's events in one batch or in flight at the same time.
REGULAR_SHARE = 0.3
REGULARS_PER_USER = 0.05


def _event(event_type: str, *, tags: Sequence[str] = (), match: str = "any", **measure: Any) -> dict[str, Any]:
    goal: dict[str, Any] = {"kind": "event", "event_type": event_type, **measure}
    if tags:
        goal |= {"tags": list(tags), "tag_match": match}
    return goal


def _once(name: str, goal: dict[str, Any], points: int) -> dict[str, Any]:
    return {"name": name, "type": "generally_available", "goal": goal, "reward": {"points": points}}


def _rounds(name: str, goal: dict[str, Any], points: int, max_completions: int) -> dict[str, Any]:
    return {
        "name": name,
        "type": "recurring_on_completion",
        "max_completions": max_completions,
        "goal": goal,
        "reward": {"points": points},
    }


#: Twenty mission shapes: counts, accumulated amounts, single amounts in a range, repeatable
#: rounds with a limit, tags with `any` and `all`, and one goal no user reaches.
SHAPES: tuple[dict[str, Any], ...] = (
    _once("play 3 times", _event("play", count=3), 10),
    _once("play 8 times", _event("play", count=8), 25),
    _rounds("play rounds of 2", _event("play", count=2), 1, 3),
    _once("reach level 1,000,000", _event("level_up", count=1_000_000), 1000),
    _once("log in 5 times", _event("login", count=5), 5),
    _rounds("every login pays", _event("login", count=1), 2, 4),
    _once("open the app 3 times on mobile", _event("app_open", tags=["mobile"], count=3), 12),
    _once("open it on mobile and web twice", _event("app_open", tags=["mobile", "web"], match="all", count=2), 15),
    _once("spend 100", _event("purchase", amount_min="100"), 50),
    _once("one basket of 20-40", _event("purchase", amount_min="20", amount_max="40"), 15),
    _rounds("cheap buys of 1-10", _event("purchase", amount_min="1", amount_max="10"), 2, 3),
    _once("deposit 250.50", _event("deposit", amount_min="250.50"), 80),
    _once("deposit 60 on promo", _event("deposit", tags=["promo"], match="all", amount_min="60"), 30),
    _once("one deposit of 90-100", _event("deposit", amount_min="90", amount_max="100"), 20),
    _once("promo or sale of 10-20", _event("deposit", tags=["promo", "sale"], amount_min="10", amount_max="20"), 6),
    _once("share twice on x or discord", _event("share", tags=["x", "discord"], count=2), 7),
    _once("3 videos on x", _event("share", tags=["x", "video"], match="all", count=3), 9),
    _rounds("discord shares", _event("share", tags=["discord"], count=1), 3, 2),
    _once("first quest", _event("quest", count=1), 100),
    _rounds("quests of 3", _event("quest", count=3), 4, 4),
)


def _locked(name: str, goal: dict[str, Any], points: int, *after: int) -> dict[str, Any]:
    """A locked mission unlocked by the missions at positions `after` of `ALL_SHAPES`."""
    return {
        "name": name,
        "type": "locked",
        "unlock": {"after_missions": [f"{PREREQUISITE}{i}" for i in after]},
        "goal": goal,
        "reward": {"points": points},
    }


#: How a body names a prerequisite before the missions exist: this prefix and its position.
PREREQUISITE = "@"

#: Locked missions, after SHAPES: their positions in ALL_SHAPES are 20 onwards.
CHAINS: tuple[dict[str, Any], ...] = (
    _locked("then play 2 more", _event("play", count=2), 20, 0),  # 20: after "play 3 times"
    _locked("then play 3 more", _event("play", count=3), 30, 20),  # 21: play 3 -> 2 more -> 3 more
    _locked("another quest", _event("quest", count=1), 10, 18),  # 22: after "first quest"
    _locked("then 2 more quests", _event("quest", count=2), 20, 22),  # 23: quest 1 -> 1 -> 2
    _locked("log in twice after quest and plays", _event("login", count=2), 15, 0, 18),  # 24: two prerequisites
    _locked("a deposit of 50-500 after spending 100", _event("deposit", amount_min="50", amount_max="500"), 25, 8),
)
ALL_SHAPES: tuple[dict[str, Any], ...] = SHAPES + CHAINS


def mission_specs(count: int) -> list[dict[str, Any]]:
    """`count` mission bodies for `POST /v1/missions`: the shapes in order, repeated if needed.

    A locked mission names its prerequisites as `@<position in this list>` (always an earlier
    position of the same round of shapes): `resolve` turns them into mission ids once created.
    """
    specs = []
    for i in range(count):
        round_start = i - i % len(ALL_SHAPES)
        spec = dict(ALL_SHAPES[i % len(ALL_SHAPES)])
        spec["name"] = f"{spec['name']} #{i + 1}"
        if "unlock" in spec:
            after = [int(ref.removeprefix(PREREQUISITE)) for ref in spec["unlock"]["after_missions"]]
            spec["unlock"] = {"after_missions": [f"{PREREQUISITE}{round_start + a}" for a in after]}
        specs.append(spec)
    return specs


def resolve(spec: dict[str, Any], ids: Sequence[str]) -> dict[str, Any]:
    """The body with its `@<position>` prerequisites replaced by the ids of missions created before."""
    if "unlock" not in spec:
        return spec
    after = [ids[int(ref.removeprefix(PREREQUISITE))] for ref in spec["unlock"]["after_missions"]]
    return spec | {"unlock": spec["unlock"] | {"after_missions": after}}


@dataclass(frozen=True)
class Event:
    """One distinct event of the stream (its id is the idempotency key)."""

    id: str
    user_id: str
    type: str
    value: Decimal | None
    tags: tuple[str, ...]

    def body(self) -> dict[str, Any]:
        """The JSON body of `POST /v1/events` (the value as a string: exact decimals)."""
        out: dict[str, Any] = {"id": self.id, "user_id": self.user_id, "type": self.type}
        if self.value is not None:
            out["value"] = str(self.value)
        if self.tags:
            out["tags"] = list(self.tags)
        return out


def _value(event_type: str, rng: random.Random) -> Decimal | None:
    """Amounts for purchases (missing, zero and negative ones too); an occasional value elsewhere."""
    if event_type in AMOUNTS:
        roll = rng.random()
        if roll < 0.08:
            return None
        if roll < 0.12:
            return Decimal("0")
        if roll < 0.15:
            return -Decimal(rng.randint(1, 5000)) / 100
        return Decimal(rng.randint(50, 12_000)) / 100
    if rng.random() < 0.2:
        return Decimal(rng.randint(1, 1000)) / 10
    return None


def regulars(users: int) -> int:
    """How many of the first users are regulars."""
    return min(users, max(2, round(users * REGULARS_PER_USER)))


def make_events(count: int, users: int, seed: int, rng: random.Random) -> list[Event]:
    """`count` distinct events over `users` users (uniformly, plus REGULAR_SHARE more to the
    regulars), types by TYPE_WEIGHTS."""
    types = list(TYPE_WEIGHTS)
    weights = list(TYPE_WEIGHTS.values())
    frequent = regulars(users)
    out = []
    for i in range(count):
        event_type = rng.choices(types, weights)[0]
        tags = tuple(t for t in TAGS[event_type] if rng.random() < TAG_CHANCE)
        user = rng.randrange(frequent) if rng.random() < REGULAR_SHARE else rng.randrange(users)
        out.append(
            Event(
                id=f"ev-{seed}-{i:06d}",
                user_id=f"fu-{user:05d}",
                type=event_type,
                value=_value(event_type, rng),
                tags=tags,
            )
        )
    return out


@dataclass(frozen=True)
class Entry:
    """One event in a request, and what its answer must say.

    `resend`: the event was already accepted (202) in an earlier request; this sends it again with
    the same id, so the answer must be `duplicate: true`. `repeat`: a second copy inside the same
    batch, also a duplicate.
    """

    event: Event
    resend: bool = False
    repeat: bool = False


@dataclass
class Request:
    """One POST: a single event (`/v1/events`) or a batch (`/v1/events/batch`)."""

    entries: list[Entry]
    batch: bool
    #: Sent again after a failure (connection refused, timeout, 5xx) this many times.
    retries: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def path(self) -> str:
        """The route."""
        return "/v1/events/batch" if self.batch else "/v1/events"

    def body(self) -> dict[str, Any]:
        """The same bytes on every attempt: that is what makes a retry safe."""
        if self.batch:
            return {"events": [e.event.body() for e in self.entries]}
        return self.entries[0].event.body()


def plan_requests(
    events: Sequence[Event],
    rng: random.Random,
    *,
    batch_share: float,
    max_batch: int,
    resend_share: float,
) -> list[Request]:
    """The requests in sending order: singles and batches of 2..max_batch events, plus resends.

    About `batch_share` of the events go in batches (a fifth of the batches repeat one of their
    events), and `resend_share` of them are sent once more later with the same id, as a client
    that did not trust its 202 would.
    """
    mean = (2 + max_batch) / 2
    # The chance that a request starts a batch, so that batches carry `batch_share` of the events.
    p_batch = batch_share / (mean * (1 - batch_share) + batch_share) if batch_share < 1 else 1.0
    requests: list[Request] = []
    i = 0
    while i < len(events):
        if max_batch >= 2 and rng.random() < p_batch:
            size = rng.randint(2, max_batch)
            entries = [Entry(e) for e in events[i : i + size]]
            if rng.random() < 0.2:
                # After its original: the first copy in a batch is the one logged as new.
                original = rng.randrange(len(entries))
                repeat = Entry(entries[original].event, repeat=True)
                entries.insert(rng.randint(original + 1, len(entries)), repeat)
            requests.append(Request(entries, batch=True))
            i += size
        else:
            requests.append(Request([Entry(events[i])], batch=False))
            i += 1
    # Resends go some requests after the original (the sender waits for the original's 202).
    for position in range(len(requests) - 1, -1, -1):
        for entry in list(requests[position].entries):
            if entry.repeat or rng.random() >= resend_share:
                continue
            later = min(len(requests), position + rng.randint(5, 200))
            if rng.random() < 0.7:
                requests.insert(later, Request([Entry(entry.event, resend=True)], batch=False))
            else:
                requests.insert(later, Request([Entry(entry.event, resend=True)], batch=True))
    return requests

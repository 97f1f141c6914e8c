from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.leaderboard_in_kind import LeaderboardInKind
from ..models.leaderboard_in_period import LeaderboardInPeriod
from ..models.leaderboard_in_week_starts import LeaderboardInWeekStarts
from ..types import UNSET, Unset
from typing import cast


T = TypeVar("T", bound="LeaderboardIn")


@_attrs_define
class LeaderboardIn:
    """A leaderboard's definition.

    Attributes:
        name (str):
        period (LeaderboardInPeriod): `day`, `week`, `month` or `all` (all time): when standings reset.
        kind (LeaderboardInKind | Unset): `points`: points earned (ledger); `completions`: completions of `mission_id`.
            Default: LeaderboardInKind.POINTS.
        mission_id (None | str | Unset): The mission whose completions count (kind `completions` only).
        segment_id (None | str | Unset): Only current members of this segment are ranked.
        tier (None | str | Unset): Only users whose current tier is this one are ranked.
        time_zone (str | Unset): IANA time zone the periods start in (midnight local time). Default: 'UTC'.
        week_starts (LeaderboardInWeekStarts | Unset): The day a `week` period resets on. Default:
            LeaderboardInWeekStarts.MONDAY.
    """

    name: str
    period: LeaderboardInPeriod
    kind: LeaderboardInKind | Unset = LeaderboardInKind.POINTS
    mission_id: None | str | Unset = UNSET
    segment_id: None | str | Unset = UNSET
    tier: None | str | Unset = UNSET
    time_zone: str | Unset = "UTC"
    week_starts: LeaderboardInWeekStarts | Unset = LeaderboardInWeekStarts.MONDAY

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        period = self.period.value

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        mission_id: None | str | Unset
        if isinstance(self.mission_id, Unset):
            mission_id = UNSET
        else:
            mission_id = self.mission_id

        segment_id: None | str | Unset
        if isinstance(self.segment_id, Unset):
            segment_id = UNSET
        else:
            segment_id = self.segment_id

        tier: None | str | Unset
        if isinstance(self.tier, Unset):
            tier = UNSET
        else:
            tier = self.tier

        time_zone = self.time_zone

        week_starts: str | Unset = UNSET
        if not isinstance(self.week_starts, Unset):
            week_starts = self.week_starts.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "period": period,
            }
        )
        if kind is not UNSET:
            field_dict["kind"] = kind
        if mission_id is not UNSET:
            field_dict["mission_id"] = mission_id
        if segment_id is not UNSET:
            field_dict["segment_id"] = segment_id
        if tier is not UNSET:
            field_dict["tier"] = tier
        if time_zone is not UNSET:
            field_dict["time_zone"] = time_zone
        if week_starts is not UNSET:
            field_dict["week_starts"] = week_starts

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        period = LeaderboardInPeriod(d.pop("period"))

        _kind = d.pop("kind", UNSET)
        kind: LeaderboardInKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = LeaderboardInKind(_kind)

        def _parse_mission_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        mission_id = _parse_mission_id(d.pop("mission_id", UNSET))

        def _parse_segment_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        segment_id = _parse_segment_id(d.pop("segment_id", UNSET))

        def _parse_tier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tier = _parse_tier(d.pop("tier", UNSET))

        time_zone = d.pop("time_zone", UNSET)

        _week_starts = d.pop("week_starts", UNSET)
        week_starts: LeaderboardInWeekStarts | Unset
        if isinstance(_week_starts, Unset):
            week_starts = UNSET
        else:
            week_starts = LeaderboardInWeekStarts(_week_starts)

        leaderboard_in = cls(
            name=name,
            period=period,
            kind=kind,
            mission_id=mission_id,
            segment_id=segment_id,
            tier=tier,
            time_zone=time_zone,
            week_starts=week_starts,
        )

        return leaderboard_in

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.leaderboard_out_kind import LeaderboardOutKind
from ..models.leaderboard_out_period import LeaderboardOutPeriod
from ..models.leaderboard_out_status import LeaderboardOutStatus
from ..models.leaderboard_out_week_starts import LeaderboardOutWeekStarts
from typing import cast
import datetime


T = TypeVar("T", bound="LeaderboardOut")


@_attrs_define
class LeaderboardOut:
    """A leaderboard's definition and state.

    Attributes:
        archived_at (datetime.datetime | None):
        created_at (datetime.datetime):
        current_period (str): The key of the period now running (its local start date, or `all`).
        id (str):
        kind (LeaderboardOutKind):
        mission_id (None | str):
        name (str):
        period (LeaderboardOutPeriod):
        segment_id (None | str):
        status (LeaderboardOutStatus): `active` counts; `archived` is frozen (its standings stay readable).
        tier (None | str):
        time_zone (str):
        week_starts (LeaderboardOutWeekStarts):
    """

    archived_at: datetime.datetime | None
    created_at: datetime.datetime
    current_period: str
    id: str
    kind: LeaderboardOutKind
    mission_id: None | str
    name: str
    period: LeaderboardOutPeriod
    segment_id: None | str
    status: LeaderboardOutStatus
    tier: None | str
    time_zone: str
    week_starts: LeaderboardOutWeekStarts
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        archived_at: None | str
        if isinstance(self.archived_at, datetime.datetime):
            archived_at = self.archived_at.isoformat()
        else:
            archived_at = self.archived_at

        created_at = self.created_at.isoformat()

        current_period = self.current_period

        id = self.id

        kind = self.kind.value

        mission_id: None | str
        mission_id = self.mission_id

        name = self.name

        period = self.period.value

        segment_id: None | str
        segment_id = self.segment_id

        status = self.status.value

        tier: None | str
        tier = self.tier

        time_zone = self.time_zone

        week_starts = self.week_starts.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "archived_at": archived_at,
                "created_at": created_at,
                "current_period": current_period,
                "id": id,
                "kind": kind,
                "mission_id": mission_id,
                "name": name,
                "period": period,
                "segment_id": segment_id,
                "status": status,
                "tier": tier,
                "time_zone": time_zone,
                "week_starts": week_starts,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_archived_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                archived_at_type_0 = datetime.datetime.fromisoformat(data)

                return archived_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        archived_at = _parse_archived_at(d.pop("archived_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        current_period = d.pop("current_period")

        id = d.pop("id")

        kind = LeaderboardOutKind(d.pop("kind"))

        def _parse_mission_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        mission_id = _parse_mission_id(d.pop("mission_id"))

        name = d.pop("name")

        period = LeaderboardOutPeriod(d.pop("period"))

        def _parse_segment_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        segment_id = _parse_segment_id(d.pop("segment_id"))

        status = LeaderboardOutStatus(d.pop("status"))

        def _parse_tier(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tier = _parse_tier(d.pop("tier"))

        time_zone = d.pop("time_zone")

        week_starts = LeaderboardOutWeekStarts(d.pop("week_starts"))

        leaderboard_out = cls(
            archived_at=archived_at,
            created_at=created_at,
            current_period=current_period,
            id=id,
            kind=kind,
            mission_id=mission_id,
            name=name,
            period=period,
            segment_id=segment_id,
            status=status,
            tier=tier,
            time_zone=time_zone,
            week_starts=week_starts,
        )

        leaderboard_out.additional_properties = d
        return leaderboard_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties

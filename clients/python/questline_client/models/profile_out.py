from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
    from ..models.profile_out_attributes import ProfileOutAttributes
    from ..models.profile_out_social import ProfileOutSocial


T = TypeVar("T", bound="ProfileOut")


@_attrs_define
class ProfileOut:
    """A user's profile with the tier and segments Questline derives from it.

    Attributes:
        attributes (ProfileOutAttributes):
        effective_tier (None | str): The explicit tier, else the highest reached by points
        id (str):
        joined_at (datetime.datetime | None):
        points (int):
        segments (list[str]):
        social (ProfileOutSocial):
        tier (None | str): The explicitly set tier, if any
        time_zone (None | str): The user's own IANA time zone, if given
    """

    attributes: ProfileOutAttributes
    effective_tier: None | str
    id: str
    joined_at: datetime.datetime | None
    points: int
    segments: list[str]
    social: ProfileOutSocial
    tier: None | str
    time_zone: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.profile_out_attributes import ProfileOutAttributes  # noqa: PLC0415
        from ..models.profile_out_social import ProfileOutSocial  # noqa: PLC0415

        attributes = self.attributes.to_dict()

        effective_tier: None | str
        effective_tier = self.effective_tier

        id = self.id

        joined_at: None | str
        if isinstance(self.joined_at, datetime.datetime):
            joined_at = self.joined_at.isoformat()
        else:
            joined_at = self.joined_at

        points = self.points

        segments = self.segments

        social = self.social.to_dict()

        tier: None | str
        tier = self.tier

        time_zone: None | str
        time_zone = self.time_zone

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attributes": attributes,
                "effective_tier": effective_tier,
                "id": id,
                "joined_at": joined_at,
                "points": points,
                "segments": segments,
                "social": social,
                "tier": tier,
                "time_zone": time_zone,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.profile_out_attributes import ProfileOutAttributes  # noqa: PLC0415
        from ..models.profile_out_social import ProfileOutSocial  # noqa: PLC0415

        d = dict(src_dict)
        attributes = ProfileOutAttributes.from_dict(d.pop("attributes"))

        def _parse_effective_tier(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        effective_tier = _parse_effective_tier(d.pop("effective_tier"))

        id = d.pop("id")

        def _parse_joined_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                joined_at_type_0 = datetime.datetime.fromisoformat(data)

                return joined_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        joined_at = _parse_joined_at(d.pop("joined_at"))

        points = d.pop("points")

        segments = cast(list[str], d.pop("segments"))

        social = ProfileOutSocial.from_dict(d.pop("social"))

        def _parse_tier(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tier = _parse_tier(d.pop("tier"))

        def _parse_time_zone(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        time_zone = _parse_time_zone(d.pop("time_zone"))

        profile_out = cls(
            attributes=attributes,
            effective_tier=effective_tier,
            id=id,
            joined_at=joined_at,
            points=points,
            segments=segments,
            social=social,
            tier=tier,
            time_zone=time_zone,
        )

        profile_out.additional_properties = d
        return profile_out

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
    from ..models.profile_in_attributes import ProfileInAttributes
    from ..models.profile_in_social import ProfileInSocial


T = TypeVar("T", bound="ProfileIn")


@_attrs_define
class ProfileIn:
    """What the operator knows of a user: attributes, an explicit tier, linked accounts, join date.

    Attributes:
        attributes (ProfileInAttributes | Unset):
        joined_at (datetime.datetime | None | Unset):
        social (ProfileInSocial | Unset):
        tier (None | str | Unset): Set a tier explicitly (else points decide)
        time_zone (None | str | Unset): The user's own IANA time zone (e.g. `Europe/Berlin`): where the days of their
            challenges, and of streak goals with `streak.time_zone: "user"`, begin. An unknown zone is 422 naming
            `time_zone`. A change never breaks or double-counts a day: the period under way ends no earlier than in the old
            zone.
    """

    attributes: ProfileInAttributes | Unset = UNSET
    joined_at: datetime.datetime | None | Unset = UNSET
    social: ProfileInSocial | Unset = UNSET
    tier: None | str | Unset = UNSET
    time_zone: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.profile_in_attributes import ProfileInAttributes  # noqa: PLC0415
        from ..models.profile_in_social import ProfileInSocial  # noqa: PLC0415

        attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = self.attributes.to_dict()

        joined_at: None | str | Unset
        if isinstance(self.joined_at, Unset):
            joined_at = UNSET
        elif isinstance(self.joined_at, datetime.datetime):
            joined_at = self.joined_at.isoformat()
        else:
            joined_at = self.joined_at

        social: dict[str, Any] | Unset = UNSET
        if not isinstance(self.social, Unset):
            social = self.social.to_dict()

        tier: None | str | Unset
        if isinstance(self.tier, Unset):
            tier = UNSET
        else:
            tier = self.tier

        time_zone: None | str | Unset
        if isinstance(self.time_zone, Unset):
            time_zone = UNSET
        else:
            time_zone = self.time_zone

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if attributes is not UNSET:
            field_dict["attributes"] = attributes
        if joined_at is not UNSET:
            field_dict["joined_at"] = joined_at
        if social is not UNSET:
            field_dict["social"] = social
        if tier is not UNSET:
            field_dict["tier"] = tier
        if time_zone is not UNSET:
            field_dict["time_zone"] = time_zone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.profile_in_attributes import ProfileInAttributes  # noqa: PLC0415
        from ..models.profile_in_social import ProfileInSocial  # noqa: PLC0415

        d = dict(src_dict)
        _attributes = d.pop("attributes", UNSET)
        attributes: ProfileInAttributes | Unset
        if isinstance(_attributes, Unset):
            attributes = UNSET
        else:
            attributes = ProfileInAttributes.from_dict(_attributes)

        def _parse_joined_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                joined_at_type_0 = datetime.datetime.fromisoformat(data)

                return joined_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        joined_at = _parse_joined_at(d.pop("joined_at", UNSET))

        _social = d.pop("social", UNSET)
        social: ProfileInSocial | Unset
        if isinstance(_social, Unset):
            social = UNSET
        else:
            social = ProfileInSocial.from_dict(_social)

        def _parse_tier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tier = _parse_tier(d.pop("tier", UNSET))

        def _parse_time_zone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        time_zone = _parse_time_zone(d.pop("time_zone", UNSET))

        profile_in = cls(
            attributes=attributes,
            joined_at=joined_at,
            social=social,
            tier=tier,
            time_zone=time_zone,
        )

        return profile_in

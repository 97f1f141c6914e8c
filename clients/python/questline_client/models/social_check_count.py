from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


T = TypeVar("T", bound="SocialCheckCount")


@_attrs_define
class SocialCheckCount:
    """Journeys whose latest social check, asked for within the window, had this outcome.

    Attributes:
        count (int): Journeys with that latest outcome.
        outcome (str): `running`, `passed` (the mission completed), `failed` (not found or refused) or `review` (the
            platform could not answer: sent to the review queue).
        platform (str): The mission goal's platform (x, discord, telegram, ...).
    """

    count: int
    outcome: str
    platform: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        outcome = self.outcome

        platform = self.platform

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "outcome": outcome,
                "platform": platform,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        count = d.pop("count")

        outcome = d.pop("outcome")

        platform = d.pop("platform")

        social_check_count = cls(
            count=count,
            outcome=outcome,
            platform=platform,
        )

        social_check_count.additional_properties = d
        return social_check_count

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast


T = TypeVar("T", bound="Unlock")


@_attrs_define
class Unlock:
    """What opens a `locked` mission for a user.

    Attributes:
        after_missions (list[str] | Unset):
        hidden_until_unlocked (bool | Unset):  Default: False.
        min_tier (None | str | Unset):
    """

    after_missions: list[str] | Unset = UNSET
    hidden_until_unlocked: bool | Unset = False
    min_tier: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        after_missions: list[str] | Unset = UNSET
        if not isinstance(self.after_missions, Unset):
            after_missions = self.after_missions

        hidden_until_unlocked = self.hidden_until_unlocked

        min_tier: None | str | Unset
        if isinstance(self.min_tier, Unset):
            min_tier = UNSET
        else:
            min_tier = self.min_tier

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if after_missions is not UNSET:
            field_dict["after_missions"] = after_missions
        if hidden_until_unlocked is not UNSET:
            field_dict["hidden_until_unlocked"] = hidden_until_unlocked
        if min_tier is not UNSET:
            field_dict["min_tier"] = min_tier

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        after_missions = cast(list[str], d.pop("after_missions", UNSET))

        hidden_until_unlocked = d.pop("hidden_until_unlocked", UNSET)

        def _parse_min_tier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        min_tier = _parse_min_tier(d.pop("min_tier", UNSET))

        unlock = cls(
            after_missions=after_missions,
            hidden_until_unlocked=hidden_until_unlocked,
            min_tier=min_tier,
        )

        return unlock

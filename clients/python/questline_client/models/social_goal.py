from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.social_goal_action import SocialGoalAction
from ..models.social_goal_platform import SocialGoalPlatform
from ..types import UNSET, Unset
from typing import cast
from typing import Literal, cast


T = TypeVar("T", bound="SocialGoal")


@_attrs_define
class SocialGoal:
    """An action on a social platform, verified against it.

    Attributes:
        action (SocialGoalAction):
        kind (Literal['social']):
        platform (SocialGoalPlatform):
        target (str):
        count (int | Unset):  Default: 1.
        verify_label (None | str | Unset): The verify button's label shown to users (at most 40 characters); null: the
            default.
    """

    action: SocialGoalAction
    kind: Literal["social"]
    platform: SocialGoalPlatform
    target: str
    count: int | Unset = 1
    verify_label: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        action = self.action.value

        kind = self.kind

        platform = self.platform.value

        target = self.target

        count = self.count

        verify_label: None | str | Unset
        if isinstance(self.verify_label, Unset):
            verify_label = UNSET
        else:
            verify_label = self.verify_label

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "action": action,
                "kind": kind,
                "platform": platform,
                "target": target,
            }
        )
        if count is not UNSET:
            field_dict["count"] = count
        if verify_label is not UNSET:
            field_dict["verify_label"] = verify_label

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = SocialGoalAction(d.pop("action"))

        kind = cast(Literal["social"], d.pop("kind"))
        if kind != "social":
            raise ValueError(f"kind must match const 'social', got '{kind}'")

        platform = SocialGoalPlatform(d.pop("platform"))

        target = d.pop("target")

        count = d.pop("count", UNSET)

        def _parse_verify_label(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        verify_label = _parse_verify_label(d.pop("verify_label", UNSET))

        social_goal = cls(
            action=action,
            kind=kind,
            platform=platform,
            target=target,
            count=count,
            verify_label=verify_label,
        )

        return social_goal

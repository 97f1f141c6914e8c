from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.social_goal_view_action import SocialGoalViewAction
from ..models.social_goal_view_platform import SocialGoalViewPlatform
from typing import cast
from typing import Literal, cast


T = TypeVar("T", bound="SocialGoalView")


@_attrs_define
class SocialGoalView:
    """What the social check looks for: `action` on `target` on `platform` (`count` posts for post actions).

    Attributes:
        action (SocialGoalViewAction):
        count (int): How many posts a post or hashtag_post action needs (1 for the others).
        kind (Literal['social']):
        platform (SocialGoalViewPlatform):
        target (str): The account, post URL, text or hashtag the check looks for.
        verify_label (None | str): The verify button's label; null: the client's own default.
    """

    action: SocialGoalViewAction
    count: int
    kind: Literal["social"]
    platform: SocialGoalViewPlatform
    target: str
    verify_label: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action.value

        count = self.count

        kind = self.kind

        platform = self.platform.value

        target = self.target

        verify_label: None | str
        verify_label = self.verify_label

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "count": count,
                "kind": kind,
                "platform": platform,
                "target": target,
                "verify_label": verify_label,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = SocialGoalViewAction(d.pop("action"))

        count = d.pop("count")

        kind = cast(Literal["social"], d.pop("kind"))
        if kind != "social":
            raise ValueError(f"kind must match const 'social', got '{kind}'")

        platform = SocialGoalViewPlatform(d.pop("platform"))

        target = d.pop("target")

        def _parse_verify_label(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        verify_label = _parse_verify_label(d.pop("verify_label"))

        social_goal_view = cls(
            action=action,
            count=count,
            kind=kind,
            platform=platform,
            target=target,
            verify_label=verify_label,
        )

        social_goal_view.additional_properties = d
        return social_goal_view

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

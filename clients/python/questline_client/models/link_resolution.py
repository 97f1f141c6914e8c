from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
    from ..models.mission_view import MissionView
    from ..models.public_mission import PublicMission


T = TypeVar("T", bound="LinkResolution")


@_attrs_define
class LinkResolution:
    """A magic link opened: the mission, and for a user who may open it their own view.

    Attributes:
        audience (str): The link's audience in force.
        mission (PublicMission): What anyone holding the link is shown of the mission: user-safe, no operator settings.
        preview (MissionView | None): The card as a newcomer sees it (no journey); null when only chosen users see the
            mission (featured, hidden until unlocked).
        registered (bool): Whether Questline knows the user (they have a profile).
        signup_required (bool): True for a visitor Questline does not know: show the card read-only and ask them to sign
            up in the operator's app to start.
        user_id (None | str): Who opened it (the user token's user, or `user_id`); null: anonymous.
        view (MissionView | None): The user's own view of the mission (open it in the widget); null when they cannot see
            it (not a user yet, or not eligible).
    """

    audience: str
    mission: PublicMission
    preview: MissionView | None
    registered: bool
    signup_required: bool
    user_id: None | str
    view: MissionView | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.mission_view import MissionView  # noqa: PLC0415
        from ..models.public_mission import PublicMission  # noqa: PLC0415

        audience = self.audience

        mission = self.mission.to_dict()

        preview: dict[str, Any] | None
        if isinstance(self.preview, MissionView):
            preview = self.preview.to_dict()
        else:
            preview = self.preview

        registered = self.registered

        signup_required = self.signup_required

        user_id: None | str
        user_id = self.user_id

        view: dict[str, Any] | None
        if isinstance(self.view, MissionView):
            view = self.view.to_dict()
        else:
            view = self.view

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "audience": audience,
                "mission": mission,
                "preview": preview,
                "registered": registered,
                "signup_required": signup_required,
                "user_id": user_id,
                "view": view,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.mission_view import MissionView  # noqa: PLC0415
        from ..models.public_mission import PublicMission  # noqa: PLC0415

        d = dict(src_dict)
        audience = d.pop("audience")

        mission = PublicMission.from_dict(d.pop("mission"))

        def _parse_preview(data: object) -> MissionView | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                preview_type_0 = MissionView.from_dict(data)

                return preview_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MissionView | None, data)

        preview = _parse_preview(d.pop("preview"))

        registered = d.pop("registered")

        signup_required = d.pop("signup_required")

        def _parse_user_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        user_id = _parse_user_id(d.pop("user_id"))

        def _parse_view(data: object) -> MissionView | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                view_type_0 = MissionView.from_dict(data)

                return view_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MissionView | None, data)

        view = _parse_view(d.pop("view"))

        link_resolution = cls(
            audience=audience,
            mission=mission,
            preview=preview,
            registered=registered,
            signup_required=signup_required,
            user_id=user_id,
            view=view,
        )

        link_resolution.additional_properties = d
        return link_resolution

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime


T = TypeVar("T", bound="UserJourney")


@_attrs_define
class UserJourney:
    """One of the user's journeys: the mission, the enrolment's state and its workflow.

    Attributes:
        completions (int):
        cycle (int): A recurring mission's cycle of this journey (0 otherwise)
        mission_id (str):
        mission_name (str):
        mission_type (str):
        status (str): The enrolment's state: locked, available, opted_in, pending, completed, missed
        temporal_ui_url (None | str): The workflow's page in the Temporal UI; null when QUESTLINE_TEMPORAL_UI_URL is not
            set
        updated_at (datetime.datetime):
        workflow_id (str): The Temporal workflow id the journey runs under
    """

    completions: int
    cycle: int
    mission_id: str
    mission_name: str
    mission_type: str
    status: str
    temporal_ui_url: None | str
    updated_at: datetime.datetime
    workflow_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        completions = self.completions

        cycle = self.cycle

        mission_id = self.mission_id

        mission_name = self.mission_name

        mission_type = self.mission_type

        status = self.status

        temporal_ui_url: None | str
        temporal_ui_url = self.temporal_ui_url

        updated_at = self.updated_at.isoformat()

        workflow_id = self.workflow_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "completions": completions,
                "cycle": cycle,
                "mission_id": mission_id,
                "mission_name": mission_name,
                "mission_type": mission_type,
                "status": status,
                "temporal_ui_url": temporal_ui_url,
                "updated_at": updated_at,
                "workflow_id": workflow_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        completions = d.pop("completions")

        cycle = d.pop("cycle")

        mission_id = d.pop("mission_id")

        mission_name = d.pop("mission_name")

        mission_type = d.pop("mission_type")

        status = d.pop("status")

        def _parse_temporal_ui_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        temporal_ui_url = _parse_temporal_ui_url(d.pop("temporal_ui_url"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        workflow_id = d.pop("workflow_id")

        user_journey = cls(
            completions=completions,
            cycle=cycle,
            mission_id=mission_id,
            mission_name=mission_name,
            mission_type=mission_type,
            status=status,
            temporal_ui_url=temporal_ui_url,
            updated_at=updated_at,
            workflow_id=workflow_id,
        )

        user_journey.additional_properties = d
        return user_journey

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

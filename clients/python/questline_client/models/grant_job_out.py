from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.grant_job_out_status import GrantJobOutStatus


T = TypeVar("T", bound="GrantJobOut")


@_attrs_define
class GrantJobOut:
    """A bulk grant's progress: granted and refused (finished journeys) so far.

    Attributes:
        granted (int):
        job_id (str):
        mission_id (str):
        pages (int):
        refused (int):
        segment_id (str):
        status (GrantJobOutStatus):
    """

    granted: int
    job_id: str
    mission_id: str
    pages: int
    refused: int
    segment_id: str
    status: GrantJobOutStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        granted = self.granted

        job_id = self.job_id

        mission_id = self.mission_id

        pages = self.pages

        refused = self.refused

        segment_id = self.segment_id

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "granted": granted,
                "job_id": job_id,
                "mission_id": mission_id,
                "pages": pages,
                "refused": refused,
                "segment_id": segment_id,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        granted = d.pop("granted")

        job_id = d.pop("job_id")

        mission_id = d.pop("mission_id")

        pages = d.pop("pages")

        refused = d.pop("refused")

        segment_id = d.pop("segment_id")

        status = GrantJobOutStatus(d.pop("status"))

        grant_job_out = cls(
            granted=granted,
            job_id=job_id,
            mission_id=mission_id,
            pages=pages,
            refused=refused,
            segment_id=segment_id,
            status=status,
        )

        grant_job_out.additional_properties = d
        return grant_job_out

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

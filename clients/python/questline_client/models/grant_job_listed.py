from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.grant_job_listed_kind import GrantJobListedKind
from ..models.grant_job_listed_status import GrantJobListedStatus
from typing import cast
import datetime


T = TypeVar("T", bound="GrantJobListed")


@_attrs_define
class GrantJobListed:
    """A grant job in the list: its kind, when it was accepted, and how many users it has to go through.

    `total` is the segment's member count now (at least `granted + refused`, exactly that once
    completed); None for an unlock backfill, whose candidates are found as it goes. `status`
    is `unknown` for a job Temporal no longer keeps (past its retention).

        Attributes:
            created_at (datetime.datetime):
            granted (int):
            job_id (str):
            kind (GrantJobListedKind):
            mission_id (str):
            pages (int):
            refused (int):
            segment_id (str):
            status (GrantJobListedStatus):
            total (int | None):
    """

    created_at: datetime.datetime
    granted: int
    job_id: str
    kind: GrantJobListedKind
    mission_id: str
    pages: int
    refused: int
    segment_id: str
    status: GrantJobListedStatus
    total: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        granted = self.granted

        job_id = self.job_id

        kind = self.kind.value

        mission_id = self.mission_id

        pages = self.pages

        refused = self.refused

        segment_id = self.segment_id

        status = self.status.value

        total: int | None
        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "granted": granted,
                "job_id": job_id,
                "kind": kind,
                "mission_id": mission_id,
                "pages": pages,
                "refused": refused,
                "segment_id": segment_id,
                "status": status,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        granted = d.pop("granted")

        job_id = d.pop("job_id")

        kind = GrantJobListedKind(d.pop("kind"))

        mission_id = d.pop("mission_id")

        pages = d.pop("pages")

        refused = d.pop("refused")

        segment_id = d.pop("segment_id")

        status = GrantJobListedStatus(d.pop("status"))

        def _parse_total(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        total = _parse_total(d.pop("total"))

        grant_job_listed = cls(
            created_at=created_at,
            granted=granted,
            job_id=job_id,
            kind=kind,
            mission_id=mission_id,
            pages=pages,
            refused=refused,
            segment_id=segment_id,
            status=status,
            total=total,
        )

        grant_job_listed.additional_properties = d
        return grant_job_listed

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

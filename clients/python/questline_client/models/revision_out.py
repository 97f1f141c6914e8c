from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
    from ..models.revision_out_spec import RevisionOutSpec


T = TypeVar("T", bound="RevisionOut")


@_attrs_define
class RevisionOut:
    """One revision of a mission's spec.

    Attributes:
        created_at (datetime.datetime): When this revision was made (a draft's edits rewrite revision 1 in place: its
            creation time).
        mission_id (str):
        revision (int):
        spec (RevisionOutSpec):
    """

    created_at: datetime.datetime
    mission_id: str
    revision: int
    spec: RevisionOutSpec
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.revision_out_spec import RevisionOutSpec  # noqa: PLC0415

        created_at = self.created_at.isoformat()

        mission_id = self.mission_id

        revision = self.revision

        spec = self.spec.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "mission_id": mission_id,
                "revision": revision,
                "spec": spec,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.revision_out_spec import RevisionOutSpec  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        mission_id = d.pop("mission_id")

        revision = d.pop("revision")

        spec = RevisionOutSpec.from_dict(d.pop("spec"))

        revision_out = cls(
            created_at=created_at,
            mission_id=mission_id,
            revision=revision,
            spec=spec,
        )

        revision_out.additional_properties = d
        return revision_out

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

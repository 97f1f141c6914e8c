from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
    from ..models.upload_errors_item import UploadErrorsItem


T = TypeVar("T", bound="Upload")


@_attrs_define
class Upload:
    """What a CSV upload did: users added, users already members, and the rows refused.

    Attributes:
        added (int):
        already_members (int):
        errors (list[UploadErrorsItem]): `{line, reason}` for each refused row
    """

    added: int
    already_members: int
    errors: list[UploadErrorsItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.upload_errors_item import UploadErrorsItem  # noqa: PLC0415

        added = self.added

        already_members = self.already_members

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "added": added,
                "already_members": already_members,
                "errors": errors,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.upload_errors_item import UploadErrorsItem  # noqa: PLC0415

        d = dict(src_dict)
        added = d.pop("added")

        already_members = d.pop("already_members")

        errors = []
        _errors = d.pop("errors")
        for errors_item_data in _errors:
            errors_item = UploadErrorsItem.from_dict(errors_item_data)

            errors.append(errors_item)

        upload = cls(
            added=added,
            already_members=already_members,
            errors=errors,
        )

        upload.additional_properties = d
        return upload

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field
import json
from .. import types

from ..types import UNSET, Unset

from ..models.proof_upload_kind import ProofUploadKind
from ..types import File, FileTypes
from io import BytesIO


T = TypeVar("T", bound="ProofUpload")


@_attrs_define
class ProofUpload:
    """An image, video or document (PDF) proof sent as `multipart/form-data` (the file's
    `Content-Type` is checked, and its first bytes must match it).

        Attributes:
            file (File): the file, with its Content-Type; its first bytes must match that type
            kind (ProofUploadKind): `image`, `video` or `document` (a PDF); the mission must accept it
    """

    file: File
    kind: ProofUploadKind
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file = self.file.to_tuple()

        kind = self.kind.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file": file,
                "kind": kind,
            }
        )

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", self.file.to_tuple()))

        files.append(("kind", (None, str(self.kind.value).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file = File(payload=BytesIO(d.pop("file")))

        kind = ProofUploadKind(d.pop("kind"))

        proof_upload = cls(
            file=file,
            kind=kind,
        )

        proof_upload.additional_properties = d
        return proof_upload

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

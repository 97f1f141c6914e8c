from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.image_out_slot import ImageOutSlot
from typing import cast
import datetime


T = TypeVar("T", bound="ImageOut")


@_attrs_define
class ImageOut:
    """An uploaded card or page image; point the mission spec's `images.card` / `images.page` at `url`.

    Attributes:
        content_type (str): The type its bytes proved to be (png, jpeg, webp or gif).
        created_at (datetime.datetime):
        filename (None | str):
        id (str):
        mission_id (str):
        size (int):
        slot (ImageOutSlot):
        url (str): Where the image is served (public, immutable).
    """

    content_type: str
    created_at: datetime.datetime
    filename: None | str
    id: str
    mission_id: str
    size: int
    slot: ImageOutSlot
    url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        content_type = self.content_type

        created_at = self.created_at.isoformat()

        filename: None | str
        filename = self.filename

        id = self.id

        mission_id = self.mission_id

        size = self.size

        slot = self.slot.value

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content_type": content_type,
                "created_at": created_at,
                "filename": filename,
                "id": id,
                "mission_id": mission_id,
                "size": size,
                "slot": slot,
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        content_type = d.pop("content_type")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_filename(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        filename = _parse_filename(d.pop("filename"))

        id = d.pop("id")

        mission_id = d.pop("mission_id")

        size = d.pop("size")

        slot = ImageOutSlot(d.pop("slot"))

        url = d.pop("url")

        image_out = cls(
            content_type=content_type,
            created_at=created_at,
            filename=filename,
            id=id,
            mission_id=mission_id,
            size=size,
            slot=slot,
            url=url,
        )

        image_out.additional_properties = d
        return image_out

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast


T = TypeVar("T", bound="JourneySummary")


@_attrs_define
class JourneySummary:
    """The journey as the read model holds it (null fields: never started).

    Attributes:
        started (bool):
        completions (int | Unset):  Default: 0.
        cycle (int | None | Unset):
        progress (float | int | Unset):  Default: 0.
        status (None | str | Unset):
    """

    started: bool
    completions: int | Unset = 0
    cycle: int | None | Unset = UNSET
    progress: float | int | Unset = 0
    status: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        started = self.started

        completions = self.completions

        cycle: int | None | Unset
        if isinstance(self.cycle, Unset):
            cycle = UNSET
        else:
            cycle = self.cycle

        progress: float | int | Unset
        if isinstance(self.progress, Unset):
            progress = UNSET
        else:
            progress = self.progress

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        else:
            status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "started": started,
            }
        )
        if completions is not UNSET:
            field_dict["completions"] = completions
        if cycle is not UNSET:
            field_dict["cycle"] = cycle
        if progress is not UNSET:
            field_dict["progress"] = progress
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        started = d.pop("started")

        completions = d.pop("completions", UNSET)

        def _parse_cycle(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        cycle = _parse_cycle(d.pop("cycle", UNSET))

        def _parse_progress(data: object) -> float | int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | int | Unset, data)

        progress = _parse_progress(d.pop("progress", UNSET))

        def _parse_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        journey_summary = cls(
            started=started,
            completions=completions,
            cycle=cycle,
            progress=progress,
            status=status,
        )

        journey_summary.additional_properties = d
        return journey_summary

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

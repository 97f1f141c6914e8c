from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.lint_finding_severity import LintFindingSeverity
from typing import cast


T = TypeVar("T", bound="LintFinding")


@_attrs_define
class LintFinding:
    """One problem the lint found in a mission spec.

    Attributes:
        code (str): Stable code of the rule (e.g. `unlock_cycle`, `amount_ranges_overlap`).
        field (str): The spec path it is about (`unlock.after_missions.0`, `time_to_complete`).
        message (str): A sentence for the operator.
        missions (list[str]): Ids of the missions involved (the linted one first, when it has one).
        severity (LintFindingSeverity): `error`: the mission cannot work as written (an activation refuses it unless
            forced); `warning`: it works, probably not as meant.
    """

    code: str
    field: str
    message: str
    missions: list[str]
    severity: LintFindingSeverity
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        field = self.field

        message = self.message

        missions = self.missions

        severity = self.severity.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "field": field,
                "message": message,
                "missions": missions,
                "severity": severity,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        field = d.pop("field")

        message = d.pop("message")

        missions = cast(list[str], d.pop("missions"))

        severity = LintFindingSeverity(d.pop("severity"))

        lint_finding = cls(
            code=code,
            field=field,
            message=message,
            missions=missions,
            severity=severity,
        )

        lint_finding.additional_properties = d
        return lint_finding

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

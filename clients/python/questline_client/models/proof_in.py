from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.proof_in_kind import ProofInKind
from typing import cast

if TYPE_CHECKING:
    from ..models.proof_in_value_type_1 import ProofInValueType1


T = TypeVar("T", bound="ProofIn")


@_attrs_define
class ProofIn:
    """Proof of a manual goal: `link`, `text`, `image`/`video` (URL), `survey` answers or
    `linkedin_post` (the https URL of the user's post on linkedin.com).

        Attributes:
            kind (ProofInKind):
            value (ProofInValueType1 | str):
    """

    kind: ProofInKind
    value: ProofInValueType1 | str

    def to_dict(self) -> dict[str, Any]:
        from ..models.proof_in_value_type_1 import ProofInValueType1  # noqa: PLC0415

        kind = self.kind.value

        value: dict[str, Any] | str
        if isinstance(self.value, ProofInValueType1):
            value = self.value.to_dict()
        else:
            value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.proof_in_value_type_1 import ProofInValueType1  # noqa: PLC0415

        d = dict(src_dict)
        kind = ProofInKind(d.pop("kind"))

        def _parse_value(data: object) -> ProofInValueType1 | str:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                value_type_1 = ProofInValueType1.from_dict(data)

                return value_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ProofInValueType1 | str, data)

        value = _parse_value(d.pop("value"))

        proof_in = cls(
            kind=kind,
            value=value,
        )

        return proof_in

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
    from ..models.user_outcome_error_type_0 import UserOutcomeErrorType0


T = TypeVar("T", bound="UserOutcome")


@_attrs_define
class UserOutcome:
    """What happened for one user.

    Attributes:
        ok (bool):
        user_id (str):
        error (None | Unset | UserOutcomeErrorType0):
        status (None | str | Unset):
    """

    ok: bool
    user_id: str
    error: None | Unset | UserOutcomeErrorType0 = UNSET
    status: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.user_outcome_error_type_0 import UserOutcomeErrorType0  # noqa: PLC0415

        ok = self.ok

        user_id = self.user_id

        error: dict[str, Any] | None | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        elif isinstance(self.error, UserOutcomeErrorType0):
            error = self.error.to_dict()
        else:
            error = self.error

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        else:
            status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ok": ok,
                "user_id": user_id,
            }
        )
        if error is not UNSET:
            field_dict["error"] = error
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.user_outcome_error_type_0 import UserOutcomeErrorType0  # noqa: PLC0415

        d = dict(src_dict)
        ok = d.pop("ok")

        user_id = d.pop("user_id")

        def _parse_error(data: object) -> None | Unset | UserOutcomeErrorType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = UserOutcomeErrorType0.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UserOutcomeErrorType0, data)

        error = _parse_error(d.pop("error", UNSET))

        def _parse_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        user_outcome = cls(
            ok=ok,
            user_id=user_id,
            error=error,
            status=status,
        )

        user_outcome.additional_properties = d
        return user_outcome

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.repair_user_outcome import RepairUserOutcome
from typing import cast
import datetime

if TYPE_CHECKING:
    from ..models.repair_user_after_type_0 import RepairUserAfterType0
    from ..models.repair_user_before_type_0 import RepairUserBeforeType0


T = TypeVar("T", bound="RepairUser")


@_attrs_define
class RepairUser:
    """One user of a repair: the outcome, and their streak before and after.

    Attributes:
        after (None | RepairUserAfterType0):
        before (None | RepairUserBeforeType0):
        done_at (datetime.datetime | None):
        outcome (RepairUserOutcome):
        user_id (str):
    """

    after: None | RepairUserAfterType0
    before: None | RepairUserBeforeType0
    done_at: datetime.datetime | None
    outcome: RepairUserOutcome
    user_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.repair_user_after_type_0 import RepairUserAfterType0  # noqa: PLC0415
        from ..models.repair_user_before_type_0 import RepairUserBeforeType0  # noqa: PLC0415

        after: dict[str, Any] | None
        if isinstance(self.after, RepairUserAfterType0):
            after = self.after.to_dict()
        else:
            after = self.after

        before: dict[str, Any] | None
        if isinstance(self.before, RepairUserBeforeType0):
            before = self.before.to_dict()
        else:
            before = self.before

        done_at: None | str
        if isinstance(self.done_at, datetime.datetime):
            done_at = self.done_at.isoformat()
        else:
            done_at = self.done_at

        outcome = self.outcome.value

        user_id = self.user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "after": after,
                "before": before,
                "done_at": done_at,
                "outcome": outcome,
                "user_id": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.repair_user_after_type_0 import RepairUserAfterType0  # noqa: PLC0415
        from ..models.repair_user_before_type_0 import RepairUserBeforeType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_after(data: object) -> None | RepairUserAfterType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                after_type_0 = RepairUserAfterType0.from_dict(data)

                return after_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RepairUserAfterType0, data)

        after = _parse_after(d.pop("after"))

        def _parse_before(data: object) -> None | RepairUserBeforeType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                before_type_0 = RepairUserBeforeType0.from_dict(data)

                return before_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RepairUserBeforeType0, data)

        before = _parse_before(d.pop("before"))

        def _parse_done_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                done_at_type_0 = datetime.datetime.fromisoformat(data)

                return done_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        done_at = _parse_done_at(d.pop("done_at"))

        outcome = RepairUserOutcome(d.pop("outcome"))

        user_id = d.pop("user_id")

        repair_user = cls(
            after=after,
            before=before,
            done_at=done_at,
            outcome=outcome,
            user_id=user_id,
        )

        repair_user.additional_properties = d
        return repair_user

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime


T = TypeVar("T", bound="BacktestIn")


@_attrs_define
class BacktestIn:
    """The body of `POST /v1/missions/{id}/backtest`.

    Attributes:
        from_ (datetime.datetime): Start of the window (inclusive): events received from then on.
        to (datetime.datetime): End of the window (exclusive).
        revision (int | None | Unset): The mission revision to replay (absent: the current one).
        segments (list[str] | Unset): Only users in one of these segments (absent: everyone).
    """

    from_: datetime.datetime
    to: datetime.datetime
    revision: int | None | Unset = UNSET
    segments: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_.isoformat()

        to = self.to.isoformat()

        revision: int | None | Unset
        if isinstance(self.revision, Unset):
            revision = UNSET
        else:
            revision = self.revision

        segments: list[str] | Unset = UNSET
        if not isinstance(self.segments, Unset):
            segments = self.segments

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "from": from_,
                "to": to,
            }
        )
        if revision is not UNSET:
            field_dict["revision"] = revision
        if segments is not UNSET:
            field_dict["segments"] = segments

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        from_ = datetime.datetime.fromisoformat(d.pop("from"))

        to = datetime.datetime.fromisoformat(d.pop("to"))

        def _parse_revision(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        revision = _parse_revision(d.pop("revision", UNSET))

        segments = cast(list[str], d.pop("segments", UNSET))

        backtest_in = cls(
            from_=from_,
            to=to,
            revision=revision,
            segments=segments,
        )

        return backtest_in

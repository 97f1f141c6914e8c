from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
    from ..models.backtest_progress import BacktestProgress
    from ..models.backtest_result import BacktestResult


T = TypeVar("T", bound="BacktestOut")


@_attrs_define
class BacktestOut:
    """A backtest job: its parameters, status, progress and result.

    Attributes:
        created_at (datetime.datetime):
        from_ (datetime.datetime):
        id (str):
        mission_id (str):
        progress (BacktestProgress): Events read of the (estimated) total.
        result (BacktestResult): What the mission would have done (running figures until `status` is completed).
        revision (int):
        segments (list[str]):
        status (str): running, completed or failed
        to (datetime.datetime):
        error (None | str | Unset):
        finished_at (datetime.datetime | None | Unset):
    """

    created_at: datetime.datetime
    from_: datetime.datetime
    id: str
    mission_id: str
    progress: BacktestProgress
    result: BacktestResult
    revision: int
    segments: list[str]
    status: str
    to: datetime.datetime
    error: None | str | Unset = UNSET
    finished_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.backtest_progress import BacktestProgress  # noqa: PLC0415
        from ..models.backtest_result import BacktestResult  # noqa: PLC0415

        created_at = self.created_at.isoformat()

        from_ = self.from_.isoformat()

        id = self.id

        mission_id = self.mission_id

        progress = self.progress.to_dict()

        result = self.result.to_dict()

        revision = self.revision

        segments = self.segments

        status = self.status

        to = self.to.isoformat()

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        finished_at: None | str | Unset
        if isinstance(self.finished_at, Unset):
            finished_at = UNSET
        elif isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "from": from_,
                "id": id,
                "mission_id": mission_id,
                "progress": progress,
                "result": result,
                "revision": revision,
                "segments": segments,
                "status": status,
                "to": to,
            }
        )
        if error is not UNSET:
            field_dict["error"] = error
        if finished_at is not UNSET:
            field_dict["finished_at"] = finished_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.backtest_progress import BacktestProgress  # noqa: PLC0415
        from ..models.backtest_result import BacktestResult  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        from_ = datetime.datetime.fromisoformat(d.pop("from"))

        id = d.pop("id")

        mission_id = d.pop("mission_id")

        progress = BacktestProgress.from_dict(d.pop("progress"))

        result = BacktestResult.from_dict(d.pop("result"))

        revision = d.pop("revision")

        segments = cast(list[str], d.pop("segments"))

        status = d.pop("status")

        to = datetime.datetime.fromisoformat(d.pop("to"))

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        def _parse_finished_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        finished_at = _parse_finished_at(d.pop("finished_at", UNSET))

        backtest_out = cls(
            created_at=created_at,
            from_=from_,
            id=id,
            mission_id=mission_id,
            progress=progress,
            result=result,
            revision=revision,
            segments=segments,
            status=status,
            to=to,
            error=error,
            finished_at=finished_at,
        )

        backtest_out.additional_properties = d
        return backtest_out

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.mission_deletion_status import MissionDeletionStatus
from ..models.mission_deletion_step import MissionDeletionStep
from ..models.mission_status import MissionStatus
from ..types import UNSET, Unset
from typing import cast
import datetime


T = TypeVar("T", bound="MissionDeletion")


@_attrs_define
class MissionDeletion:
    """A mission's deletion: the job's progress and its audit (who, when, what was reversed).

    Attributes:
        created_at (datetime.datetime): When it was deleted.
        id (str):
        journeys_closed (int): Journeys that were open (not finished) when it was deleted.
        mission_id (str):
        points_taken_back (int): Points taken back: the sum of the compensating ledger entries (each user's points from
            this mission then net to zero; the entries they earned stay, the ledger is append-only).
        previous_status (MissionStatus): Lifecycle of a mission definition (docs/missions.md §1).
        requested_by (str): Who asked (the DELETE's `requested_by`).
        status (MissionDeletionStatus): `completed` once every step is done; `running` while journeys are still closing
            (send the DELETE again with its `confirm` to resume it).
        step (MissionDeletionStep): Where the job stands: closing journeys, taking back points and removing submissions,
            removing the proofs' files, done.
        submissions_removed (int): Submissions removed (with their uploaded proofs).
        users_affected (int): Users who had points taken back.
        finished_at (datetime.datetime | None | Unset): When the job finished.
    """

    created_at: datetime.datetime
    id: str
    journeys_closed: int
    mission_id: str
    points_taken_back: int
    previous_status: MissionStatus
    requested_by: str
    status: MissionDeletionStatus
    step: MissionDeletionStep
    submissions_removed: int
    users_affected: int
    finished_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        id = self.id

        journeys_closed = self.journeys_closed

        mission_id = self.mission_id

        points_taken_back = self.points_taken_back

        previous_status = self.previous_status.value

        requested_by = self.requested_by

        status = self.status.value

        step = self.step.value

        submissions_removed = self.submissions_removed

        users_affected = self.users_affected

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
                "id": id,
                "journeys_closed": journeys_closed,
                "mission_id": mission_id,
                "points_taken_back": points_taken_back,
                "previous_status": previous_status,
                "requested_by": requested_by,
                "status": status,
                "step": step,
                "submissions_removed": submissions_removed,
                "users_affected": users_affected,
            }
        )
        if finished_at is not UNSET:
            field_dict["finished_at"] = finished_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = d.pop("id")

        journeys_closed = d.pop("journeys_closed")

        mission_id = d.pop("mission_id")

        points_taken_back = d.pop("points_taken_back")

        previous_status = MissionStatus(d.pop("previous_status"))

        requested_by = d.pop("requested_by")

        status = MissionDeletionStatus(d.pop("status"))

        step = MissionDeletionStep(d.pop("step"))

        submissions_removed = d.pop("submissions_removed")

        users_affected = d.pop("users_affected")

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

        mission_deletion = cls(
            created_at=created_at,
            id=id,
            journeys_closed=journeys_closed,
            mission_id=mission_id,
            points_taken_back=points_taken_back,
            previous_status=previous_status,
            requested_by=requested_by,
            status=status,
            step=step,
            submissions_removed=submissions_removed,
            users_affected=users_affected,
            finished_at=finished_at,
        )

        mission_deletion.additional_properties = d
        return mission_deletion

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

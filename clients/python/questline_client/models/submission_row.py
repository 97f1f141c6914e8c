from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
    from ..models.submission_row_proof import SubmissionRowProof


T = TypeVar("T", bound="SubmissionRow")


@_attrs_define
class SubmissionRow:
    """A submission with the journey it belongs to.

    Attributes:
        created_at (datetime.datetime):
        decided_at (datetime.datetime | None):
        feedback (None | str):
        id (str):
        mission_id (str):
        proof (SubmissionRowProof):
        status (str):
        user_id (str):
    """

    created_at: datetime.datetime
    decided_at: datetime.datetime | None
    feedback: None | str
    id: str
    mission_id: str
    proof: SubmissionRowProof
    status: str
    user_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.submission_row_proof import SubmissionRowProof  # noqa: PLC0415

        created_at = self.created_at.isoformat()

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        feedback: None | str
        feedback = self.feedback

        id = self.id

        mission_id = self.mission_id

        proof = self.proof.to_dict()

        status = self.status

        user_id = self.user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "decided_at": decided_at,
                "feedback": feedback,
                "id": id,
                "mission_id": mission_id,
                "proof": proof,
                "status": status,
                "user_id": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.submission_row_proof import SubmissionRowProof  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))

        def _parse_feedback(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        feedback = _parse_feedback(d.pop("feedback"))

        id = d.pop("id")

        mission_id = d.pop("mission_id")

        proof = SubmissionRowProof.from_dict(d.pop("proof"))

        status = d.pop("status")

        user_id = d.pop("user_id")

        submission_row = cls(
            created_at=created_at,
            decided_at=decided_at,
            feedback=feedback,
            id=id,
            mission_id=mission_id,
            proof=proof,
            status=status,
            user_id=user_id,
        )

        submission_row.additional_properties = d
        return submission_row

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
    from ..models.submission_proof import SubmissionProof


T = TypeVar("T", bound="Submission")


@_attrs_define
class Submission:
    """The latest proof a user submitted for a manual mission.

    Attributes:
        feedback (None | str):
        id (str):
        proof (SubmissionProof):
        status (str):
    """

    feedback: None | str
    id: str
    proof: SubmissionProof
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.submission_proof import SubmissionProof  # noqa: PLC0415

        feedback: None | str
        feedback = self.feedback

        id = self.id

        proof = self.proof.to_dict()

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "feedback": feedback,
                "id": id,
                "proof": proof,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.submission_proof import SubmissionProof  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_feedback(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        feedback = _parse_feedback(d.pop("feedback"))

        id = d.pop("id")

        proof = SubmissionProof.from_dict(d.pop("proof"))

        status = d.pop("status")

        submission = cls(
            feedback=feedback,
            id=id,
            proof=proof,
            status=status,
        )

        submission.additional_properties = d
        return submission

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

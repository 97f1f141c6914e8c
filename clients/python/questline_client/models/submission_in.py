from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
    from ..models.proof_in import ProofIn


T = TypeVar("T", bound="SubmissionIn")


@_attrs_define
class SubmissionIn:
    """A proof submission.

    Attributes:
        proof (ProofIn): Proof of a manual goal: `link`, `text`, `image`/`video` (URL), `survey` answers or
            `linkedin_post` (the https URL of the user's post on linkedin.com).
    """

    proof: ProofIn

    def to_dict(self) -> dict[str, Any]:
        from ..models.proof_in import ProofIn  # noqa: PLC0415

        proof = self.proof.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "proof": proof,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.proof_in import ProofIn  # noqa: PLC0415

        d = dict(src_dict)
        proof = ProofIn.from_dict(d.pop("proof"))

        submission_in = cls(
            proof=proof,
        )

        return submission_in

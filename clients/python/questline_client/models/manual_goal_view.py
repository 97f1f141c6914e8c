from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.manual_goal_view_proof_item import ManualGoalViewProofItem
from typing import cast
from typing import Literal, cast

if TYPE_CHECKING:
    from ..models.survey_question_view import SurveyQuestionView


T = TypeVar("T", bound="ManualGoalView")


@_attrs_define
class ManualGoalView:
    """What a user may submit for a manual goal. How it is approved (mode, rule) is not shown.

    Attributes:
        kind (Literal['manual']):
        proof (list[ManualGoalViewProofItem]): The proof kinds the mission accepts.
        questions (list[SurveyQuestionView]): The survey's questions when `proof` has `survey`: submit `{"proof":
            {"kind": "survey", "value": {"<id>": "<answer>", ...}}}`, every question answered; else empty.
    """

    kind: Literal["manual"]
    proof: list[ManualGoalViewProofItem]
    questions: list[SurveyQuestionView]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.survey_question_view import SurveyQuestionView  # noqa: PLC0415

        kind = self.kind

        proof = []
        for proof_item_data in self.proof:
            proof_item = proof_item_data.value
            proof.append(proof_item)

        questions = []
        for questions_item_data in self.questions:
            questions_item = questions_item_data.to_dict()
            questions.append(questions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "proof": proof,
                "questions": questions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.survey_question_view import SurveyQuestionView  # noqa: PLC0415

        d = dict(src_dict)
        kind = cast(Literal["manual"], d.pop("kind"))
        if kind != "manual":
            raise ValueError(f"kind must match const 'manual', got '{kind}'")

        proof = []
        _proof = d.pop("proof")
        for proof_item_data in _proof:
            proof_item = ManualGoalViewProofItem(proof_item_data)

            proof.append(proof_item)

        questions = []
        _questions = d.pop("questions")
        for questions_item_data in _questions:
            questions_item = SurveyQuestionView.from_dict(questions_item_data)

            questions.append(questions_item)

        manual_goal_view = cls(
            kind=kind,
            proof=proof,
            questions=questions,
        )

        manual_goal_view.additional_properties = d
        return manual_goal_view

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

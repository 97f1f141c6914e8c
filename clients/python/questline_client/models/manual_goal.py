from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.manual_goal_proof_item import ManualGoalProofItem
from ..types import UNSET, Unset
from typing import cast
from typing import Literal, cast

if TYPE_CHECKING:
    from ..models.approval import Approval
    from ..models.survey_question import SurveyQuestion


T = TypeVar("T", bound="ManualGoal")


@_attrs_define
class ManualGoal:
    """The user submits proof that an admin or a rule approves.

    Attributes:
        kind (Literal['manual']):
        proof (list[ManualGoalProofItem]):
        approval (Approval | Unset): How a manual goal's submissions are approved.
        questions (list[SurveyQuestion] | None | Unset):
    """

    kind: Literal["manual"]
    proof: list[ManualGoalProofItem]
    approval: Approval | Unset = UNSET
    questions: list[SurveyQuestion] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.approval import Approval  # noqa: PLC0415
        from ..models.survey_question import SurveyQuestion  # noqa: PLC0415

        kind = self.kind

        proof = []
        for proof_item_data in self.proof:
            proof_item = proof_item_data.value
            proof.append(proof_item)

        approval: dict[str, Any] | Unset = UNSET
        if not isinstance(self.approval, Unset):
            approval = self.approval.to_dict()

        questions: list[dict[str, Any]] | None | Unset
        if isinstance(self.questions, Unset):
            questions = UNSET
        elif isinstance(self.questions, list):
            questions = []
            for questions_type_0_item_data in self.questions:
                questions_type_0_item = questions_type_0_item_data.to_dict()
                questions.append(questions_type_0_item)

        else:
            questions = self.questions

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "proof": proof,
            }
        )
        if approval is not UNSET:
            field_dict["approval"] = approval
        if questions is not UNSET:
            field_dict["questions"] = questions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.approval import Approval  # noqa: PLC0415
        from ..models.survey_question import SurveyQuestion  # noqa: PLC0415

        d = dict(src_dict)
        kind = cast(Literal["manual"], d.pop("kind"))
        if kind != "manual":
            raise ValueError(f"kind must match const 'manual', got '{kind}'")

        proof = []
        _proof = d.pop("proof")
        for proof_item_data in _proof:
            proof_item = ManualGoalProofItem(proof_item_data)

            proof.append(proof_item)

        _approval = d.pop("approval", UNSET)
        approval: Approval | Unset
        if isinstance(_approval, Unset):
            approval = UNSET
        else:
            approval = Approval.from_dict(_approval)

        def _parse_questions(data: object) -> list[SurveyQuestion] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                questions_type_0 = []
                _questions_type_0 = data
                for questions_type_0_item_data in _questions_type_0:
                    questions_type_0_item = SurveyQuestion.from_dict(questions_type_0_item_data)

                    questions_type_0.append(questions_type_0_item)

                return questions_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[SurveyQuestion] | None | Unset, data)

        questions = _parse_questions(d.pop("questions", UNSET))

        manual_goal = cls(
            kind=kind,
            proof=proof,
            approval=approval,
            questions=questions,
        )

        return manual_goal

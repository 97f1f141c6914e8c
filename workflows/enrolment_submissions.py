"""The enrolment workflow's manual goals: submissions, their approval (automatic, by rule or by an
admin's review), and the undoing of one whose proof or feedback the read model cannot store.
"""

from __future__ import annotations

from collections.abc import Callable

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from domain import transitions
    from domain.missions import ManualGoal
    from workflows.enrolment_budget import BudgetGate
    from workflows.enrolment_policy import ALWAYS_RETRY, COMPLETE_TIMEOUT, UNSTORABLE_ACTION, budget_spent
    from workflows.payloads import ActionResult, ApprovalQuestion, Review, Submit

Undo = Callable[[], Exception | None]


class Submissions(BudgetGate):
    """Submitting proof, deciding it, and undoing what cannot be stored."""

    async def _submit(self, msg: Submit) -> ActionResult:
        """A submission to a journey that needs no budget decision."""
        now = workflow.now()
        undo = self._undo_submission()
        transitions.submitted(self.journey, msg.submission_id, msg.proof, now)
        goal = self.ctx.spec.goal
        assert isinstance(goal, ManualGoal)
        if workflow.patched(UNSTORABLE_ACTION):
            # The submission is stored before it may be approved, so one that cannot be stored is
            # undone before anything irreversible (a reward) happened.
            await self._saved(undo)
        if await self._approves_at_once():
            self._decide(approve=True, feedback=None)
        return await self._saved()

    async def _approves_at_once(self) -> bool:
        """`auto` approves every submission; `rule` asks whether this user passes (points, segment)."""
        goal = self.ctx.spec.goal
        assert isinstance(goal, ManualGoal)
        if goal.approval.mode != "rule":
            return goal.approval.mode == "auto"
        passes: bool = await workflow.execute_activity(
            "approval_rule_passes",
            ApprovalQuestion(
                user_id=self.journey.user_id, min_points=goal.approval.min_points, segment=goal.approval.segment
            ),
            result_type=bool,
            start_to_close_timeout=COMPLETE_TIMEOUT,
            retry_policy=ALWAYS_RETRY,
        )
        return passes

    async def _submit_within_budget(self, msg: Submit) -> ActionResult:
        """A first submission to a capped mission starts the journey: admitted only while budget
        is left; one approved at once is a completion, counted under the mission's lock."""
        approve_now = await self._approves_at_once()
        now = workflow.now()
        j = self.journey
        if approve_now:
            admitted = await self._gate(self._completion(j.completions + 1, now, needs_budget=True))
        else:
            admitted = await self._budget_allows_start()
        if not admitted:
            raise budget_spent()
        undo: Undo | None = None if approve_now else self._undo_submission()
        transitions.submitted(j, msg.submission_id, msg.proof, now)
        if approve_now:
            self._decide(approve=True, feedback=None)
            self.settled = j.completions  # the gate above rewarded this completion
            # Rewarded already: a proof that cannot be stored is withheld, the completion stands.
            undo = self._withhold_proof
        return await self._saved(undo if workflow.patched(UNSTORABLE_ACTION) else None)

    def _undo_submission(self) -> Undo:
        """What undoes the submission about to be made (its proof could not be stored)."""
        j = self.journey
        before, pending_since = j.submission, j.pending_since

        def undo() -> Exception | None:
            transitions.submission_restored(j, before, pending_since)
            return self._unstorable_refusal("proof")

        return undo

    def _withhold_proof(self) -> None:
        """The approved submission's proof cannot be stored: it is kept out of the journey."""
        transitions.proof_withheld(self.journey)

    def _undo_review(self, msg: Review) -> Undo:
        """What repairs a decision whose feedback cannot be stored: a decline is undone (the
        submission waits again) and refused; an approval stands (its reward may be paid already)
        with the feedback withheld."""
        j = self.journey
        before, pending_since = j.submission, j.pending_since

        def undo() -> Exception | None:
            if msg.approve:
                transitions.feedback_withheld(j)
                return None
            transitions.submission_restored(j, before, pending_since)
            return self._unstorable_refusal("feedback")

        return undo

    def _decide(self, *, approve: bool, feedback: str | None) -> None:
        transitions.submission_decided(self.ctx, self.journey, approve=approve, feedback=feedback, at=workflow.now())

"""The mission lint: `POST /v1/missions/lint` — findings for a spec, or for the whole live catalogue."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from api.deps import Admin, Conn, MissionsDep
from api.errors import error_responses
from api.strict import JsonBody
from services.lint import Finding
from services.missions import MissionSpec

#: Declared before the mission routes (`api/app.py`): `/v1/missions/lint` is no mission id.
router = APIRouter(prefix="/v1/missions", tags=["missions"])


class LintFinding(BaseModel):
    """One problem the lint found in a mission spec."""

    severity: Literal["error", "warning"] = Field(
        description="`error`: the mission cannot work as written (an activation refuses it unless forced); "
        "`warning`: it works, probably not as meant."
    )
    code: str = Field(description="Stable code of the rule (e.g. `unlock_cycle`, `amount_ranges_overlap`).")
    field: str = Field(description="The spec path it is about (`unlock.after_missions.0`, `time_to_complete`).")
    message: str = Field(description="A sentence for the operator.")
    missions: list[str] = Field(description="Ids of the missions involved (the linted one first, when it has one).")

    @classmethod
    def of(cls, finding: Finding) -> LintFinding:
        """The API form of a finding."""
        return cls.model_validate(finding.as_json())


class LintReport(BaseModel):
    """The lint's findings, errors first."""

    findings: list[LintFinding]


DESCRIPTION = """Lints a mission spec (the body `POST /v1/missions` takes) as if it were activated
now, among the live catalogue; with no body (or `null`), lints every active mission. Nothing is
stored. With `mission_id`, the spec is a version of that stored mission (the console's edit form):
its own entry in the catalogue is replaced, so prerequisite cycles through it and its place among
other missions' amount ranges are found.

Errors (an activation refuses them with 422 `lint_failed` unless `{"force": true}`):
`unlock_cycle`, `prerequisite_missing`, `tier_not_found`, `segment_not_found`,
`no_cycle_before_end` (a recurring mission whose `end_at` comes before its first reset),
`streak_exceeds_window` (more periods than the window, `time_to_complete` or a cycle spans),
`budget_below_reward` (a points cap below one reward), `social_check_cadence` (the time a user
has is shorter than the social check's initial delay).

Warnings: `prerequisite_draft`, `prerequisite_archived`, `end_in_past`,
`time_to_complete_exceeds_window`, `time_to_complete_exceeds_cycle`, `amount_ranges_overlap` (two
live missions' `amount_min`..`amount_max` ranges on one event type and tag filter overlap: one
event pays both), `amount_ranges_gap` (values between them pay nothing), `event_type_unused` (no
event of the type arrived in the last 30 days: a typo?), `reset_in_dst_gap` (a calendar reset's
local midnight does not exist in the time zone on a DST change), `social_check_cadence` (shorter
than one check with its retries)."""


@router.post(
    "/lint",
    response_model=LintReport,
    responses={**error_responses(401, 403), **error_responses(404, 422)},
    description=DESCRIPTION,
    summary="Lint a mission spec, or the live catalogue",
)
async def lint_missions(
    conn: Conn,
    _: Admin,
    missions: MissionsDep,
    body: JsonBody[MissionSpec | None] = None,
    mission_id: Annotated[
        str | None, Query(max_length=200, description="The stored mission the spec is a version of")
    ] = None,
) -> LintReport:
    """Findings for a spec, or for the whole live catalogue."""
    findings = await missions.lint(conn, body, mission_id=mission_id)
    return LintReport(findings=[LintFinding.of(f) for f in findings])

"""The mission lint's orchestration: gathers what `domain.lint`'s rules read (the catalogue, the
defined tiers and segments, the event types of the last 30 days, the social check cadence) and
runs them on a spec, a stored mission or the whole live catalogue.

`Missions.activate` (and so a scheduled launch) lints the mission it activates: errors refuse the
activation (422 `lint_failed`, the findings in `details`) unless forced; warnings are returned.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from db import lint as repo
from db.engine import Conn
from domain.errors import Invalid
from domain.lint import (
    RECENT_EVENTS,
    Cadence,
    Finding,
    LintContext,
    errors_of,
    event_types_of,
    lint_catalogue,
    lint_spec,
    prerequisites_of,
)
from domain.missions import Mission, MissionSpec
from settings import Settings

__all__ = ["Cadence", "Finding", "Linter", "refuse_errors"]


def _default(name: str) -> timedelta:
    value = Settings.model_fields[name].default
    assert isinstance(value, timedelta)
    return value


class Linter:
    """Lints specs and the catalogue against the database's current state."""

    def __init__(self, cadence: Cadence | None = None) -> None:
        #: Without settings: the settings' defaults (`social_check_delay`, `social_check_timeout`).
        self.cadence = cadence or Cadence(_default("social_check_delay"), _default("social_check_timeout"))

    @classmethod
    def of(cls, settings: Settings) -> Linter:
        """The linter of a process: the social check cadence its settings give."""
        return cls(Cadence(settings.social_check_delay, settings.social_check_timeout))

    async def context(self, conn: Conn, specs: Iterable[MissionSpec], *, whole: bool = False) -> LintContext:
        """What the rules read for `specs` (every active mission's too with `whole`)."""
        wanted = list(specs)
        now = datetime.now(UTC)
        catalogue = await repo.catalogue(conn, prerequisites_of(wanted))
        if whole:
            wanted += [m.spec for m in catalogue.values()]
            missing = prerequisites_of(wanted) - catalogue.keys()
            if missing:
                catalogue = await repo.catalogue(conn, prerequisites_of(wanted))
        return LintContext(
            catalogue=catalogue,
            tiers=await repo.tier_names(conn),
            segments=await repo.segment_ids(conn),
            recent_events=await repo.recent_event_counts(conn, event_types_of(wanted), now - RECENT_EVENTS),
            cadence=self.cadence,
            now=now,
        )

    async def spec(self, conn: Conn, spec: MissionSpec, *, mission_id: str | None = None) -> list[Finding]:
        """The findings of `spec` as if activated now (`mission_id`: the stored mission it is a version of)."""
        return lint_spec(spec, await self.context(conn, [spec]), mission_id=mission_id)

    async def mission(self, conn: Conn, mission: Mission) -> list[Finding]:
        """The findings of a stored mission, as if activated now."""
        return await self.spec(conn, mission.spec, mission_id=mission.id)

    async def catalogue(self, conn: Conn) -> list[Finding]:
        """The findings of every active operator mission."""
        return lint_catalogue(await self.context(conn, [], whole=True))


def refuse_errors(findings: list[Finding]) -> None:
    """Raises 422 `lint_failed` (every finding in `details`, errors first) when any is an error."""
    errors = errors_of(findings)
    if not errors:
        return
    first = errors[0]
    more = f" (and {len(errors) - 1} more error{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
    raise Invalid(
        "lint_failed",
        f"{first.field}: {first.message}{more}; pass force: true to activate anyway",
        [f.as_json() for f in findings],
    )

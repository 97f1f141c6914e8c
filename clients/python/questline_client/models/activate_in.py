from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime


T = TypeVar("T", bound="ActivateIn")


@_attrs_define
class ActivateIn:
    """Options of an activation (the body is optional: none, `{}` or `null` activate with the defaults).

    Fields may be added (each optional, with a default that keeps today's behaviour).

        Attributes:
            count_events_since (datetime.datetime | None | Unset): Count what users already did: the logged events of the
                mission's type received from this time until the activation are delivered to their journeys, in the order
                received, by a durable job (`backfill_job_id`). 422 naming this field for a mission whose rules cannot take past
                events (opt-in, locked, featured, manual or social goals, streaks; recurring: only the current cycle), a time
                not before the activation, or one more than 366 days before it.
            force (bool | Unset): Activate even when the mission's lint finds errors (`POST /v1/missions/lint`); without it
                such an activation is refused with 422 `lint_failed`. Default: False.
    """

    count_events_since: datetime.datetime | None | Unset = UNSET
    force: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        count_events_since: None | str | Unset
        if isinstance(self.count_events_since, Unset):
            count_events_since = UNSET
        elif isinstance(self.count_events_since, datetime.datetime):
            count_events_since = self.count_events_since.isoformat()
        else:
            count_events_since = self.count_events_since

        force = self.force

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if count_events_since is not UNSET:
            field_dict["count_events_since"] = count_events_since
        if force is not UNSET:
            field_dict["force"] = force

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_count_events_since(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                count_events_since_type_0 = datetime.datetime.fromisoformat(data)

                return count_events_since_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        count_events_since = _parse_count_events_since(d.pop("count_events_since", UNSET))

        force = d.pop("force", UNSET)

        activate_in = cls(
            count_events_since=count_events_since,
            force=force,
        )

        return activate_in

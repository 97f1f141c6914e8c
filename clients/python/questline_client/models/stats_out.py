from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
    from ..models.day_count import DayCount
    from ..models.day_points import DayPoints
    from ..models.funnel_out import FunnelOut
    from ..models.review_queue_out import ReviewQueueOut
    from ..models.social_check_count import SocialCheckCount
    from ..models.totals import Totals


T = TypeVar("T", bound="StatsOut")


@_attrs_define
class StatsOut:
    """Statistics of one mission or of all, over a window, in day buckets of a time zone.

    Attributes:
        completions_per_day (list[DayCount]): Every day of the window, oldest first, zeros included.
        from_ (datetime.datetime): The window's first instant (inclusive).
        funnel (FunnelOut): Journeys (user-mission pairs; for one mission, its users) at each step or a later one.
        mission_id (None | str): The mission, or null for every mission.
        points_per_day (list[DayPoints]): Every day of the window, oldest first, zeros included.
        review_queue (ReviewQueueOut): The manual review queue as it is now (not bounded by the window).
        social_checks (list[SocialCheckCount]): By platform then outcome; only the latest check of each journey is
            stored.
        timezone (str): The IANA time zone of the day buckets.
        to (datetime.datetime): The window's end (exclusive).
        totals (Totals): The window's sums of the per-day series.
    """

    completions_per_day: list[DayCount]
    from_: datetime.datetime
    funnel: FunnelOut
    mission_id: None | str
    points_per_day: list[DayPoints]
    review_queue: ReviewQueueOut
    social_checks: list[SocialCheckCount]
    timezone: str
    to: datetime.datetime
    totals: Totals
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.day_count import DayCount  # noqa: PLC0415
        from ..models.day_points import DayPoints  # noqa: PLC0415
        from ..models.funnel_out import FunnelOut  # noqa: PLC0415
        from ..models.review_queue_out import ReviewQueueOut  # noqa: PLC0415
        from ..models.social_check_count import SocialCheckCount  # noqa: PLC0415
        from ..models.totals import Totals  # noqa: PLC0415

        completions_per_day = []
        for completions_per_day_item_data in self.completions_per_day:
            completions_per_day_item = completions_per_day_item_data.to_dict()
            completions_per_day.append(completions_per_day_item)

        from_ = self.from_.isoformat()

        funnel = self.funnel.to_dict()

        mission_id: None | str
        mission_id = self.mission_id

        points_per_day = []
        for points_per_day_item_data in self.points_per_day:
            points_per_day_item = points_per_day_item_data.to_dict()
            points_per_day.append(points_per_day_item)

        review_queue = self.review_queue.to_dict()

        social_checks = []
        for social_checks_item_data in self.social_checks:
            social_checks_item = social_checks_item_data.to_dict()
            social_checks.append(social_checks_item)

        timezone = self.timezone

        to = self.to.isoformat()

        totals = self.totals.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "completions_per_day": completions_per_day,
                "from": from_,
                "funnel": funnel,
                "mission_id": mission_id,
                "points_per_day": points_per_day,
                "review_queue": review_queue,
                "social_checks": social_checks,
                "timezone": timezone,
                "to": to,
                "totals": totals,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.day_count import DayCount  # noqa: PLC0415
        from ..models.day_points import DayPoints  # noqa: PLC0415
        from ..models.funnel_out import FunnelOut  # noqa: PLC0415
        from ..models.review_queue_out import ReviewQueueOut  # noqa: PLC0415
        from ..models.social_check_count import SocialCheckCount  # noqa: PLC0415
        from ..models.totals import Totals  # noqa: PLC0415

        d = dict(src_dict)
        completions_per_day = []
        _completions_per_day = d.pop("completions_per_day")
        for completions_per_day_item_data in _completions_per_day:
            completions_per_day_item = DayCount.from_dict(completions_per_day_item_data)

            completions_per_day.append(completions_per_day_item)

        from_ = datetime.datetime.fromisoformat(d.pop("from"))

        funnel = FunnelOut.from_dict(d.pop("funnel"))

        def _parse_mission_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        mission_id = _parse_mission_id(d.pop("mission_id"))

        points_per_day = []
        _points_per_day = d.pop("points_per_day")
        for points_per_day_item_data in _points_per_day:
            points_per_day_item = DayPoints.from_dict(points_per_day_item_data)

            points_per_day.append(points_per_day_item)

        review_queue = ReviewQueueOut.from_dict(d.pop("review_queue"))

        social_checks = []
        _social_checks = d.pop("social_checks")
        for social_checks_item_data in _social_checks:
            social_checks_item = SocialCheckCount.from_dict(social_checks_item_data)

            social_checks.append(social_checks_item)

        timezone = d.pop("timezone")

        to = datetime.datetime.fromisoformat(d.pop("to"))

        totals = Totals.from_dict(d.pop("totals"))

        stats_out = cls(
            completions_per_day=completions_per_day,
            from_=from_,
            funnel=funnel,
            mission_id=mission_id,
            points_per_day=points_per_day,
            review_queue=review_queue,
            social_checks=social_checks,
            timezone=timezone,
            to=to,
            totals=totals,
        )

        stats_out.additional_properties = d
        return stats_out

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

"""Contains all the data models used in inputs/outputs"""

from .accepted import Accepted
from .action_button import ActionButton
from .activate_in import ActivateIn
from .activated_mission import ActivatedMission
from .approval import Approval
from .approval_mode import ApprovalMode
from .attribute_condition import AttributeCondition
from .attribute_condition_op import AttributeConditionOp
from .backtest_in import BacktestIn
from .backtest_out import BacktestOut
from .backtest_progress import BacktestProgress
from .backtest_result import BacktestResult
from .batch_accepted import BatchAccepted
from .broadcast import Broadcast
from .broadcast_in import BroadcastIn
from .broadcast_list import BroadcastList
from .broadcast_status import BroadcastStatus
from .bucket import Bucket
from .budget_cap import BudgetCap
from .callback import Callback
from .callback_list import CallbackList
from .callback_payload import CallbackPayload
from .callback_status import CallbackStatus
from .category_count import CategoryCount
from .category_in import CategoryIn
from .category_out import CategoryOut
from .challenge_config import ChallengeConfig
from .challenge_config_reward_period import ChallengeConfigRewardPeriod
from .challenge_in import ChallengeIn
from .challenge_in_kind import ChallengeInKind
from .challenge_in_period_type_0 import ChallengeInPeriodType0
from .challenge_limits import ChallengeLimits
from .challenge_limits_periods_item import ChallengeLimitsPeriodsItem
from .challenge_progress import ChallengeProgress
from .challenge_target import ChallengeTarget
from .challenge_view import ChallengeView
from .challenge_view_kind import ChallengeViewKind
from .challenge_view_period_type_0 import ChallengeViewPeriodType0
from .challenge_view_status import ChallengeViewStatus
from .challenge_views import ChallengeViews
from .channel_in import ChannelIn
from .channel_in_events_item import ChannelInEventsItem
from .channel_in_kind import ChannelInKind
from .channel_list import ChannelList
from .channel_row import ChannelRow
from .channel_row_events_item import ChannelRowEventsItem
from .channel_row_kind import ChannelRowKind
from .day_count import DayCount
from .day_figures import DayFigures
from .day_points import DayPoints
from .decline import Decline
from .delivery_list import DeliveryList
from .delivery_row import DeliveryRow
from .delivery_row_event import DeliveryRowEvent
from .delivery_row_kind import DeliveryRowKind
from .delivery_row_status import DeliveryRowStatus
from .delivery_row_values import DeliveryRowValues
from .entry import Entry
from .error_body import ErrorBody
from .error_detail import ErrorDetail
from .event_batch import EventBatch
from .event_body import EventBody
from .event_body_attributes import EventBodyAttributes
from .event_goal import EventGoal
from .event_goal_tag_match import EventGoalTagMatch
from .event_goal_view import EventGoalView
from .event_type_out import EventTypeOut
from .event_type_out_attributes import EventTypeOutAttributes
from .event_types import EventTypes
from .explanation import Explanation
from .explanation_reasons import ExplanationReasons
from .fanout import Fanout
from .fanout_kind import FanoutKind
from .fanout_list import FanoutList
from .fanout_status import FanoutStatus
from .freezes import Freezes
from .funnel_out import FunnelOut
from .get_template_v1_notifications_templates_event_get_event import GetTemplateV1NotificationsTemplatesEventGetEvent
from .grant_job_list import GrantJobList
from .grant_job_listed import GrantJobListed
from .grant_job_listed_kind import GrantJobListedKind
from .grant_job_listed_status import GrantJobListedStatus
from .grant_job_out import GrantJobOut
from .grant_job_out_status import GrantJobOutStatus
from .health import Health
from .health_checks import HealthChecks
from .health_status import HealthStatus
from .image_list import ImageList
from .image_out import ImageOut
from .image_out_slot import ImageOutSlot
from .image_upload import ImageUpload
from .images import Images
from .inbox import Inbox
from .inbox_item import InboxItem
from .item_change import ItemChange
from .item_in import ItemIn
from .item_in_kind import ItemInKind
from .item_list import ItemList
from .item_out import ItemOut
from .item_patch import ItemPatch
from .journey_summary import JourneySummary
from .launch_in import LaunchIn
from .leaderboard_in import LeaderboardIn
from .leaderboard_in_kind import LeaderboardInKind
from .leaderboard_in_period import LeaderboardInPeriod
from .leaderboard_in_week_starts import LeaderboardInWeekStarts
from .leaderboard_out import LeaderboardOut
from .leaderboard_out_kind import LeaderboardOutKind
from .leaderboard_out_period import LeaderboardOutPeriod
from .leaderboard_out_status import LeaderboardOutStatus
from .leaderboard_out_week_starts import LeaderboardOutWeekStarts
from .ledger_entry import LedgerEntry
from .link_audience_in import LinkAudienceIn
from .link_out import LinkOut
from .link_out_audience_source import LinkOutAudienceSource
from .link_resolution import LinkResolution
from .lint_finding import LintFinding
from .lint_finding_severity import LintFindingSeverity
from .lint_report import LintReport
from .list_broadcasts_v1_broadcasts_get_status_type_0 import ListBroadcastsV1BroadcastsGetStatusType0
from .list_callbacks_v1_callbacks_get_status_type_0 import ListCallbacksV1CallbacksGetStatusType0
from .list_callbacks_v1_callbacks_get_type_type_0 import ListCallbacksV1CallbacksGetTypeType0
from .list_deliveries_v1_notifications_deliveries_get_event_type_0 import (
    ListDeliveriesV1NotificationsDeliveriesGetEventType0,
)
from .list_deliveries_v1_notifications_deliveries_get_status_type_0 import (
    ListDeliveriesV1NotificationsDeliveriesGetStatusType0,
)
from .list_leaderboards_v1_leaderboards_get_status_type_0 import ListLeaderboardsV1LeaderboardsGetStatusType0
from .list_missions_v1_me_missions_get_tab_type_0 import ListMissionsV1MeMissionsGetTabType0
from .list_missions_v1_missions_get_status_type_0 import ListMissionsV1MissionsGetStatusType0
from .list_missions_v1_users_user_id_missions_get_tab_type_0 import ListMissionsV1UsersUserIdMissionsGetTabType0
from .list_segments_v1_segments_get_kind_type_0 import ListSegmentsV1SegmentsGetKindType0
from .list_submissions_v1_submissions_get_status_type_0 import ListSubmissionsV1SubmissionsGetStatusType0
from .manual_goal import ManualGoal
from .manual_goal_proof_item import ManualGoalProofItem
from .manual_goal_view import ManualGoalView
from .manual_goal_view_proof_item import ManualGoalViewProofItem
from .members import Members
from .mission_deletion import MissionDeletion
from .mission_deletion_status import MissionDeletionStatus
from .mission_deletion_step import MissionDeletionStep
from .mission_ids import MissionIds
from .mission_list_item import MissionListItem
from .mission_list_item_kind_type_0 import MissionListItemKindType0
from .mission_list_page import MissionListPage
from .mission_out import MissionOut
from .mission_patch import MissionPatch
from .mission_spec import MissionSpec
from .mission_status import MissionStatus
from .mission_type import MissionType
from .mission_view import MissionView
from .mission_view_action_button_type_0 import MissionViewActionButtonType0
from .mission_view_chips_item import MissionViewChipsItem
from .mission_view_images_type_0 import MissionViewImagesType0
from .mission_views import MissionViews
from .my_leaderboard import MyLeaderboard
from .my_leaderboard_kind import MyLeaderboardKind
from .my_leaderboard_summary import MyLeaderboardSummary
from .my_leaderboard_summary_kind import MyLeaderboardSummaryKind
from .my_leaderboard_summary_period import MyLeaderboardSummaryPeriod
from .named import Named
from .not_completed import NotCompleted
from .outcomes import Outcomes
from .owed import Owed
from .owed_list import OwedList
from .owed_rewards_v1_items_item_id_owed_get_status import OwedRewardsV1ItemsItemIdOwedGetStatus
from .period_out import PeriodOut
from .preview_in import PreviewIn
from .preview_in_values import PreviewInValues
from .preview_out import PreviewOut
from .preview_template_v1_notifications_templates_event_preview_post_event import (
    PreviewTemplateV1NotificationsTemplatesEventPreviewPostEvent,
)
from .profile_in import ProfileIn
from .profile_in_attributes import ProfileInAttributes
from .profile_in_social import ProfileInSocial
from .profile_out import ProfileOut
from .profile_out_attributes import ProfileOutAttributes
from .profile_out_social import ProfileOutSocial
from .progress_view import ProgressView
from .proof_in import ProofIn
from .proof_in_kind import ProofInKind
from .proof_in_value_type_1 import ProofInValueType1
from .proof_upload import ProofUpload
from .proof_upload_kind import ProofUploadKind
from .public_mission import PublicMission
from .public_mission_action_button_type_0 import PublicMissionActionButtonType0
from .public_mission_images_type_0 import PublicMissionImagesType0
from .put_template_v1_notifications_templates_event_put_event import PutTemplateV1NotificationsTemplatesEventPutEvent
from .quest_in import QuestIn
from .quest_out import QuestOut
from .quest_out_reward_type_0 import QuestOutRewardType0
from .quest_view import QuestView
from .quest_view_reward_type_0 import QuestViewRewardType0
from .quest_view_status import QuestViewStatus
from .quest_views import QuestViews
from .recurrence import Recurrence
from .recurrence_weekdays_type_0_item import RecurrenceWeekdaysType0Item
from .referral_in import ReferralIn
from .referral_list import ReferralList
from .referral_out import ReferralOut
from .repair_counts import RepairCounts
from .repair_user import RepairUser
from .repair_user_after_type_0 import RepairUserAfterType0
from .repair_user_before_type_0 import RepairUserBeforeType0
from .repair_user_outcome import RepairUserOutcome
from .replay_summary import ReplaySummary
from .reset_template_v1_notifications_templates_event_delete_event import (
    ResetTemplateV1NotificationsTemplatesEventDeleteEvent,
)
from .review_queue_out import ReviewQueueOut
from .revision_out import RevisionOut
from .revision_out_spec import RevisionOutSpec
from .reward import Reward
from .scheduled_launch import ScheduledLaunch
from .segment import Segment
from .segment_grant_in import SegmentGrantIn
from .segment_in import SegmentIn
from .segment_kind import SegmentKind
from .segment_patch import SegmentPatch
from .segment_rule import SegmentRule
from .segment_rule_type_0 import SegmentRuleType0
from .send_update_in import SendUpdateIn
from .send_update_out import SendUpdateOut
from .social_check_count import SocialCheckCount
from .social_goal import SocialGoal
from .social_goal_action import SocialGoalAction
from .social_goal_platform import SocialGoalPlatform
from .social_goal_view import SocialGoalView
from .social_goal_view_action import SocialGoalViewAction
from .social_goal_view_platform import SocialGoalViewPlatform
from .standings import Standings
from .state_change import StateChange
from .state_change_details import StateChangeDetails
from .state_change_kind import StateChangeKind
from .stats_out import StatsOut
from .streak import Streak
from .streak_freeze_in import StreakFreezeIn
from .streak_freeze_out import StreakFreezeOut
from .streak_period import StreakPeriod
from .streak_repair_in import StreakRepairIn
from .streak_repair_list import StreakRepairList
from .streak_repair_out import StreakRepairOut
from .streak_repair_out_status import StreakRepairOutStatus
from .streak_repair_users import StreakRepairUsers
from .streak_status import StreakStatus
from .streak_time_zone import StreakTimeZone
from .streak_view import StreakView
from .streak_view_period import StreakViewPeriod
from .submission import Submission
from .submission_in import SubmissionIn
from .submission_list import SubmissionList
from .submission_proof import SubmissionProof
from .submission_row import SubmissionRow
from .submission_row_proof import SubmissionRowProof
from .survey_question import SurveyQuestion
from .survey_question_view import SurveyQuestionView
from .tab import Tab
from .template_in import TemplateIn
from .template_out import TemplateOut
from .template_out_event import TemplateOutEvent
from .template_out_placeholders import TemplateOutPlaceholders
from .tier import Tier
from .tiers import Tiers
from .timeline_event import TimelineEvent
from .timeline_event_verdict import TimelineEventVerdict
from .timer import Timer
from .timer_kind import TimerKind
from .today_progress import TodayProgress
from .token_in import TokenIn
from .token_out import TokenOut
from .totals import Totals
from .trigger import Trigger
from .unlock import Unlock
from .upload import Upload
from .upload_errors_item import UploadErrorsItem
from .upload_image_v1_missions_mission_id_images_post_slot import UploadImageV1MissionsMissionIdImagesPostSlot
from .user_categories import UserCategories
from .user_ids import UserIds
from .user_journey import UserJourney
from .user_journey_list import UserJourneyList
from .user_outcome import UserOutcome
from .user_outcome_error_type_0 import UserOutcomeErrorType0
from .verification import Verification
from .verification_status import VerificationStatus
from .wallet import Wallet
from .widget_opened import WidgetOpened

__all__ = (
    "Accepted",
    "ActionButton",
    "ActivatedMission",
    "ActivateIn",
    "Approval",
    "ApprovalMode",
    "AttributeCondition",
    "AttributeConditionOp",
    "BacktestIn",
    "BacktestOut",
    "BacktestProgress",
    "BacktestResult",
    "BatchAccepted",
    "Broadcast",
    "BroadcastIn",
    "BroadcastList",
    "BroadcastStatus",
    "Bucket",
    "BudgetCap",
    "Callback",
    "CallbackList",
    "CallbackPayload",
    "CallbackStatus",
    "CategoryCount",
    "CategoryIn",
    "CategoryOut",
    "ChallengeConfig",
    "ChallengeConfigRewardPeriod",
    "ChallengeIn",
    "ChallengeInKind",
    "ChallengeInPeriodType0",
    "ChallengeLimits",
    "ChallengeLimitsPeriodsItem",
    "ChallengeProgress",
    "ChallengeTarget",
    "ChallengeView",
    "ChallengeViewKind",
    "ChallengeViewPeriodType0",
    "ChallengeViews",
    "ChallengeViewStatus",
    "ChannelIn",
    "ChannelInEventsItem",
    "ChannelInKind",
    "ChannelList",
    "ChannelRow",
    "ChannelRowEventsItem",
    "ChannelRowKind",
    "DayCount",
    "DayFigures",
    "DayPoints",
    "Decline",
    "DeliveryList",
    "DeliveryRow",
    "DeliveryRowEvent",
    "DeliveryRowKind",
    "DeliveryRowStatus",
    "DeliveryRowValues",
    "Entry",
    "ErrorBody",
    "ErrorDetail",
    "EventBatch",
    "EventBody",
    "EventBodyAttributes",
    "EventGoal",
    "EventGoalTagMatch",
    "EventGoalView",
    "EventTypeOut",
    "EventTypeOutAttributes",
    "EventTypes",
    "Explanation",
    "ExplanationReasons",
    "Fanout",
    "FanoutKind",
    "FanoutList",
    "FanoutStatus",
    "Freezes",
    "FunnelOut",
    "GetTemplateV1NotificationsTemplatesEventGetEvent",
    "GrantJobList",
    "GrantJobListed",
    "GrantJobListedKind",
    "GrantJobListedStatus",
    "GrantJobOut",
    "GrantJobOutStatus",
    "Health",
    "HealthChecks",
    "HealthStatus",
    "ImageList",
    "ImageOut",
    "ImageOutSlot",
    "Images",
    "ImageUpload",
    "Inbox",
    "InboxItem",
    "ItemChange",
    "ItemIn",
    "ItemInKind",
    "ItemList",
    "ItemOut",
    "ItemPatch",
    "JourneySummary",
    "LaunchIn",
    "LeaderboardIn",
    "LeaderboardInKind",
    "LeaderboardInPeriod",
    "LeaderboardInWeekStarts",
    "LeaderboardOut",
    "LeaderboardOutKind",
    "LeaderboardOutPeriod",
    "LeaderboardOutStatus",
    "LeaderboardOutWeekStarts",
    "LedgerEntry",
    "LinkAudienceIn",
    "LinkOut",
    "LinkOutAudienceSource",
    "LinkResolution",
    "LintFinding",
    "LintFindingSeverity",
    "LintReport",
    "ListBroadcastsV1BroadcastsGetStatusType0",
    "ListCallbacksV1CallbacksGetStatusType0",
    "ListCallbacksV1CallbacksGetTypeType0",
    "ListDeliveriesV1NotificationsDeliveriesGetEventType0",
    "ListDeliveriesV1NotificationsDeliveriesGetStatusType0",
    "ListLeaderboardsV1LeaderboardsGetStatusType0",
    "ListMissionsV1MeMissionsGetTabType0",
    "ListMissionsV1MissionsGetStatusType0",
    "ListMissionsV1UsersUserIdMissionsGetTabType0",
    "ListSegmentsV1SegmentsGetKindType0",
    "ListSubmissionsV1SubmissionsGetStatusType0",
    "ManualGoal",
    "ManualGoalProofItem",
    "ManualGoalView",
    "ManualGoalViewProofItem",
    "Members",
    "MissionDeletion",
    "MissionDeletionStatus",
    "MissionDeletionStep",
    "MissionIds",
    "MissionListItem",
    "MissionListItemKindType0",
    "MissionListPage",
    "MissionOut",
    "MissionPatch",
    "MissionSpec",
    "MissionStatus",
    "MissionType",
    "MissionView",
    "MissionViewActionButtonType0",
    "MissionViewChipsItem",
    "MissionViewImagesType0",
    "MissionViews",
    "MyLeaderboard",
    "MyLeaderboardKind",
    "MyLeaderboardSummary",
    "MyLeaderboardSummaryKind",
    "MyLeaderboardSummaryPeriod",
    "Named",
    "NotCompleted",
    "Outcomes",
    "Owed",
    "OwedList",
    "OwedRewardsV1ItemsItemIdOwedGetStatus",
    "PeriodOut",
    "PreviewIn",
    "PreviewInValues",
    "PreviewOut",
    "PreviewTemplateV1NotificationsTemplatesEventPreviewPostEvent",
    "ProfileIn",
    "ProfileInAttributes",
    "ProfileInSocial",
    "ProfileOut",
    "ProfileOutAttributes",
    "ProfileOutSocial",
    "ProgressView",
    "ProofIn",
    "ProofInKind",
    "ProofInValueType1",
    "ProofUpload",
    "ProofUploadKind",
    "PublicMission",
    "PublicMissionActionButtonType0",
    "PublicMissionImagesType0",
    "PutTemplateV1NotificationsTemplatesEventPutEvent",
    "QuestIn",
    "QuestOut",
    "QuestOutRewardType0",
    "QuestView",
    "QuestViewRewardType0",
    "QuestViews",
    "QuestViewStatus",
    "Recurrence",
    "RecurrenceWeekdaysType0Item",
    "ReferralIn",
    "ReferralList",
    "ReferralOut",
    "RepairCounts",
    "RepairUser",
    "RepairUserAfterType0",
    "RepairUserBeforeType0",
    "RepairUserOutcome",
    "ReplaySummary",
    "ResetTemplateV1NotificationsTemplatesEventDeleteEvent",
    "ReviewQueueOut",
    "RevisionOut",
    "RevisionOutSpec",
    "Reward",
    "ScheduledLaunch",
    "Segment",
    "SegmentGrantIn",
    "SegmentIn",
    "SegmentKind",
    "SegmentPatch",
    "SegmentRule",
    "SegmentRuleType0",
    "SendUpdateIn",
    "SendUpdateOut",
    "SocialCheckCount",
    "SocialGoal",
    "SocialGoalAction",
    "SocialGoalPlatform",
    "SocialGoalView",
    "SocialGoalViewAction",
    "SocialGoalViewPlatform",
    "Standings",
    "StateChange",
    "StateChangeDetails",
    "StateChangeKind",
    "StatsOut",
    "Streak",
    "StreakFreezeIn",
    "StreakFreezeOut",
    "StreakPeriod",
    "StreakRepairIn",
    "StreakRepairList",
    "StreakRepairOut",
    "StreakRepairOutStatus",
    "StreakRepairUsers",
    "StreakStatus",
    "StreakTimeZone",
    "StreakView",
    "StreakViewPeriod",
    "Submission",
    "SubmissionIn",
    "SubmissionList",
    "SubmissionProof",
    "SubmissionRow",
    "SubmissionRowProof",
    "SurveyQuestion",
    "SurveyQuestionView",
    "Tab",
    "TemplateIn",
    "TemplateOut",
    "TemplateOutEvent",
    "TemplateOutPlaceholders",
    "Tier",
    "Tiers",
    "TimelineEvent",
    "TimelineEventVerdict",
    "Timer",
    "TimerKind",
    "TodayProgress",
    "TokenIn",
    "TokenOut",
    "Totals",
    "Trigger",
    "Unlock",
    "Upload",
    "UploadErrorsItem",
    "UploadImageV1MissionsMissionIdImagesPostSlot",
    "UserCategories",
    "UserIds",
    "UserJourney",
    "UserJourneyList",
    "UserOutcome",
    "UserOutcomeErrorType0",
    "Verification",
    "VerificationStatus",
    "Wallet",
    "WidgetOpened",
)

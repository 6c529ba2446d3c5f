"""Models of the groups app (organisations, GT/SGT pages, canevas pages, meetings, access)."""

from .access import GroupAccess
from .canevas import (
    ActivityStatus,
    AnnualReviewPage,
    CapacityBuildingAction,
    CapacityBuildingPage,
    GroupChildPage,
    GroupNewsPage,
    JointMission,
    JointMissionsCalendarPage,
    MissionKind,
    TermsOfReferencePage,
    WorkProgrammeActivity,
    WorkProgrammePage,
)
from .groups import (
    BaseGroupPage,
    GroupFocalPoint,
    GroupIndexPage,
    GroupMembership,
    GroupStatus,
    SubGroupPage,
    ThematicGroupPage,
)
from .meetings import MeetingAttendance, MeetingPage
from .organisations import Organisation, OrganisationFamily

__all__ = [
    "ActivityStatus",
    "AnnualReviewPage",
    "BaseGroupPage",
    "CapacityBuildingAction",
    "CapacityBuildingPage",
    "GroupAccess",
    "GroupChildPage",
    "GroupFocalPoint",
    "GroupIndexPage",
    "GroupMembership",
    "GroupNewsPage",
    "GroupStatus",
    "JointMission",
    "JointMissionsCalendarPage",
    "MeetingAttendance",
    "MeetingPage",
    "MissionKind",
    "Organisation",
    "OrganisationFamily",
    "SubGroupPage",
    "TermsOfReferencePage",
    "ThematicGroupPage",
    "WorkProgrammeActivity",
    "WorkProgrammePage",
]

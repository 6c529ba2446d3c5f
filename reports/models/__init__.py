"""Models of the reports app: the PTF work programme and its priority themes, quarterly reports."""

from .quarterly import QuarterlyReportPage
from .workprogramme import (
    CoordinationMeeting,
    CoordinationMeetingKind,
    PriorityTheme,
    PTFWorkProgrammePage,
)

__all__ = [
    "CoordinationMeeting",
    "CoordinationMeetingKind",
    "PTFWorkProgrammePage",
    "PriorityTheme",
    "QuarterlyReportPage",
]

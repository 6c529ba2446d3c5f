"""Models of the training app (pages, sessions, progress, handouts)."""

from .handouts import Handout
from .modules import Audience, Level, TrainingIndexPage, TrainingModulePage
from .progress import LessonProgress
from .sessions import Attendance, SessionParticipant, TrainingSessionPage
from .trainees import TraineeAccount

__all__ = [
    "Attendance",
    "Audience",
    "Handout",
    "LessonProgress",
    "Level",
    "SessionParticipant",
    "TraineeAccount",
    "TrainingIndexPage",
    "TrainingModulePage",
    "TrainingSessionPage",
]

"""Reporting periods: a calendar year (``2026``) or a quarter (``2026-Q3``).

``Period.parse`` is the one reader of a period typed by a user (command line, admin query
string); it raises ``PeriodError`` with a message fit for the user, never anything else.
No SQL.
"""

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

PERIOD_RE = re.compile(r"^\s*(\d{4})(?:\s*[-/ ]?\s*[QqTt]([1-4]))?\s*$")


class PeriodError(ValueError):
    """A period that cannot be used; ``str(error)`` is the message for the user."""


@dataclass(frozen=True)
class Period:
    year: int
    quarter: int | None = None

    @classmethod
    def parse(cls, text):
        """``2026``, ``2026-Q3`` (also ``2026Q3``, ``2026-T3`` in French) → Period."""
        match = PERIOD_RE.match(text or "")
        if not match:
            raise PeriodError(
                _("“%(value)s” is not a period: write a year (2026) or a quarter (2026-Q3).")
                % {"value": (text or "")[:40]}
            )
        year = int(match.group(1))
        if not 2000 <= year <= 2100:
            raise PeriodError(_("The year must be between 2000 and 2100."))
        quarter = int(match.group(2)) if match.group(2) else None
        return cls(year, quarter)

    @classmethod
    def current_quarter(cls, today=None):
        today = today or timezone.localdate()
        return cls(today.year, (today.month - 1) // 3 + 1)

    @classmethod
    def last_complete_quarter(cls, today=None):
        current = cls.current_quarter(today)
        return current.previous()

    def previous(self):
        if self.quarter is None:
            return Period(self.year - 1)
        if self.quarter == 1:
            return Period(self.year - 1, 4)
        return Period(self.year, self.quarter - 1)

    @property
    def start(self):
        month = 1 if self.quarter is None else 3 * (self.quarter - 1) + 1
        return datetime.date(self.year, month, 1)

    @property
    def end(self):
        """The last day of the period (inclusive)."""
        if self.quarter is None or self.quarter == 4:
            return datetime.date(self.year, 12, 31)
        return datetime.date(self.year, 3 * self.quarter + 1, 1) - datetime.timedelta(days=1)

    def bounds(self):
        """Aware datetimes [start, end) in the site's time zone, for DateTimeField filters."""
        begin = timezone.make_aware(datetime.datetime.combine(self.start, datetime.time.min))
        finish = timezone.make_aware(
            datetime.datetime.combine(self.end + datetime.timedelta(days=1), datetime.time.min)
        )
        return begin, finish

    def is_future(self, today=None):
        """True when the period has not started yet."""
        return self.start > (today or timezone.localdate())

    def is_over(self, today=None):
        return self.end < (today or timezone.localdate())

    @property
    def code(self):
        return str(self.year) if self.quarter is None else f"{self.year}-Q{self.quarter}"

    @property
    def label(self):
        """“Q3 2026” / “T3 2026” (translated), or the year."""
        if self.quarter is None:
            return str(self.year)
        return _("Q%(quarter)s %(year)s") % {"quarter": self.quarter, "year": self.year}

    def __str__(self):
        return self.code

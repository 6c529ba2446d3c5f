"""The preview of an IATI XML upload as JSON values: computed by a background job
(``tasks.preview_iati_upload``), stored as its ``Job.result``, shown by the admin's preview
page (``import_views.PreviewView``).

- :func:`summarise`: validate, parse and plan a file — what importing it would create, update,
  reject or upgrade — into a compact summary (never the parsed records): the plan's rows (one
  per activity or organisation, empty values left out), the first ``ACCEPTED_SHOWN`` accepted
  problems and the first ``REJECTED_SHOWN`` rejected ones with their counts, the upgraded
  versions. Raises ``ImportRefused`` like ``preview_file``. Progress, through
  ``progress(done, total=None, message=None)`` (a ``JobHandle``'s): bytes read while the file
  is validated, then activities read and planned.
- :func:`refusal`: the summary of the reasons a file is refused (first ``REFUSED_SHOWN``).
- :func:`load`: either summary back into what the page's template reads (``ImportPlan`` and
  ``Problem`` objects); messages are translated when shown, in the reader's language.

Memory: one chunk of activity records (``bulk.CHUNK``) at a time, plus the plan's rows and the
validation report. SQL: ``writer.plan``'s for each chunk (the existing activities, one count
per part relation, the reporting organisations); :func:`load` none.
"""

from __future__ import annotations

import os
from dataclasses import asdict

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from iati_publisher.validation import Problem

from . import bulk
from . import records as r
from .parser import parse_file
from .writer import ActivityChange, ImportPlan, OrganisationChange, plan

ACCEPTED_SHOWN = 100
REJECTED_SHOWN = 200
REFUSED_SHOWN = 200
MSG_UNREADABLE_UPLOAD = gettext_noop(
    "The file cannot be read as an IATI XML file or a spreadsheet."
)
_SCALARS = (str, int, float, bool, type(None))
_OPTIONAL = {"params": {}, "line": None, "xpath": "", "activity": ""}


def problem_dict(problem: Problem) -> dict:
    data = asdict(problem)
    data["params"] = {
        k: v if isinstance(v, _SCALARS) else str(v) for k, v in data["params"].items()
    }
    return {k: v for k, v in data.items() if k not in _OPTIONAL or v != _OPTIONAL[k]}


def problem_from(data: dict) -> Problem:
    return Problem(**{**_OPTIONAL, "params": {}, **data})


def _change_dict(change: ActivityChange) -> dict:
    data = {
        "identifier": change.identifier,
        "title": change.title,
        "action": change.action,
        "line": change.line,
        "changed_fields": change.changed_fields,
        "counts": {k: list(v) for k, v in change.changed_counts.items()},  # only those that change
        "kept_languages": change.kept_languages,
    }
    return {k: v for k, v in data.items() if v or k in ("identifier", "title", "action")}


def _change_from(data: dict) -> ActivityChange:
    counts = {k: tuple(v) for k, v in data.get("counts", {}).items()}
    return ActivityChange(reporting_org="", **{**data, "counts": counts})


class _Reading:
    """A binary file that reports how far it is read (``report(position)``) while set."""

    def __init__(self, handle, report=None):
        self.handle, self.report = handle, report

    def read(self, size=-1):
        data = self.handle.read(size)
        if self.report is not None:
            self.report(self.handle.tell())
        return data

    def seek(self, offset, whence=os.SEEK_SET):
        return self.handle.seek(offset, whence)

    def tell(self):
        return self.handle.tell()


class _PlanningSink:
    """``parse_file`` sink: plans each chunk of activities as it is read, keeps the rows."""

    size = bulk.CHUNK

    def __init__(self, progress, reading):
        self.progress, self.reading = progress, reading
        self.changes, self.new_orgs, self.planned = [], {}, 0
        self._total = None

    @property
    def total(self):
        return self._total

    @total.setter
    def total(self, value):  # set by parse_file once the file is validated
        self._total = value
        self.reading.report = None
        self.progress(0, value, _("Reading the activities"))

    def __call__(self, records):
        chunk = plan(r.ParsedFile(version="", activities=records))
        self.changes.extend(_change_dict(change) for change in chunk.changes)
        self.new_orgs.update(dict.fromkeys(chunk.new_reporting_orgs))
        self.planned += len(records)
        self.progress(self.planned)


def _no_progress(done, total=None, message=None):
    return None


def summarise(path, progress=_no_progress) -> dict:
    """The summary of what importing the IATI file at ``path`` would do (writes nothing)."""
    with open(path, "rb") as handle:
        reading = _Reading(handle, progress)
        progress(0, os.fstat(handle.fileno()).st_size, _("Validating the file"))
        sink = _PlanningSink(progress, reading)
        parsed = parse_file(reading, sink=sink)
    organisations = []
    if parsed.organisations:  # an organisation file: the sink got nothing
        organisations = [asdict(change) for change in plan(parsed).organisations]
    rejected = parsed.rejected_problems
    blocking = {id(p) for p in rejected}
    accepted = [p for p in parsed.report.sorted_problems() if id(p) not in blocking]
    return {
        "plan": {
            "changes": sink.changes,
            "new_reporting_orgs": list(sink.new_orgs),
            "organisations": organisations,
        },
        "accepted": [problem_dict(p) for p in accepted[:ACCEPTED_SHOWN]],
        "accepted_count": len(accepted),
        "rejected": [problem_dict(p) for p in rejected[:REJECTED_SHOWN]],
        "rejected_count": len(parsed.rejected),
        "upgraded": sorted([version, count] for version, count in parsed.upgraded.items()),
    }


def refusal(problems) -> dict:
    """The summary of a refused file: its first reasons and how many there are."""
    return {
        "refused": [problem_dict(p) for p in problems[:REFUSED_SHOWN]],
        "refused_count": len(problems),
    }


def unreadable() -> dict:
    return refusal([Problem("error", "file", "file", MSG_UNREADABLE_UPLOAD)])


def load(summary: dict) -> dict:
    """The preview page's context from :func:`summarise`'s or :func:`refusal`'s summary."""
    if "refused" in summary:
        return {
            "problems": [problem_from(p) for p in summary["refused"]],
            "problem_count": summary.get("refused_count"),
        }
    data = summary["plan"]
    return {
        "plan": ImportPlan(
            [_change_from(c) for c in data["changes"]],
            data["new_reporting_orgs"],
            [OrganisationChange(**o) for o in data["organisations"]],
        ),
        "accepted": [problem_from(p) for p in summary["accepted"]],
        "accepted_count": summary["accepted_count"],
        "rejected": [problem_from(p) for p in summary["rejected"]],
        "rejected_count": summary["rejected_count"],
        "upgraded": [tuple(item) for item in summary["upgraded"]],
    }

"""Problems found in an IATI file, and the report that collects them.

A problem keeps the English source message and its parameters; ``message`` translates it with
the active language (French or English) each time it is read, so one report can be shown to
editors of either language. The same type serves the activity editor (``checks``), which adds
where the problem is in its form: ``field``, and for an inline row ``relation`` and ``index``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext, override

ERROR = "error"
WARNING = "warning"


@dataclass
class Problem:
    """One problem: severity, rule, message (translated on access), line and XPath; in the
    editor, the form field (and inline row) it belongs to."""

    severity: str
    rule_id: str
    rule_name: str
    msgid: str
    params: dict = field(default_factory=dict)
    line: int | None = None
    xpath: str = ""
    activity: str = ""
    field: str | None = None
    relation: str | None = None
    index: int | None = None

    @property
    def message(self) -> str:
        text = gettext(self.msgid)
        try:
            return text.format(**self.params) if self.params else text
        except (KeyError, IndexError, ValueError):
            return self.msgid.format(**self.params)

    def message_in(self, language: str) -> str:
        with override(language):
            return self.message

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def as_text(self) -> str:
        where = gettext("line %(line)s") % {"line": self.line or "?"}
        severity = gettext("error") if self.is_error else gettext("warning")
        parts = [f"{where}: {severity} [{self.rule_id} {self.rule_name}] {self.message}"]
        if self.activity:
            parts.append(f"({self.activity})")
        if self.xpath:
            parts.append(self.xpath)
        return " ".join(parts)


@dataclass
class Report:
    """Outcome of validating one file. ``fatal`` is set when the file cannot be read as IATI."""

    kind: str = ""  # "activities" or "organisations"
    version: str = ""
    count: int = 0  # number of activities / organisations seen
    versions: dict = field(default_factory=dict)  # {version: number of items}
    problems: list[Problem] = field(default_factory=list)
    fatal: Problem | None = None

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def is_valid(self) -> bool:
        return self.fatal is None and not self.errors

    @property
    def exit_status(self) -> int:
        if self.fatal is not None:
            return 2
        return 1 if self.errors else 0

    def sorted_problems(self) -> list[Problem]:
        problems = ([self.fatal] if self.fatal else []) + self.problems
        return sorted(problems, key=lambda p: (p.line or 0, p.severity != ERROR))

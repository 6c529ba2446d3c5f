"""The rules of the official ruleset (``rulesets/standard.json``, format in ``SPEC.rst``).

Each context XPath is rewritten relative to one ``iati-activity`` (or ``iati-organisation``)
element, so the rules run on one subtree at a time while the file is streamed. Rule types
implemented: atleast_one, no_more_than_one, only_one_of, one_or_all, unique, sum, strict_sum,
range, date_order, date_now, time_limit, between_dates, regex_matches, regex_no_matches,
startswith, if_then, loop, no_spaces. ``idCondition`` (which needs the online registry) is
ignored, so those rules always apply; ``dependent`` is not implemented (as in the official JS
validator).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

from lxml import etree

from . import resources
from .paths import element_path, result_path
from .problems import ERROR, Problem

ROOT_CONTEXTS = {
    resources.ACTIVITIES: "/iati-activities/iati-activity",
    resources.ORGANISATIONS: "/iati-organisations/iati-organisation",
}


@lru_cache(maxsize=4096)
def xpath(expr: str) -> etree.XPath:
    return etree.XPath(expr, smart_strings=True)


def _relative_context(context: str, kind: str) -> str | None:
    prefix = ROOT_CONTEXTS[kind]
    parts = []
    for part in context.split("|"):
        part = part.strip()
        if part == prefix or part.startswith(prefix + "/") or part.startswith(prefix + "["):
            parts.append("." + part[len(prefix) :])
        elif part.startswith("//"):
            parts.append("." + part)
    return " | ".join(parts) if parts else None


@cache
def compiled_rules(kind: str):
    """[(context XPath, [(rule name, case), ...]), ...] for ``kind``."""
    result = []
    for context, rules in resources.ruleset().items():
        relative = _relative_context(context, kind)
        if relative is None:
            continue
        cases = [(name, case) for name, rule in rules.items() for case in rule.get("cases", [])]
        result.append((xpath(relative), cases))
    return result


def _xbool(value) -> bool:
    if isinstance(value, float):
        return value == value and value != 0
    return bool(value)


def _text(result) -> str:
    if hasattr(result, "tag"):
        return result.text or ""
    return str(result)


def _values(ctx, expr: str):
    value = xpath(expr)(ctx)
    if isinstance(value, list):
        return value
    return [] if value is None else [value]


def _first(ctx, expr: str) -> str | None:
    for value in _values(ctx, expr):
        text = _text(value).strip()
        if text:
            return text
    return None


def _date(text):
    if not text:
        return None
    try:
        return dt.date.fromisoformat(str(text).strip()[:10])
    except ValueError:
        return None


def _datetime(text):
    if not text:
        return None
    try:
        value = dt.datetime.fromisoformat(str(text).strip())
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value


def _decimal(text):
    try:
        return Decimal(str(text).strip())
    except (InvalidOperation, ValueError):
        return None


def _plus_one_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


class RuleRunner:
    """Runs the compiled ruleset on one activity / organisation subtree."""

    def __init__(self, kind: str, today: dt.date | None = None):
        self.kind = kind
        self.now = dt.datetime.now(dt.UTC)
        self.today = today or self.now.date()
        agencies = resources.codelists().get("OrganisationRegistrationAgency")
        self.org_prefixes = tuple(sorted(agencies.codes)) if agencies else ()

    # -- reporting ---------------------------------------------------------------------------
    def _report(self, case, name, ctx, node=None):
        info = case.get("ruleInfo", {})
        line, path = (
            result_path(node, self.top, self.top_xpath)
            if node is not None
            else (ctx.sourceline, element_path(ctx, self.top, self.top_xpath))
        )
        self.report.add(
            Problem(
                severity=info.get("severity", ERROR),
                rule_id=str(info.get("id", "")),
                rule_name=name,
                msgid=info.get("message", name),
                line=line or ctx.sourceline,
                xpath=path,
                activity=self.ident,
            )
        )

    # -- entry point -------------------------------------------------------------------------
    def run(self, top, top_xpath, report, ident=""):
        self.top, self.top_xpath, self.report, self.ident = top, top_xpath, report, ident
        for context, cases in compiled_rules(self.kind):
            elements = context(top)
            if not elements:
                continue
            for ctx in elements:
                if not hasattr(ctx, "tag"):
                    continue
                for name, case in cases:
                    self.apply(name, case, ctx)

    def apply(self, name, case, ctx):
        condition = case.get("condition")
        if condition and not _xbool(xpath(condition)(ctx)):
            return
        method = getattr(self, "rule_" + name, None)
        if method is not None:
            method(name, case, ctx)

    # -- rules -------------------------------------------------------------------------------
    def _matches(self, case, ctx):
        for expr in case.get("paths", []):
            yield from _values(ctx, expr)

    def rule_atleast_one(self, name, case, ctx):
        for value in self._matches(case, ctx):
            if hasattr(value, "tag") or _text(value).strip():
                return
            if isinstance(value, bool | float) and _xbool(value):
                return
        self._report(case, name, ctx)

    def rule_no_more_than_one(self, name, case, ctx):
        found = [v for v in self._matches(case, ctx) if not isinstance(v, bool | float)]
        if len(found) > 1:
            self._report(case, name, ctx, found[1])

    def rule_only_one_of(self, name, case, ctx):
        excluded = any(_values(ctx, expr) for expr in case.get("excluded", []))
        found = list(self._matches(case, ctx))
        if (excluded and found) or (not excluded and len(found) != 1):
            self._report(case, name, ctx, found[0] if found else None)

    def rule_one_or_all(self, name, case, ctx):
        if _values(ctx, case["one"]):
            return
        kind = case.get("all")
        if kind == "lang":
            missing = ctx.xpath(".//narrative[not(@xml:lang)]")
        elif kind == "currency":
            missing = ctx.xpath(".//value[not(@currency)]")
        elif kind == "sector":
            if not ctx.xpath("transaction/sector"):
                return
            missing = ctx.xpath("transaction[not(sector)]")
        else:
            missing = [] if _values(ctx, kind) else [ctx]
        if missing:
            self._report(case, name, ctx, missing[0])

    def rule_unique(self, name, case, ctx):
        seen = set()
        for value in self._matches(case, ctx):
            text = _text(value).strip()
            if text in seen:
                self._report(case, name, ctx, value)
                return
            seen.add(text)

    def _sum(self, name, case, ctx, strict):
        total, first = Decimal(0), None
        for value in self._matches(case, ctx):
            number = _decimal(_text(value))
            first = first if first is not None else value
            if number is not None:
                total += number
        expected = Decimal(str(case.get("sum", 100)))
        ok = total == expected if strict else abs(total - expected) < Decimal("0.01")
        if not ok:
            self._report(case, name, ctx, first)

    def rule_strict_sum(self, name, case, ctx):
        self._sum(name, case, ctx, strict=True)

    def rule_sum(self, name, case, ctx):
        self._sum(name, case, ctx, strict=False)

    def rule_range(self, name, case, ctx):
        low = Decimal(str(case.get("min", "-Infinity")))
        high = Decimal(str(case.get("max", "Infinity")))
        for value in self._matches(case, ctx):
            number = _decimal(_text(value))
            if number is not None and not low <= number <= high:
                self._report(case, name, ctx, value)

    def rule_date_order(self, name, case, ctx):
        more = self.today if case["more"] == "NOW" else _date(_first(ctx, case["more"]))
        if more is None:
            return
        for value in _values(ctx, case["less"]):
            less = _date(_text(value))
            if less is not None and less > more:
                self._report(case, name, ctx, value)

    def rule_date_now(self, name, case, ctx):
        for value in _values(ctx, case["date"]):
            when = _datetime(_text(value))
            if when is not None and when > self.now:
                self._report(case, name, ctx, value)

    def rule_time_limit(self, name, case, ctx):
        start = _date(_first(ctx, case["start"]))
        end = _date(_first(ctx, case["end"]))
        if start and end and end > _plus_one_year(start):
            self._report(case, name, ctx, _values(ctx, case["end"])[0])

    def rule_between_dates(self, name, case, ctx):
        start = _date(_first(ctx, case["start"]))
        end = _date(_first(ctx, case["end"]))
        if not (start and end):
            return
        for value in _values(ctx, case["date"]):
            day = _date(_text(value))
            if day is not None and not start <= day <= end:
                self._report(case, name, ctx, value)

    def rule_regex_matches(self, name, case, ctx):
        pattern = re.compile(case["regex"])
        for value in self._matches(case, ctx):
            if not pattern.search(_text(value)):
                self._report(case, name, ctx, value)

    def rule_regex_no_matches(self, name, case, ctx):
        pattern = re.compile(case["regex"])
        for value in self._matches(case, ctx):
            if pattern.search(_text(value)):
                self._report(case, name, ctx, value)

    def rule_startswith(self, name, case, ctx):
        separator = case.get("separator", "")
        prefixes = []
        agencies = False
        for expr in case.get("prefix", []):
            if expr == "ORG-ID-PREFIX":
                agencies = True
            else:
                prefixes.extend(_text(v).strip() for v in _values(ctx, expr))
        prefixes = tuple(p + separator for p in prefixes if p)
        if agencies:
            prefixes += self._agency_prefixes(separator)
        if not prefixes:
            return
        for value in self._matches(case, ctx):
            if not _text(value).strip().startswith(prefixes):
                self._report(case, name, ctx, value)

    def _agency_prefixes(self, separator):
        cache = self.__dict__.setdefault("_agency_cache", {})
        if separator not in cache:
            cache[separator] = tuple(p + separator for p in self.org_prefixes)
        return cache[separator]

    def rule_if_then(self, name, case, ctx):
        if _xbool(xpath(case["if"])(ctx)) and not _xbool(xpath(case["then"])(ctx)):
            matches = list(self._matches(case, ctx))
            self._report(case, name, ctx, matches[0] if matches else None)

    def rule_no_spaces(self, name, case, ctx):
        for value in self._matches(case, ctx):
            text = _text(value)
            if text != text.strip():
                self._report(case, name, ctx, value)

    def rule_loop(self, name, case, ctx):
        seen = []
        for value in _values(ctx, case["foreach"]):
            text = _text(value)
            if text not in seen:
                seen.append(text)
        subs = case.get("subs", [])
        for text in seen:
            if "'" in text:  # would break the substituted XPath; the XSD/codelists catch it
                continue
            for inner_name, inner in case.get("do", {}).items():
                for inner_case in inner.get("cases", []):
                    self.apply(inner_name, _substitute(inner_case, subs, text), ctx)


def _substitute(case, keys, value):
    result = dict(case)
    for key in keys:
        if key not in result:
            continue
        item = result[key]
        if isinstance(item, list):
            result[key] = [s.replace("$1", value) for s in item]
        elif isinstance(item, str):
            result[key] = item.replace("$1", value)
    return result

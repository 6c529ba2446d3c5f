"""The rules of the official ruleset (``rulesets/standard.json``, format in ``SPEC.rst``), with
the semantics of IATI's own engine (``jsvalues``: truthiness, rounding, empty values, dates).

Each context XPath is rewritten relative to one ``iati-activity`` (or ``iati-organisation``)
element, so the rules run on one subtree at a time while the file is streamed. Rule types:
atleast_one, no_more_than_one, only_one_of, one_or_all, unique, sum, strict_sum, range,
date_order, date_now, time_limit, between_dates, regex_matches, regex_no_matches, startswith,
if_then, loop, no_spaces. ``idCondition`` needs the Registry's list of publishers: as IATI's
engine does with an empty list, the rules always apply. Semantics worth knowing:

- an empty attribute (``ref=""``, ``significance=""``) *is* a match for atleast_one, and an
  empty value passes regex rules (1.x.13): IATI skips empty strings there;
- 3.1.2 and the other sums: float additions then ``toFixed(4)``, so 175 × 0.5714285714285714
  is 100 (``jsvalues.js_sum``);
- 3.7.1's ``then`` selects nodes, an always-true array in JavaScript: only 3.7.2 reports a
  missing geography;
- dates: only the first matching date of a rule is compared.

Further rulesets in the same format (the portal's own editor warnings, ``portal.json``) run
through the same :class:`RuleRunner`. No SQL.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache, lru_cache

from lxml import etree

from . import jsvalues as js
from . import resources
from .paths import element_path, result_path
from .problems import ERROR, Problem

ROOT_CONTEXTS = {
    resources.ACTIVITIES: "/iati-activities/iati-activity",
    resources.ORGANISATIONS: "/iati-organisations/iati-organisation",
}
NAMESPACES = {"xml": "http://www.w3.org/XML/1998/namespace"}


@lru_cache(maxsize=4096)
def xpath(expr: str) -> etree.XPath:
    return etree.XPath(expr, smart_strings=True, namespaces=NAMESPACES)


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
def compiled_rules(kind: str, ruleset: str = "standard"):
    """[(context XPath, [(rule name, case), ...]), ...] for ``kind``."""
    result = []
    for context, rules in resources.ruleset(ruleset).items():
        relative = _relative_context(context, kind)
        if relative is None:
            continue
        cases = [(name, case) for name, rule in rules.items() for case in rule.get("cases", [])]
        result.append((xpath(relative), cases))
    return result


def _text(result) -> str:
    """``textContent`` of an element (all its text), the value of an attribute."""
    if hasattr(result, "tag"):
        return "".join(result.itertext()) if isinstance(result.tag, str) else ""
    if isinstance(result, bool):
        return "true" if result else "false"
    return str(result)


def _select(ctx, expr: str) -> list:
    """The matches of ``expr`` as a list (a non-node-set result is one match, as in JS)."""
    value = xpath(expr)(ctx)
    return value if isinstance(value, list) else [value]


def _first_date(ctx, expr: str):
    """``parseDate``: the first match, an attribute (or text) value; None if invalid."""
    matches = xpath(expr)(ctx)
    if not isinstance(matches, list) or not matches:
        return None, None
    node = matches[0]
    if hasattr(node, "tag"):
        return None, node  # an element has no .value in JS: Invalid Date
    return js.parse_date(str(node)), node


class RuleRunner:
    """Runs the compiled ruleset(s) on one activity / organisation subtree."""

    def __init__(self, kind: str, today: dt.date | None = None, rulesets=("standard",)):
        self.kind = kind
        if today is None:
            self.now = dt.datetime.now(dt.UTC)
        else:
            self.now = dt.datetime.combine(today, dt.time(23, 59, 59), tzinfo=dt.UTC)
        self.today = self.now.date()
        self.rulesets = tuple(rulesets)
        agencies = resources.codelists().get("OrganisationRegistrationAgency")
        self.org_prefixes = frozenset(agencies.codes) if agencies else frozenset()

    # -- reporting ---------------------------------------------------------------------------
    def _report(self, case, name, ctx, node=None):
        info = case.get("ruleInfo", {})
        line, path = (
            result_path(node, self.top, self.top_xpath)
            if node is not None and not isinstance(node, bool | float)
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
        for ruleset in self.rulesets:
            for context, cases in compiled_rules(self.kind, ruleset):
                elements = context(top)
                if not isinstance(elements, list):
                    continue
                for ctx in elements:
                    if not hasattr(ctx, "tag"):
                        continue
                    for name, case in cases:
                        self.apply(name, case, ctx)

    def apply(self, name, case, ctx):
        condition = case.get("condition")
        if condition and not js.truthy(xpath(condition)(ctx)):
            return
        method = getattr(self, "rule_" + name, None)
        if method is not None:
            method(name, case, ctx)

    # -- rules -------------------------------------------------------------------------------
    def _matches(self, case, ctx):
        result = []
        for expr in case.get("paths", []):
            result.extend(_select(ctx, expr))
        return result

    def rule_atleast_one(self, name, case, ctx):
        if not self._matches(case, ctx):
            self._report(case, name, ctx)

    def rule_no_more_than_one(self, name, case, ctx):
        found = self._matches(case, ctx)
        if len(found) > 1:
            self._report(case, name, ctx, found[1])

    def rule_only_one_of(self, name, case, ctx):
        found = self._matches(case, ctx)
        for expr in case.get("excluded", []):
            matched = xpath(expr)(ctx)
            has_excluded = len(matched) != 0 if isinstance(matched, list) else True
            ok = not found if has_excluded else len(found) == 1
            if not ok:
                self._report(case, name, ctx, found[0] if found else None)
                return

    def rule_one_or_all(self, name, case, ctx):
        one = xpath(case["one"])(ctx)
        if isinstance(one, list) and one:
            return
        kind = case.get("all")
        missing = []
        if kind == "lang":
            missing = ctx.xpath(".//narrative[not(@xml:lang)]", namespaces=NAMESPACES)
        elif kind == "sector":
            missing = ctx.xpath("transaction[not(sector)]")
        elif kind == "recipient-country|recipient-region":
            missing = ctx.xpath("transaction[not(recipient-country or recipient-region)]")
        elif kind == "currency":
            missing = ctx.xpath(
                ".//value[not(@currency)] | .//forecast[not(@currency)]"
                " | .//loan-status[not(@currency)]"
            )
        if missing:
            self._report(case, name, ctx, missing[0])

    def rule_unique(self, name, case, ctx):
        seen = set()
        for value in self._matches(case, ctx):
            text = _text(value)
            if text in seen:
                self._report(case, name, ctx, value)
                return
            seen.add(text)

    def rule_strict_sum(self, name, case, ctx):
        found = self._matches(case, ctx)
        if js.js_sum(_text(v) for v in found) != js.number(case.get("sum", 100)):
            self._report(case, name, ctx, found[0] if found else None)

    def rule_sum(self, name, case, ctx):
        if self._matches(case, ctx):
            self.rule_strict_sum(name, case, ctx)

    def rule_range(self, name, case, ctx):
        for value in self._matches(case, ctx):
            number = js.number(_text(value))
            low = js.number(case["min"]) if "min" in case else number
            high = js.number(case["max"]) if "max" in case else number
            if not (low <= number <= high):
                self._report(case, name, ctx, value)

    def _date(self, ctx, expr):
        if expr == "NOW":
            return self.now, None
        return _first_date(ctx, expr)

    def rule_date_order(self, name, case, ctx):
        less, node = self._date(ctx, case["less"])
        more, _ = self._date(ctx, case["more"])
        if less is not None and more is not None and less > more:
            self._report(case, name, ctx, node)

    def rule_date_now(self, name, case, ctx):
        when, node = self._date(ctx, case["date"])
        if when is not None and when > self.now:
            self._report(case, name, ctx, node)

    def rule_time_limit(self, name, case, ctx):
        start, _ = self._date(ctx, case["start"])
        end, node = self._date(ctx, case["end"])
        if start is not None and end is not None and js.difference_in_days(end, start) > 365:
            self._report(case, name, ctx, node)

    def rule_between_dates(self, name, case, ctx):
        day, node = self._date(ctx, case["date"])
        start, _ = self._date(ctx, case["start"])
        end, _ = self._date(ctx, case["end"])
        if day is None or start is None or end is None:
            return
        if not start <= day <= end:
            self._report(case, name, ctx, node)

    def _regex(self, name, case, ctx, should_match):
        pattern = re.compile(case["regex"])
        for value in self._matches(case, ctx):
            text = _text(value)
            if text != "" and bool(pattern.search(text)) != should_match:
                self._report(case, name, ctx, value)

    def rule_regex_matches(self, name, case, ctx):
        self._regex(name, case, ctx, True)

    def rule_regex_no_matches(self, name, case, ctx):
        self._regex(name, case, ctx, False)

    def rule_startswith(self, name, case, ctx):
        prefixes = case.get("prefix", [])
        if isinstance(prefixes, str):
            prefixes = [prefixes]
        found = self._matches(case, ctx)
        if prefixes == ["ORG-ID-PREFIX"]:
            for value in found:
                parts = _text(value).split("-")
                prefix = f"{parts[0]}-{parts[1] if len(parts) > 1 else 'undefined'}"
                if prefix not in self.org_prefixes:
                    self._report(case, name, ctx, value)
                    return
            return
        separator = case.get("separator", "")
        starts = [_text(v) + separator for expr in prefixes for v in _select(ctx, expr)]
        for value in found:
            if not any(_text(value).startswith(start) for start in starts):
                self._report(case, name, ctx, value)
                return

    def rule_if_then(self, name, case, ctx):
        if js.truthy(xpath(case["if"])(ctx)) and not js.truthy(xpath(case["then"])(ctx)):
            matches = self._matches(case, ctx)
            self._report(case, name, ctx, matches[0] if matches else None)

    def rule_no_spaces(self, name, case, ctx):
        for value in self._matches(case, ctx):
            text = _text(value)
            if text != js.js_trim(text):
                self._report(case, name, ctx, value)

    def rule_loop(self, name, case, ctx):
        groups = []
        for value in _select(ctx, case["foreach"]):
            text = _text(value)
            if text not in groups:
                groups.append(text)
        subs = case.get("subs", [])
        for inner_name, inner in case.get("do", {}).items():
            for inner_case in inner.get("cases", []):
                for text in groups:
                    if "'" in text:  # would break the substituted XPath; XSD/codelists catch it
                        continue
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

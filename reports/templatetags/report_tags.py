"""Filters of the report templates: the figures are plain JSON data (see ``reports.figures``)."""

import datetime

from django import template
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def isodate(value):
    """An ISO date string of the figures, shown as a short local date ("—" when missing)."""
    if not value:
        return "—"
    try:
        return date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")
    except (TypeError, ValueError):
        return value


@register.filter
def pct(value):
    return "—" if value is None else f"{value} %"


@register.filter
def amount(value):
    """A decimal amount of the figures (a string), grouped by thousands in the language."""
    from decimal import Decimal, InvalidOperation

    try:
        return number_format(Decimal(value), force_grouping=True)
    except (InvalidOperation, TypeError):
        return value


@register.filter
def audience_label(code):
    from library.models import AudienceCode

    try:
        return AudienceCode(code).label
    except ValueError:
        return code


@register.filter
def edition_status_label(code):
    from library.models import EditionStatus

    try:
        return EditionStatus(code).label
    except ValueError:
        return code


@register.filter
def meeting_kind_label(kind):
    if kind == "coordination":
        return _("PTF coordination meeting")
    return _("Group meeting")

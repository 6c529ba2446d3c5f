"""Admin report *Searches without results* (Reports menu): what visitors looked for in vain
in the last ``days`` days, most frequent first, with a link to promote a page for it.
SQL: one query (grouped), whatever the number of searches logged."""

import datetime

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Max, Sum
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import UnansweredSearch

PERMISSION = "wagtailsearchpromotions.add_searchpromotion"
PERIODS = (7, 30, 90)


def can_see_report(user):
    return user.has_perm(PERMISSION)


def unanswered_report(request):
    if not can_see_report(request.user):
        raise PermissionDenied
    try:
        days = int(request.GET.get("days", "30"))
    except ValueError:
        days = 30
    days = days if days in PERIODS else 30
    since = timezone.localdate() - datetime.timedelta(days=days - 1)
    rows = (
        UnansweredSearch.objects.filter(date__gte=since)
        .values("query_id", "query__query_string", "language")
        .annotate(total=Sum("hits"), last=Max("date"))
        .order_by("-total", "query__query_string")
    )
    page = Paginator(rows, 50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "search/admin/unanswered.html",
        {
            "page_title": _("Searches without results"),
            "header_title": _("Searches without results"),
            "rows": page,
            "days": days,
            "periods": PERIODS,
        },
    )

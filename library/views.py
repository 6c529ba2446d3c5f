"""Admin report "À acquérir": editions published but not online yet, and overdue ones."""

from itertools import groupby

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ReportEdition


def editions_to_acquire(today=None):
    today = today or timezone.localdate()
    return (
        ReportEdition.objects.to_acquire(today)
        .select_related("series", "series__responsible", "series__publisher", "document")
        .order_by(
            "series__responsible__last_name", "series__responsible__username", "expected_date", "pk"
        )
    )


def group_by_responsible(editions):
    """[(user or None, [editions…])…] with the unassigned ones last."""
    groups = [
        (responsible, list(items))
        for responsible, items in groupby(editions, key=lambda edition: edition.series.responsible)
    ]
    return sorted(groups, key=lambda group: group[0] is None)


def to_acquire_report(request):
    if not request.user.has_perm("library.change_reportedition"):
        raise PermissionDenied
    today = timezone.localdate()
    editions = list(editions_to_acquire(today))
    return TemplateResponse(
        request,
        "library/admin/to_acquire.html",
        {
            "page_title": _("To acquire"),
            "header_title": _("To acquire"),
            "groups": group_by_responsible(editions),
            "today": today,
            "total": len(editions),
        },
    )

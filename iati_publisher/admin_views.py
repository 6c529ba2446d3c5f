"""Admin views: the activity editor's save hooks and the validation report.

The report's SQL per page of 25 (tests/iati_publisher/test_report_queries.py): the count and
the page (with each activity's organisation, stored check and latest revision), one prefetch
per part relation, the filters' organisations — constant for published activities. An
activity with unpublished changes is checked in its draft, read from that revision
(``Activity.latest_version``): its foreign keys checked in one query per related model, about
4 queries per draft whatever its rows (``models.revision_keys``).
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q, prefetch_related_objects
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.snippets.views.snippets import CreateView, EditView

from .checks import ERROR, WARNING, check_activity, stored_parts
from .export_rows import PREFETCH
from .models import Activity, ActivityCheck, ReportingOrganisation


def run_check(activity):
    """Check the latest version of ``activity``, store the counts and return the problems."""
    version = activity.latest_version()
    problems = check_activity(version, stored_parts(version))
    store_check(activity, problems)
    return problems


def store_check(activity, problems):
    ActivityCheck.objects.update_or_create(
        activity=activity,
        defaults={
            "error_count": sum(p.severity == ERROR for p in problems),
            "warning_count": sum(p.severity == WARNING for p in problems),
            "rules": sorted({p.rule_id for p in problems}),
            "checked_at": timezone.now(),
        },
    )


def _report_problems(request, form, instance):
    problems = getattr(form, "iati_problems", ())
    store_check(instance, problems)
    publishing = form.is_publishing()
    for problem in problems:
        if problem.severity == ERROR and not publishing:
            messages.error(request, _("IATI error (publishing is blocked): %s") % problem.message)
        elif problem.severity == WARNING:
            messages.warning(request, _("IATI warning: %s") % problem.message)


class ActivityCreateView(CreateView):
    def form_valid(self, form):
        response = super().form_valid(form)
        _report_problems(self.request, form, self.object)
        return response


class ActivityEditView(EditView):
    def form_valid(self, form):
        response = super().form_valid(form)
        _report_problems(self.request, form, self.object)
        return response


def validation_report(request):
    """Every activity with its IATI errors and warnings, filterable, linked to its editor."""
    from django.core.exceptions import PermissionDenied

    if not request.user.has_perm("iati_publisher.change_activity"):
        raise PermissionDenied
    if request.method == "POST":
        # activities imported or created outside the editor are checked in the background
        # (`manage.py check_iati` checks them all at once); a GET never writes anything
        from .tasks import check_unchecked_activities

        check_unchecked_activities.enqueue()
        messages.success(request, _("The activities not checked yet are being checked."))
        return redirect(request.get_full_path())
    remaining = Activity.objects.filter(check_result__isnull=True).count()
    activities = Activity.objects.select_related(
        "reporting_org", "check_result", "latest_revision"
    ).order_by("-check_result__error_count", "-check_result__warning_count", "iati_identifier")
    severity = request.GET.get("severity", "")
    if severity == "errors":
        activities = activities.filter(check_result__error_count__gt=0)
    elif severity == "warnings":
        activities = activities.filter(check_result__warning_count__gt=0)
    elif severity == "valid":
        activities = activities.filter(check_result__error_count=0)
    org = request.GET.get("org", "")
    if org:
        activities = activities.filter(reporting_org__ref=org)
    status = request.GET.get("status", "")
    if status == "live":
        activities = activities.filter(live=True)
    elif status == "draft":
        activities = activities.filter(live=False)
    query = request.GET.get("q", "").strip()
    if query:
        activities = activities.filter(
            Q(iati_identifier__icontains=query)
            | Q(title_fr__icontains=query)
            | Q(title_en__icontains=query)
        )
    page = Paginator(activities, 25).get_page(request.GET.get("p"))
    object_list = list(page.object_list)
    prefetch_related_objects(object_list, *PREFETCH, "document_links")
    rows = []
    for activity in object_list:
        version = activity.latest_version()
        problems = check_activity(version, stored_parts(version))
        rows.append(
            {
                "activity": activity,
                "errors": [p for p in problems if p.severity == ERROR],
                "warnings": [p for p in problems if p.severity == WARNING],
            }
        )
    return TemplateResponse(
        request,
        "iati_publisher/admin/validation_report.html",
        {
            "rows": rows,
            "page": page,
            "organisations": ReportingOrganisation.objects.order_by("ref"),
            "filters": {"severity": severity, "org": org, "status": status, "q": query},
            "remaining": remaining,
        },
    )

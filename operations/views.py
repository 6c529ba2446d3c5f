"""The user's background jobs in the admin: the list (``/admin/jobs/``) and one job's status as
JSON for a page that polls (``/admin/jobs/<id>/status.json``). A user sees the jobs they
launched; superusers see every job. SQL: one query each (without the jobs' results, which
these pages never show and a preview's may be large)."""

from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .models import Job

LIST_SIZE = 100


def visible_jobs(user):
    jobs = Job.objects.select_related("user").defer("result")  # a result may be large
    return jobs if user.is_superuser else jobs.filter(user=user)


def _when(value):
    return date_format(localtime(value), "SHORT_DATETIME_FORMAT") if value else ""


def job_status(job):
    """The JSON description of a job (no secret: its own label, state and message)."""
    return {
        "id": job.pk,
        "label": str(job),
        "status": job.status,
        "status_display": job.get_status_display(),
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "message": job.message,
        "attempts": job.attempts,
        "created_at": job.created_at.isoformat(),
        "finished_at": job.finished_at.isoformat() if job.finished_at else None,
        "finished_at_display": _when(job.finished_at),
    }


@never_cache
def job_index(request):
    jobs = list(visible_jobs(request.user)[:LIST_SIZE])
    return TemplateResponse(
        request,
        "operations/job_index.html",
        {
            "page_title": _("Background jobs"),
            "header_title": _("Background jobs"),
            "jobs": jobs,
            "any_active": any(job.is_active for job in jobs),
            "show_user": request.user.is_superuser,
        },
    )


@never_cache
def job_status_json(request, pk):
    job = visible_jobs(request.user).filter(pk=pk).first()
    if job is None:
        raise Http404
    return JsonResponse(job_status(job))

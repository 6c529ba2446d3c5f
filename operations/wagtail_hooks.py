"""Admin registration of the operations app: the user's background jobs (account menu)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import views


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("jobs/", views.job_index, name="operations_jobs"),
        path("jobs/<int:pk>/status.json", views.job_status_json, name="operations_job_status"),
    ]


@hooks.register("register_account_menu_item")
def jobs_account_item(request):
    return {
        "url": reverse("operations_jobs"),
        "label": _("Background jobs"),
        "help_text": _("Imports, publications and other work running in the background."),
    }

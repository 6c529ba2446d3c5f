"""Admin views of the IATI import: upload an IATI XML file or a spreadsheet, preview what will
be created or changed, then commit (the stored upload is re-parsed at that moment).

An XML file (up to 54 MB: minutes of work) is previewed by a background job queued at upload
(``tasks.preview_iati_upload``, ``operations.jobs``): the preview URL shows "Checking the
file…" with the job's progress (the page polls ``/admin/jobs/<id>/status.json`` and reloads
when the job ends; without JavaScript it refreshes itself) until the job is done, then the
plan read from the job's stored summary (``importer.preview``), or the reasons of a refusal.
With the immediate task backend (tests) the job runs during the upload, so the plan shows at
once. Its commit is a second background job (``tasks.import_iati_upload``). A spreadsheet
(small) is checked and previewed in the request, and committed in it.

Permissions: adding and changing activities; publishing needs ``publish_activity`` too
(without it, imported activities are saved as drafts). An upload, its preview and its job are
its uploader's: the token lives in their session, the job is looked up by its user, and the
preview URL of someone else's job is a 404.

SQL: the upload of an XML file, one INSERT and two UPDATEs of its Job (more with the
immediate backend, which runs the job then); the preview page, one query (the Job); the
spreadsheet's preview, ``spreadsheet_import.preview_workbook``'s (the same ``ImportPlan``
as an XML file's, shown by the same template).
"""

from __future__ import annotations

import logging

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from operations.jobs import enqueue_on_commit
from operations.models import Job, JobStatus

from . import spreadsheet, spreadsheet_import
from .importer import ImportRefused, preview, uploads
from .importer.preview import MSG_UNREADABLE_UPLOAD
from .validation import Problem

logger = logging.getLogger(__name__)
# below nginx's client_max_body_size (deploy/nginx: 55m for the whole request body), so that
# a file too large gets this message, not the proxy's 413
MAX_UPLOAD_MB = 54
MAX_UPLOAD = MAX_UPLOAD_MB * 1024 * 1024
XML, XLSX = "xml", "xlsx"
REFRESH_SECONDS = 5  # the page checking a file reloads itself without JavaScript


def too_large_message() -> str:
    return _(
        "The file is too large (%(size)d MB at most). Split it, or ask an administrator to "
        "import it with the import_iati command."
    ) % {"size": MAX_UPLOAD_MB}


def can_import(user) -> bool:
    return user.has_perm("iati_publisher.add_activity") and user.has_perm(
        "iati_publisher.change_activity"
    )


def can_publish(user) -> bool:
    return user.has_perm("iati_publisher.publish_activity")


class ImportPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("File type"),
        choices=[
            (XML, gettext_lazy("IATI 2.03 activity file (XML)")),
            (XLSX, gettext_lazy("Spreadsheet (XLSX) made from the template")),
        ],
        initial=XML,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(label=gettext_lazy("File"))
    draft = forms.BooleanField(
        label=gettext_lazy("Save as drafts (do not publish)"),
        required=False,
        help_text=gettext_lazy(
            "Activities imported from another publisher's IATI file are published by default, "
            "since their publisher already published them."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # checked in the browser as soon as a file is chosen (static/js/upload-limit.js)
        self.fields["file"].widget.attrs.update(
            {"data-max-bytes": str(MAX_UPLOAD), "data-too-large": too_large_message()}
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(too_large_message())
        return upload

    def clean(self):
        data = super().clean()
        upload, kind = data.get("file"), data.get("kind")
        if upload and kind == XLSX and not upload.name.lower().endswith(".xlsx"):
            self.add_error("file", _("Choose an .xlsx file made from the template."))
        return data


class BaseImportView(ImportPermissionMixin, WagtailAdminTemplateMixin):
    header_icon = "upload"
    page_title = gettext_lazy("IATI import")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("iati_import:upload"), "label": _("IATI import")}
        ]


class UploadView(BaseImportView, FormView):
    template_name = "iati_publisher/import/upload.html"
    form_class = UploadForm

    def form_valid(self, form):
        kind, draft = form.cleaned_data["kind"], form.cleaned_data["draft"]
        draft = draft or not can_publish(self.request.user)
        token = uploads.store(self.request, form.cleaned_data["file"], kind=kind, draft=draft)
        if kind == XML:  # checked by a background job; the preview page follows it
            _queue_preview(self.request, token)
            return redirect("iati_import:preview", token=token)
        name, info = uploads.get(self.request, token)
        try:
            with uploads.local_file(name) as path:
                problems = spreadsheet_import.read_workbook(path).errors
        except Exception:  # noqa: BLE001 - any unreadable upload: a message, never a 500
            logger.exception("IATI upload could not be read")
            problems = [Problem("error", "file", "file", MSG_UNREADABLE_UPLOAD)]
        if problems:
            uploads.discard(self.request, token)
            return self.render_to_response(
                self.get_context_data(form=form, problems=problems, refused=True)
            )
        return redirect("iati_import:preview", token=token)


def _preview_key(token):
    return f"iati-preview:{token}"


def _queue_preview(request, token):
    from .tasks import preview_iati_upload

    name, info = uploads.get(request, token)
    job = enqueue_on_commit(
        preview_iati_upload,
        name,
        user=request.user,
        label=_("Check of the IATI file “%(name)s”") % {"name": info["name"]},
        unique_key=_preview_key(token),
    )
    uploads.note(request, token, job=job.pk)


class PreviewView(BaseImportView, TemplateView):
    template_name = "iati_publisher/import/preview.html"
    page_title = gettext_lazy("Preview of the import")
    job = None

    def dispatch(self, request, *args, **kwargs):
        if not can_import(request.user):
            raise PermissionDenied
        token = kwargs["token"]
        self.info = uploads.session_info(request, token)
        if self.info is None:
            others = Job.objects.filter(unique_key=_preview_key(token)).exclude(user=request.user)
            if others.exists():
                raise Http404  # someone else's upload (one's own is in one's session)
        if self.info is not None and "job" in self.info:  # an XML file: its preview job
            self.job = Job.objects.filter(pk=self.info["job"], user=request.user).first()
        if self.job is not None and self.job.status == JobStatus.FAILED:
            gone = False  # refused: the reasons are on the job, the file is deleted
        else:
            gone = uploads.get(request, token) is None or ("job" in self.info and not self.job)
        if gone:
            messages.error(request, _("This upload has expired; upload the file again."))
            return redirect("iati_import:upload")
        return super().dispatch(request, *args, **kwargs)

    @property
    def checking(self):
        return self.job is not None and self.job.is_active

    def get_page_title(self):
        return _("Checking the file…") if self.checking else super().get_page_title()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(info=self.info, token=self.kwargs["token"], job=self.job)
        if "problems" in kwargs:  # refused when committing: show why, nothing else
            return context
        if self.job is None:  # a spreadsheet: planned here (small files)
            name, info = uploads.get(self.request, self.kwargs["token"])
            with uploads.local_file(name) as path:
                plan, problems = spreadsheet_import.preview_workbook(path, draft=info.get("draft"))
            if problems:
                context["problems"] = problems
            else:
                context["plan"] = plan
        elif self.checking:
            context.update(checking=True, refresh_seconds=REFRESH_SECONDS)
        elif self.job.status == JobStatus.SUCCEEDED and self.job.result:
            context.update(preview.load(self.job.result))
        else:  # refused (reasons in the result) or failed without a result
            context.update(preview.load(self.job.result or preview.unreadable()))
        return context

    def post(self, request, *args, **kwargs):
        token = self.kwargs["token"]
        if self.job is not None and not (
            self.job.status == JobStatus.SUCCEEDED and self.job.result
        ):  # still being checked, or refused: nothing to import
            return redirect("iati_import:preview", token=token)
        name, info = uploads.get(request, token)
        draft = info.get("draft") or not can_publish(request.user)
        try:
            if info["kind"] == XLSX:
                with uploads.local_file(name) as path:
                    result = spreadsheet_import.apply_workbook(path, user=request.user, draft=draft)
                created, updated = len(result.created), len(result.updated)
            else:
                return self._import_in_background(request, token, draft)
        except ImportRefused as refused:
            context = self.get_context_data(problems=refused.problems)
            uploads.discard(request, token)
            return self.render_to_response(context)
        uploads.discard(request, token)
        messages.success(
            request,
            _("Import done: %(created)d created, %(updated)d updated.")
            % {"created": created, "updated": updated},
        )
        return redirect(reverse("wagtailsnippets_iati_publisher_activity:list"))

    def _import_in_background(self, request, token, draft):
        """An XML file is imported by a background job (big files outlive a request); its
        progress and outcome are on the user's jobs page."""
        from .tasks import import_iati_upload

        name = uploads.hand_over(request, token)
        job = enqueue_on_commit(
            import_iati_upload,
            name,
            bool(draft),
            request.user.pk,
            user=request.user,
            label=_("IATI import"),
        )
        messages.success(
            request,
            _("The import runs in the background: follow its progress on the jobs page."),
        )
        if job.status == "succeeded" and job.result:
            messages.success(
                request,
                _("Import done: %(created)d created, %(updated)d updated.")
                % {"created": job.result["created"], "updated": job.result["updated"]},
            )
        return redirect(reverse("operations_jobs"))


class CancelView(ImportPermissionMixin, View):
    def post(self, request, token):
        uploads.discard(request, token)
        messages.info(request, _("The import was cancelled; nothing was changed."))
        return redirect("iati_import:upload")


class TemplateDownloadView(ImportPermissionMixin, View):
    def get(self, request):
        activities = ()
        if request.GET.get("prefill"):
            from .models import Activity

            activities = (
                Activity.objects.select_related("reporting_org")
                .prefetch_related("dates", "sectors")
                .order_by("iati_identifier")
            )
        content = spreadsheet.build_template(activities)
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="iati-import-template.xlsx"'
        return response


upload_url = reverse_lazy("iati_import:upload")

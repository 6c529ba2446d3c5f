"""The admin document form (``WAGTAILDOCS_DOCUMENT_FORM_BASE``): upload checks by content,
clean file names, required metadata before a document is shown publicly, extraction status, and
moderation (``library.moderation``): every admin path that saves a document (add, edit, multiple
upload, chooser upload) goes through this form, so an editor's document never skips approval.
Issuing organisations are chosen in Wagtail's chooser (search by name, acronym or IATI
identifier, several at once: ``groups.choosers``), tags with Wagtail's autocomplete, groups,
languages and audiences (short fixed lists) with checkboxes."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

from groups.choosers import OrganisationMultipleChooser

from . import moderation
from .models.documents import ExtractionStatus, ReviewStatus
from .upload import check_upload, sanitise_filename

FIELD_LABELS = {
    "description": _("description"),
    "document_type": _("document type"),
    "publication_date": _("publication date"),
    "issuing_organisations": _("issuing organisations"),
    "languages": _("languages of the document"),
    "audiences": _("audiences"),
}


class LibraryDocumentForm(BaseDocumentForm):
    """Refuses unsafe files with a clear message; nothing is saved unless everything is valid."""

    class Meta(BaseDocumentForm.Meta):
        widgets = {
            **BaseDocumentForm.Meta.widgets,
            "languages": forms.CheckboxSelectMultiple,
            "audiences": forms.CheckboxSelectMultiple,
            "thematic_groups": forms.CheckboxSelectMultiple,
            "issuing_organisations": OrganisationMultipleChooser,
            "publication_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        self.user = kwargs.get("user")
        super().__init__(*args, **kwargs)
        instance = self.instance
        self._add_review_info(instance)
        if instance.pk and instance.extraction_status != ExtractionStatus.PENDING:
            status = instance.get_extraction_status_display()
            if instance.page_count:
                status = _("%(status)s — %(pages)s pages") % {
                    "status": status,
                    "pages": instance.page_count,
                }
            if instance.extraction_message:
                status = f"{status} ({instance.extraction_message})"
            self.fields["extraction_info"] = forms.CharField(
                label=_("Text extraction"),
                required=False,
                disabled=True,
                initial=status,
                help_text=_("Text read from the file for the full-text search."),
            )

    def _add_review_info(self, instance):
        if "is_listed" not in self.fields:
            return
        reviewer = self.user is not None and (
            self.user.is_superuser or moderation.is_reviewer(self.user)
        )
        if not reviewer:
            self.fields["is_listed"].label = _("Ask to show in the public library")
            self.fields["is_listed"].help_text = _(
                "The group's moderators are told and approve it before it becomes public. "
                "Requires a description, a type, a publication date, at least one issuing "
                "organisation, language and audience."
            )
        if instance.pk and instance.is_listed:
            status = instance.get_review_status_display()
            if instance.review_status == ReviewStatus.REJECTED and instance.review_comment:
                status = f"{status} : {instance.review_comment}"
            self.fields["review_info"] = forms.CharField(
                label=_("Approval"),
                required=False,
                disabled=True,
                initial=status,
                help_text=_("Only approved documents appear in the public library."),
            )

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if not uploaded or "file" not in self.changed_data:
            return uploaded
        size = getattr(uploaded, "size", None)
        uploaded.seek(0)
        data = uploaded.read()
        uploaded.seek(0)
        check_upload(uploaded.name, data, size=size)
        uploaded.name = sanitise_filename(uploaded.name)
        return uploaded

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_listed"):
            m2m = {
                name: cleaned.get(name)
                for name in ("issuing_organisations", "languages", "audiences")
            }
            for name in m2m:
                if name not in self.fields:  # not on this form: use what is saved
                    m2m.pop(name)
            probe = self.instance
            for name in ("description", "document_type", "publication_date"):
                if name in cleaned:
                    setattr(probe, name, cleaned[name])
            missing = (
                probe.missing_public_metadata(m2m_values=m2m)
                if m2m or probe.pk
                else list(FIELD_LABELS)
            )
            if missing:
                self.add_error(
                    "is_listed",
                    ValidationError(
                        _("Complete these fields before showing the document publicly: %(fields)s.")
                        % {"fields": ", ".join(str(FIELD_LABELS[name]) for name in missing)},
                        code="incomplete",
                    ),
                )
        return cleaned

    def save(self, commit=True):
        changed = [name for name in self.changed_data if name != "review_info"]
        queued = moderation.before_save(self.instance, self.user, bool(changed))
        if not commit:
            return super().save(commit=False)
        with transaction.atomic():
            document = super().save(commit=True)
            if queued:
                transaction.on_commit(lambda: moderation.after_submit(document, self.user))
        return document

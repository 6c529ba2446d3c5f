"""Custom image and document models (swapped in from the first migration).

``CustomDocument`` carries the library's descriptive metadata (type, audiences, groups…) and the
text extracted at upload for full-text search, and ``listed_at``, when it first became public
in the library (what "new" means for the digests and feeds; ``save()`` stamps it with one
UPDATE while a listed document has none, then never again).
"""

import os

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document, DocumentQuerySet
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.search import index

from home.text import clean_text

from ..extraction import Extraction, extract_bounded


class CustomImage(AbstractImage):
    """An image of the media library, with a credit line shown under it on public pages."""

    credit = models.CharField(_("credit"), max_length=255, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class DocumentType(models.TextChoices):
    REPORT = "report", _("Report")
    TERMS_OF_REFERENCE = "tor", _("Terms of reference")
    MINUTES = "minutes", _("Minutes")
    STRATEGY = "strategy", _("Strategy / policy")
    NOTE = "note", _("Note")
    STUDY = "study", _("Study")
    LEGAL = "legal", _("Legal text")
    PRESENTATION = "presentation", _("Presentation")
    OTHER = "other", _("Other")


class AudienceCode(models.TextChoices):
    """The six families of actors the library serves."""

    ADMINISTRATION = "administration", _("Administration")
    PARTNERS = "partners", _("Technical and financial partners")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    ELECTED = "elected", _("Elected officials")
    UNIONS = "unions", _("Trade unions")


class LanguageCode(models.TextChoices):
    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")
    ARABIC = "ar", _("Arabic")
    BAMBARA = "bm", _("Bambara")
    OTHER = "other", _("Other language")


class CountryScope(models.TextChoices):
    MALI = "mali", _("Mali")
    SAHEL = "sahel", _("Sahel / West Africa")
    AFRICA = "africa", _("Africa")
    GLOBAL = "global", _("Global")


class ReviewStatus(models.TextChoices):
    """Where a document stands in moderation (``library.moderation``): only an approved
    document is ever listed publicly, whatever ``is_listed`` says."""

    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ExtractionStatus(models.TextChoices):
    PENDING = "pending", _("Not extracted yet")
    OK = "ok", _("Text extracted")
    EMPTY = "empty", _("No text found (scanned document?)")
    FAILED = "failed", _("The file could not be read: text extraction failed")
    NOT_APPLICABLE = "not_applicable", _("No text extraction for this format")


class Audience(models.Model):
    """One of the six families of actors (a fixed list, created by migration)."""

    code = models.CharField(_("code"), max_length=32, choices=AudienceCode.choices, unique=True)

    class Meta:
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")
        ordering = ["pk"]

    def __str__(self):
        return str(self.get_code_display())


class DocumentLanguage(models.Model):
    """A language a document is written in (a fixed list, created by migration)."""

    code = models.CharField(_("code"), max_length=8, choices=LanguageCode.choices, unique=True)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["pk"]

    def __str__(self):
        return str(self.get_code_display())


def source_locale_groups():
    """Documents link to the groups of the default-language tree (translations follow them)."""
    return models.Q(locale__language_code=settings.LANGUAGE_CODE)


def source_locale_organisations():
    return models.Q(locale__language_code=settings.LANGUAGE_CODE)


# Metadata a document needs before it may be shown in the public library.
REQUIRED_FOR_PUBLIC = ("description", "document_type", "publication_date")
REQUIRED_M2M_FOR_PUBLIC = ("issuing_organisations", "languages", "audiences")


class LibraryDocumentQuerySet(DocumentQuerySet):
    def listed(self):
        """Documents an editor chose to show publicly, with their required metadata.

        The one definition of "public in the library", used by the library pages, feeds and
        sitemap and by the groups' pages (privacy of collections is checked on top of it).
        """
        return self.filter(
            is_listed=True, review_status=ReviewStatus.APPROVED, publication_date__isnull=False
        ).exclude(document_type="")

    def awaiting_review(self):
        """Documents an editor asked to list, waiting for a moderator's decision."""
        return self.filter(is_listed=True, review_status=ReviewStatus.PENDING)


class CustomDocument(AbstractDocument):
    """A document of the library: reports, terms of reference, minutes…"""

    objects = LibraryDocumentQuerySet.as_manager()

    description = models.TextField(_("description"), blank=True)
    document_type = models.CharField(
        _("document type"), max_length=20, choices=DocumentType.choices, blank=True
    )
    issuing_organisations = models.ManyToManyField(
        "groups.Organisation",
        verbose_name=_("issuing organisations"),
        blank=True,
        related_name="issued_documents",
        limit_choices_to=source_locale_organisations,
    )
    publication_date = models.DateField(_("publication date"), null=True, blank=True)
    languages = models.ManyToManyField(
        DocumentLanguage, verbose_name=_("languages of the document"), blank=True
    )
    audiences = models.ManyToManyField(Audience, verbose_name=_("audiences"), blank=True)
    thematic_groups = models.ManyToManyField(
        "groups.ThematicGroupPage",
        verbose_name=_("thematic groups"),
        blank=True,
        related_name="library_documents",
        limit_choices_to=source_locale_groups,
    )
    country_scope = models.CharField(
        _("country scope"),
        max_length=16,
        choices=CountryScope.choices,
        default=CountryScope.MALI,
        blank=True,
    )
    is_listed = models.BooleanField(
        _("show in the public library"),
        default=False,
        help_text=_(
            "Requires a description, a type, a publication date, at least one issuing "
            "organisation, language and audience. A focal point's document is listed once the "
            "group's moderators approve it."
        ),
    )
    review_status = models.CharField(
        _("approval"),
        max_length=16,
        choices=ReviewStatus.choices,
        default=ReviewStatus.PENDING,
        editable=False,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True, editable=False)
    review_comment = models.TextField(_("moderator's comment"), blank=True, editable=False)
    submitted_at = models.DateTimeField(
        _("submitted for approval at"), null=True, blank=True, editable=False
    )
    listed_at = models.DateTimeField(
        _("first listed in the public library at"),
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_(
            "When the document first became public in the library (approval, or direct "
            "publication): what is new in the digests and feeds, not the upload date."
        ),
    )
    extracted_text = models.TextField(_("extracted text"), blank=True, editable=False)
    extraction_status = models.CharField(
        _("text extraction"),
        max_length=16,
        choices=ExtractionStatus.choices,
        default=ExtractionStatus.PENDING,
        editable=False,
    )
    extraction_message = models.CharField(max_length=500, blank=True, editable=False)
    extracted_hash = models.CharField(max_length=40, blank=True, editable=False)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True, editable=False)

    admin_form_fields = (
        *Document.admin_form_fields,
        "description",
        "document_type",
        "issuing_organisations",
        "publication_date",
        "languages",
        "audiences",
        "thematic_groups",
        "country_scope",
        "is_listed",
    )

    search_fields = [
        *AbstractDocument.search_fields,
        index.SearchField("description"),
        index.SearchField("extracted_text"),
        index.RelatedFields(
            "issuing_organisations", [index.SearchField("name"), index.SearchField("acronym")]
        ),
        index.FilterField("is_listed"),
        index.FilterField("document_type"),
        index.FilterField("publication_date"),
        index.FilterField("country_scope"),
        index.FilterField("review_status"),
    ]

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [
            models.Index(fields=["is_listed", "-publication_date"], name="library_doc_listed_date"),
            models.Index(fields=["review_status", "collection"], name="library_doc_review"),
        ]

    @property
    def extension(self):
        return os.path.splitext(self.file.name)[1].lstrip(".").lower() if self.file else ""

    @property
    def slug(self):
        return slugify(self.title)[:80] or "document"

    @property
    def publication_year(self):
        return self.publication_date.year if self.publication_date else None

    def missing_public_metadata(self, m2m_values=None):
        """Names of the required fields still empty (``m2m_values`` overrides saved relations)."""
        missing = [name for name in REQUIRED_FOR_PUBLIC if not getattr(self, name)]
        for name in REQUIRED_M2M_FOR_PUBLIC:
            if m2m_values is not None and name in m2m_values:
                present = bool(m2m_values[name])
            else:
                present = self.pk is not None and getattr(self, name).exists()
            if not present:
                missing.append(name)
        return missing

    def clean(self):
        # Wagtail checks the extension again here; when the form already refused the file, the
        # instance has no file and that check would add a misleading "extension « »" error.
        if self.file and self.file.name:
            super().clean()

    def needs_extraction(self):
        return bool(self.file) and (not self.file_hash or self.file_hash != self.extracted_hash)

    def extract_text(self, force=False):
        """Fill the extracted text and page count from the file (bounded; never raises).

        Writes the result with one UPDATE (no ``save()``: no new revision, no new task) and
        refreshes the search index.
        """
        if not self.file or (not force and not self.needs_extraction()):
            return
        try:
            with self.open_file() as handle:
                data = handle.read()
        except (OSError, ValueError) as error:
            result = Extraction(status=ExtractionStatus.FAILED, message=str(error)[:500])
        else:
            result = extract_bounded(data, self.extension)
        self.extracted_text = clean_text(result.text)
        self.extraction_status = result.status
        self.extraction_message = result.message[:500]
        self.page_count = result.page_count
        self.extracted_hash = self.file_hash
        if self.pk:
            type(self).objects.filter(pk=self.pk).update(
                extracted_text=self.extracted_text,
                extraction_status=self.extraction_status,
                extraction_message=self.extraction_message,
                page_count=self.page_count,
                extracted_hash=self.extracted_hash,
            )
            index.insert_or_update_object(self)

    def mark_listed(self, now=None):
        """Stamp ``listed_at`` the first time the document is ``listed()`` (one UPDATE, none
        once stamped): approval by a moderator, direct publication, metadata completed later.
        Delisting and listing again keeps the first date: it is not new a second time."""
        if self.pk is None or self.listed_at is not None or not self.is_listed:
            return
        now = now or timezone.now()
        if (
            type(self)
            .objects.listed()
            .filter(pk=self.pk, listed_at__isnull=True)
            .update(listed_at=now)
        ):
            self.listed_at = now

    def save(self, *args, **kwargs):
        pending = self.needs_extraction()
        if pending:
            self.extraction_status = ExtractionStatus.PENDING
        super().save(*args, **kwargs)
        self.mark_listed()
        if pending:
            from operations.jobs import enqueue_on_commit

            from ..tasks import extract_document_text

            job = enqueue_on_commit(
                extract_document_text,
                self.pk,
                user=self.uploaded_by_user,
                label=_("Text extraction: %(title)s") % {"title": self.title},
            )
            if not job.is_active:  # the immediate backend ran it already: show its result
                self.refresh_from_db(
                    fields=[
                        "extracted_text",
                        "extraction_status",
                        "extraction_message",
                        "page_count",
                        "extracted_hash",
                    ]
                )

"""Reporting organisations and IATI activities (snippets with drafts and revisions)."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import DraftStateMixin, RevisionMixin
from wagtail.search import index

from .codelists import CodeField
from .kept import KeptSource
from .revision_keys import check_keys
from .text import CleanTextMixin


class ReportingOrganisation(CleanTextMixin, KeptSource, models.Model):
    """An organisation that publishes IATI data through the portal (the ``reporting-org``)."""

    ref = models.CharField(
        _("IATI organisation identifier"),
        max_length=100,
        unique=True,
        help_text=_("For example XM-DAC-7 or FR-6 — the prefix of its activities' identifiers."),
    )
    name_fr = models.CharField(_("name (French)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    org_type = CodeField(_("organisation type"), codelist="OrganisationType", default="10")
    organisation = models.ForeignKey(
        "groups.Organisation",
        verbose_name=_("organisation of the portal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    default_currency = CodeField(
        _("default currency"), codelist="Currency", blank=True, default="XOF"
    )

    class Meta:
        verbose_name = _("IATI reporting organisation")
        verbose_name_plural = _("IATI reporting organisations")
        ordering = ["name_fr"]

    def __str__(self):
        return f"{self.name} ({self.ref})"

    @property
    def name(self):
        if (get_language() or "fr")[:2] == "en" and self.name_en:
            return self.name_en
        return self.name_fr or self.name_en

    def get_activities_url(self):
        return reverse("iati_org_activities", args=[self.ref])


class Activity(
    CleanTextMixin, KeptSource, DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel
):
    """An IATI activity (project or programme) of a partner in Mali, published as IATI 2.03."""

    reporting_org = models.ForeignKey(
        ReportingOrganisation,
        verbose_name=_("reporting organisation"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    iati_identifier = models.CharField(
        _("IATI identifier"),
        max_length=150,
        unique=True,
        help_text=_(
            "Starts with the reporting organisation's identifier and a hyphen, "
            "e.g. XM-DAC-7-PPR-12345."
        ),
    )
    title_fr = models.CharField(_("title (French)"), max_length=500, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    activity_status = CodeField(_("activity status"), codelist="ActivityStatus", default="2")
    default_currency = CodeField(
        _("default currency"), codelist="Currency", blank=True, default="XOF"
    )
    default_aid_type = CodeField(_("default aid type"), codelist="AidType", blank=True)
    default_finance_type = CodeField(_("default finance type"), codelist="FinanceType", blank=True)
    default_flow_type = CodeField(_("default flow type"), codelist="FlowType", blank=True)
    default_tied_status = CodeField(_("default tied status"), codelist="TiedStatus", blank=True)
    collaboration_type = CodeField(
        _("collaboration type"), codelist="CollaborationType", blank=True
    )
    recipient_country = CodeField(
        _("recipient country"),
        codelist="Country",
        blank=True,
        default="ML",
        help_text=_("Mali by default. Leave empty when the activity is split between regions."),
    )
    thematic_groups = ParentalManyToManyField(
        "groups.ThematicGroupPage",
        verbose_name=_("thematic groups"),
        blank=True,
        related_name="iati_activities",
        limit_choices_to={"locale__language_code": "fr"},
        help_text=_("The French pages of the groups (their translations follow)."),
    )
    last_updated = models.DateTimeField(
        _("last updated"),
        default=timezone.now,
        help_text=_("Set when an editor saves the activity; an import keeps the publisher's."),
    )
    # declared last: fingerprints of imported activities list the fields in this order
    humanitarian = models.BooleanField(
        _("humanitarian"),
        null=True,
        blank=True,
        help_text=_("Does the activity address a humanitarian emergency? Empty: not stated."),
    )

    search_fields = [
        index.SearchField("iati_identifier"),
        index.SearchField("title_fr"),
        index.SearchField("title_en"),
        index.AutocompleteField("title_fr"),
        index.AutocompleteField("iati_identifier"),
        index.FilterField("live"),
        index.FilterField("reporting_org"),
        # the admin listing sorts search results by these (else a search answers 500)
        index.FilterField("iati_identifier"),
        index.FilterField("activity_status"),
    ]

    class Meta:
        verbose_name = _("IATI activity")
        verbose_name_plural = _("IATI activities")
        ordering = ["iati_identifier"]

    def __str__(self):
        return f"{self.title or self.iati_identifier}"

    @property
    def title(self):
        if (get_language() or "fr")[:2] == "en":
            return self.title_en or self.title_fr
        return self.title_fr or self.title_en

    @property
    def description(self):
        if (get_language() or "fr")[:2] == "en":
            return self.description_en or self.description_fr
        return self.description_fr or self.description_en

    @classmethod
    def from_serializable_data(cls, data, check_fks=True, strict_fks=False):
        """Wagtail's (a revision's content as an activity), with the foreign keys checked in
        one query per related model instead of one per key of each row
        (``revision_keys.check_keys``)."""
        obj = super().from_serializable_data(data, check_fks=False, strict_fks=strict_fks)
        if obj is None or not check_fks:
            return obj
        return check_keys(obj, strict_fks)

    def latest_version(self):
        """The activity as last saved by an editor: its latest revision's content when it has
        unpublished changes, else itself. The content is applied to this instance (Wagtail's
        ``Revision.as_object`` would load the activity again: one query per activity); select
        ``latest_revision`` with the activities to read it with them. SQL: the content's keys,
        one query per related model (``from_serializable_data``)."""
        if self.has_unpublished_changes and self.latest_revision_id:
            return self.with_content_json(self.latest_revision.content)
        return self

    def clean(self):
        """Model-level checks; the full IATI validation runs in the admin form."""
        super().clean()
        self.iati_identifier = (self.iati_identifier or "").strip()


class ActivityCheck(models.Model):
    """The outcome of the last IATI check of an activity's latest version (for the report)."""

    activity = models.OneToOneField(
        Activity, on_delete=models.CASCADE, related_name="check_result", primary_key=True
    )
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    warning_count = models.PositiveIntegerField(_("warnings"), default=0)
    rules = models.JSONField(_("rules broken"), default=list, blank=True)
    checked_at = models.DateTimeField(_("checked at"), default=timezone.now)

    class Meta:
        verbose_name = _("IATI check")
        verbose_name_plural = _("IATI checks")

    def __str__(self):
        return f"{self.activity_id}: {self.error_count} / {self.warning_count}"

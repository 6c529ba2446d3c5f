"""Organisations and thematic groups (GT / SGT).

The foundation defines the shapes other apps link to (``Organisation``, ``ThematicGroupPage``);
the thematic-groups issue fills in canevas pages, meetings, permissions and the dashboard.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index


class OrganisationFamily(models.TextChoices):
    PTF_BILATERAL = "ptf_bilateral", _("Bilateral partner (PTF)")
    PTF_MULTILATERAL = "ptf_multilateral", _("Multilateral partner (PTF)")
    GOVERNMENT = "government", _("Government")
    CSO = "cso", _("Civil society organisation")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    ELECTED = "elected", _("Elected officials")
    UNIONS = "unions", _("Trade unions")
    OTHER = "other", _("Other")


class Organisation(TranslatableMixin, index.Indexed, models.Model):
    """A partner, ministry or other body: leads groups, issues documents, reports aid (IATI)."""

    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=50, blank=True)
    family = models.CharField(
        _("family of actors"),
        max_length=32,
        choices=OrganisationFamily.choices,
        default=OrganisationFamily.OTHER,
    )
    logo = models.ForeignKey(
        "library.CustomImage",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("website"), blank=True)
    iati_identifier = models.CharField(
        _("IATI organisation identifier"),
        max_length=100,
        blank=True,
        help_text=_("For example XM-DAC-7 or ML-NIF-1234, when known."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("acronym"),
        FieldPanel("family"),
        FieldPanel("logo"),
        FieldPanel("website"),
        FieldPanel("iati_identifier"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("acronym"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class GroupStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    AD_HOC = "ad_hoc", _("Ad hoc")
    CLOSED = "closed", _("Closed")


class GroupIndexPage(Page):
    """The list of thematic groups (one per locale)."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["groups.ThematicGroupPage"]
    template = "groups/group_index_page.html"

    class Meta:
        verbose_name = _("thematic groups index")


class BaseGroupPage(Page):
    """Fields shared by GT and SGT pages."""

    acronym = models.CharField(_("acronym"), max_length=30)
    mandate = RichTextField(_("mandate"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=GroupStatus.choices, default=GroupStatus.ACTIVE
    )
    lead_partner = models.ForeignKey(
        Organisation,
        verbose_name=_("lead partner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("acronym"),
        FieldPanel("status"),
        FieldPanel("lead_partner"),
        FieldPanel("mandate"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("acronym"),
        index.SearchField("mandate"),
    ]

    class Meta:
        abstract = True


class ThematicGroupPage(BaseGroupPage):
    """A thematic group (GT) of the PTF, edited by its own focal points."""

    parent_page_types = ["groups.GroupIndexPage"]
    subpage_types = ["groups.SubGroupPage"]
    template = "groups/thematic_group_page.html"

    class Meta:
        verbose_name = _("thematic group (GT)")
        verbose_name_plural = _("thematic groups (GT)")


class SubGroupPage(BaseGroupPage):
    """A sub-group (SGT), always under a GT."""

    parent_page_types = ["groups.ThematicGroupPage"]
    subpage_types = []
    template = "groups/thematic_group_page.html"

    class Meta:
        verbose_name = _("sub-group (SGT)")
        verbose_name_plural = _("sub-groups (SGT)")

"""Organisations: partners, ministries and other bodies (a translatable snippet).

Reused by the library (document authors) and the IATI publisher (reporting organisations).
Found in the admin's choosers by name, acronym or IATI identifier (``groups.choosers``; after
adding search fields, ``manage.py update_index`` re-indexes the existing organisations).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
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
        index.AutocompleteField("acronym"),
        index.SearchField("iati_identifier"),
        index.AutocompleteField("iati_identifier"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        if not self.acronym or self.acronym.casefold() in self.name.casefold():
            return self.name  # "Coopération allemande (GIZ)", "Canada": the acronym once
        return f"{self.name} ({self.acronym})"

"""The activity's classifications and cross-references, edited inline on the activity's screen:
policy markers, humanitarian scopes, tags (SDG goals and targets…), other identifiers and
related activities. Imported ones keep their element (``KeptSource``), like every part; how
they are read from and written to XML is declared once, in ``iati_publisher.extra_parts``.

A narrative (the name of a reporting organisation's own code, of an owner organisation) is one
text with its language: any ISO 639-1 code of the Language codelist; further narratives of an
imported element are kept as they were. No SQL of its own.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.models import Orderable

from .activity import Activity
from .codelists import CodeField
from .kept import KeptSource
from .text import CleanTextMixin


def narrative_field(verbose_name=None):
    return models.CharField(verbose_name or _("name"), max_length=500, blank=True)


def narrative_language_field():
    return CodeField(
        _("language of the name"),
        codelist="Language",
        blank=True,
        help_text=_("Empty: the activity's language."),
    )


class PolicyMarker(CleanTextMixin, KeptSource, Orderable):
    """A policy marker (gender equality, environment… of the OECD DAC) and its significance."""

    activity = ParentalKey(Activity, on_delete=models.CASCADE, related_name="policy_markers")
    vocabulary = CodeField(_("vocabulary"), codelist="PolicyMarkerVocabulary", default="1")
    code = models.CharField(
        _("policy marker"),
        max_length=100,
        help_text=_("A code of the OECD DAC list, or your own code (vocabulary 99)."),
    )
    significance = CodeField(_("significance"), codelist="PolicySignificance", blank=True)
    vocabulary_uri = models.URLField(_("vocabulary address"), max_length=500, blank=True)
    narrative = narrative_field()
    narrative_lang = narrative_language_field()

    class Meta(Orderable.Meta):
        verbose_name = _("policy marker")
        verbose_name_plural = _("policy markers")


class HumanitarianScope(CleanTextMixin, KeptSource, Orderable):
    """An emergency or appeal the activity responds to (e.g. a GLIDE number)."""

    activity = ParentalKey(Activity, on_delete=models.CASCADE, related_name="humanitarian_scopes")
    type = CodeField(_("type"), codelist="HumanitarianScopeType", default="1")
    vocabulary = CodeField(_("vocabulary"), codelist="HumanitarianScopeVocabulary", default="1-2")
    vocabulary_uri = models.URLField(_("vocabulary address"), max_length=500, blank=True)
    code = models.CharField(_("code"), max_length=100)
    narrative = narrative_field(_("description"))
    narrative_lang = narrative_language_field()

    class Meta(Orderable.Meta):
        verbose_name = _("humanitarian scope")
        verbose_name_plural = _("humanitarian scopes")


class ActivityTag(CleanTextMixin, KeptSource, Orderable):
    """A tag: a Sustainable Development Goal (vocabulary 2) or target (3), or another list."""

    activity = ParentalKey(Activity, on_delete=models.CASCADE, related_name="tags")
    vocabulary = CodeField(_("vocabulary"), codelist="TagVocabulary", default="2")
    vocabulary_uri = models.URLField(_("vocabulary address"), max_length=500, blank=True)
    code = models.CharField(
        _("tag"), max_length=100, help_text=_("An SDG goal (e.g. 3) or target (e.g. 3.1).")
    )
    narrative = narrative_field()
    narrative_lang = narrative_language_field()

    class Meta(Orderable.Meta):
        verbose_name = _("tag")
        verbose_name_plural = _("tags")


class OtherIdentifier(CleanTextMixin, KeptSource, Orderable):
    """Another identifier of the activity (a previous IATI identifier, a donor's number…)."""

    activity = ParentalKey(Activity, on_delete=models.CASCADE, related_name="other_identifiers")
    ref = models.CharField(_("identifier"), max_length=200)
    type = CodeField(_("type"), codelist="OtherIdentifierType", default="A1")
    owner_org_ref = models.CharField(_("owner's IATI identifier"), max_length=100, blank=True)
    owner_org_name = narrative_field(_("owner's name"))
    owner_org_name_lang = narrative_language_field()

    class Meta(Orderable.Meta):
        verbose_name = _("other identifier")
        verbose_name_plural = _("other identifiers")


class RelatedActivity(CleanTextMixin, KeptSource, Orderable):
    """Another IATI activity related to this one (parent, child, co-funded…)."""

    activity = ParentalKey(Activity, on_delete=models.CASCADE, related_name="related_activities")
    ref = models.CharField(_("IATI identifier of the related activity"), max_length=150)
    type = CodeField(_("relation"), codelist="RelatedActivityType", default="1")

    class Meta(Orderable.Meta):
        verbose_name = _("related activity")
        verbose_name_plural = _("related activities")

"""IATI codelists: the one store of codes (loaded from the official XML files shipped in
``iati_publisher/data``, reloadable with ``load_iati_codelists``).

Activity fields hold plain codes (``CodeField``); the editor shows them as a select listing the
codelist's names in the editor's language, and the validator checks them against the codelist
that the official ``mapping.xml`` assigns to the matching XML path — both read these tables
(through ``iati_publisher.codelists`` and ``validation.resources.codelists()``).
"""

from django import forms
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Codelist(models.Model):
    """One official IATI codelist (e.g. ``ActivityStatus``, ``Sector``)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=255, blank=True)
    category_codelist = models.CharField(_("category codelist"), max_length=100, blank=True)
    embedded = models.BooleanField(_("embedded in the standard"), default=False)
    complete = models.BooleanField(
        _("complete"),
        default=True,
        help_text=_("Off for an open list: any code is accepted but its withdrawn ones."),
    )

    class Meta:
        verbose_name = _("IATI codelist")
        verbose_name_plural = _("IATI codelists")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CodelistItem(models.Model):
    """One code of a codelist, with its English and French names."""

    ACTIVE = "active"
    WITHDRAWN = "withdrawn"
    STATUS_CHOICES = [(ACTIVE, _("Active")), (WITHDRAWN, _("Withdrawn"))]

    codelist = models.ForeignKey(
        Codelist, verbose_name=_("codelist"), on_delete=models.CASCADE, related_name="items"
    )
    code = models.CharField(_("code"), max_length=100)
    name_en = models.TextField(_("name (English)"), blank=True)
    name_fr = models.TextField(_("name (French)"), blank=True)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default=ACTIVE)
    category = models.CharField(_("category"), max_length=100, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("IATI code")
        verbose_name_plural = _("IATI codes")
        ordering = ["codelist", "position"]
        constraints = [
            models.UniqueConstraint(fields=["codelist", "code"], name="iati_unique_code_per_list")
        ]

    def __str__(self):
        return f"{self.code} – {self.label()}"

    def label(self, language=None):
        """The name in ``language`` (default: the active language), falling back to English."""
        language = (language or get_language() or "fr")[:2]
        if language == "fr" and self.name_fr:
            return self.name_fr
        return self.name_en or self.name_fr or self.code


class CodelistSelect(forms.Select):
    """A select of a codelist's codes, named in the active language; withdrawn codes hidden
    unless already stored on the object being edited."""

    def __init__(self, codelist, attrs=None, only=None):
        self.codelist = codelist
        self.only = tuple(only) if only else None
        attrs = {
            "class": "iati-codelist",
            "data-search-label": _("Search the list"),
            **(attrs or {}),
        }
        super().__init__(attrs=attrs)

    class Media:  # a search box on long lists
        js = ["js/iati-codelist-search.js"]

    @property
    def choices(self):
        return []

    @choices.setter
    def choices(self, value):
        pass

    def __deepcopy__(self, memo):
        obj = super().__deepcopy__(memo)
        obj.codelist = self.codelist
        obj.only = self.only
        return obj

    def optgroups(self, name, value, attrs=None):
        from iati_publisher.codelists import choices_for

        current = {str(v) for v in value if v}
        self_choices = [("", "---------")]
        choices = choices_for(self.codelist, include=current)
        if self.only:  # a short list on repeated rows; a stored code is always kept
            choices = [(c, label) for c, label in choices if c in self.only or c in current]
        self_choices += choices
        known = {c for c, _label in self_choices}
        self_choices += [(c, c) for c in sorted(current - known)]
        groups = []
        for index, (code, label) in enumerate(self_choices):
            selected = str(code) in current or (not current and code == "")
            groups.append(
                (
                    None,
                    [self.create_option(name, code, label, selected, index, attrs=attrs)],
                    index,
                )
            )
        return groups


class CodeField(models.CharField):
    """A code of an IATI codelist, edited with a ``CodelistSelect``."""

    def __init__(self, *args, codelist=None, **kwargs):
        self.codelist = codelist
        kwargs.setdefault("max_length", 20)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["codelist"] = self.codelist
        if kwargs.get("max_length") == 20:
            del kwargs["max_length"]
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        if self.codelist:
            kwargs.setdefault("widget", CodelistSelect(self.codelist))
        return super().formfield(**kwargs)

"""Organisation choosers that find things: one entry per organisation, in the editor's language.

Wagtail's snippet chooser lists every copy of a translatable snippet (the 40 organisations
twice, French and English) and searches its autocomplete fields only ("UNICEF", an acronym,
found nothing). This chooser (``OrganisationViewSet.chooser_viewset_class``):

- lists the organisations of one locale: the ``locale`` URL parameter's when given, else the
  default language's, the copies that pages and documents link to
  (``library.models.documents.source_locale_organisations``); no locale filter, no locale column;
- labels each entry in the editor's language (the active admin language): the name of the
  organisation's translation in that language when there is one, with its acronym;
- searches ``q`` in the name, acronym and IATI identifier of every translation, with or without
  accents and from the first letters (the search backend's autocomplete: ``unaccent`` on
  PostgreSQL, FTS5's diacritics folding on SQLite), plus a plain substring match on acronyms
  and IATI identifiers ("41122" finds ``XM-DAC-41122``), then keeps one entry per organisation.

``OrganisationMultipleChooser`` is the widget of many-to-many fields to organisations (a
document's issuing organisations): the chosen ones listed with a remove button, and an "add"
button that opens this chooser in Wagtail's multiple-selection mode (checkboxes + search), the
same modal as ``MultipleChooserPanel``'s. Its script (``static/js/multiple-chooser.js``, small
vanilla JS) works by event delegation, so it also works in forms inserted later (multiple upload).

SQL: a chooser page costs 1 query for the locale, 1 search + 1 substring query when searching,
1 count, 1 page and 1 query for the labels (constant with the number of organisations); the
chosen view 2; the widget 1 query for the chosen organisations' labels.
"""

from django import forms
from django.conf import settings
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Lower
from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.telepath import JSContext
from wagtail.admin.ui.tables import Column
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)

from .models import Organisation


def chooser_locale(request):
    """The locale whose organisations are listed: ``?locale=`` when valid, else the default."""
    code = request.GET.get("locale") or settings.LANGUAGE_CODE
    return (
        Locale.objects.filter(language_code=code).first()
        or Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    )


def labels_in_language(organisations, language=None):
    """``{pk: label}``: each organisation named in ``language`` (its translation's name when it
    exists, else its own). One query."""
    organisations = list(organisations)
    language = (language or get_language() or settings.LANGUAGE_CODE)[:2]
    keys = {organisation.translation_key for organisation in organisations}
    translated = {
        organisation.translation_key: str(organisation)
        for organisation in Organisation.objects.filter(
            translation_key__in=keys, locale__language_code=language
        )
    }
    return {
        organisation.pk: translated.get(organisation.translation_key, str(organisation))
        for organisation in organisations
    }


def matching_translation_keys(query):
    """Translation keys of the organisations whose name, acronym or IATI identifier (in any
    language) matches ``query``: accent-insensitive autocomplete, plus substrings of codes."""
    everything = Organisation.objects.all()
    found = get_search_backend().autocomplete(query, everything)
    keys = {organisation.translation_key for organisation in found}
    keys.update(
        everything.filter(
            Q(acronym__icontains=query) | Q(iati_identifier__icontains=query)
        ).values_list("translation_key", flat=True)
    )
    return keys


class OrganisationFilterForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Name, acronym or IATI identifier")}),
        required=False,
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            self.is_searching = True
            self.search_query = query
            objects = objects.filter(translation_key__in=matching_translation_keys(query))
        return objects


class OrganisationChooserMixin:
    filter_form_class = OrganisationFilterForm
    preserve_url_parameters = ["multiple", "locale"]

    @cached_property
    def i18n_enabled(self):
        return False  # one locale listed: no locale filter, no locale column

    def get_object_list(self):
        """The listed locale's organisations, in the alphabetical order of their labels."""
        language = (get_language() or settings.LANGUAGE_CODE)[:2]
        translated = Organisation.objects.filter(
            translation_key=OuterRef("translation_key"), locale__language_code=language
        ).values("name")[:1]
        return (
            Organisation.objects.filter(locale=chooser_locale(self.request))
            .annotate(label_name=Coalesce(Subquery(translated), "name"))
            .order_by(Lower("label_name"), "pk")
        )

    def get_results_page(self, request):
        page = super().get_results_page(request)
        self.labels = labels_in_language(page.object_list)
        return page

    def label(self, organisation):
        return getattr(self, "labels", {}).get(organisation.pk) or str(organisation)

    @property
    def title_column(self):
        column = super().title_column
        column.accessor = self.label
        column.label = _("Organisation")
        return column

    @property
    def columns(self):
        return [
            *super().columns,
            Column("iati_identifier", label=_("IATI identifier"), accessor="iati_identifier"),
        ]


class OrganisationChooseView(OrganisationChooserMixin, ChooseView):
    pass


class OrganisationChooseResultsView(OrganisationChooserMixin, ChooseResultsView):
    pass


class LabelledChosenMixin:
    def get_display_title(self, instance):
        return labels_in_language([instance])[instance.pk]


class OrganisationChosenView(LabelledChosenMixin, SnippetChosenView):
    pass


class OrganisationChosenMultipleView(LabelledChosenMixin, SnippetChosenMultipleView):
    pass


class OrganisationChooserViewSet(SnippetChooserViewSet):
    choose_view_class = OrganisationChooseView
    choose_results_view_class = OrganisationChooseResultsView
    chosen_view_class = OrganisationChosenView
    chosen_multiple_view_class = OrganisationChosenMultipleView


class OrganisationMultipleChooser(forms.Widget):
    """Chosen organisations as a list (hidden inputs named like the field) + "add" button."""

    template_name = "groups/admin/multiple_chooser.html"

    def value_from_datadict(self, data, files, name):
        getter = getattr(data, "getlist", None)
        values = getter(name) if getter else data.get(name)
        return [value for value in (values or []) if value not in ("", None)]

    def value_omitted_from_data(self, data, files, name):
        return False  # nothing chosen is "none", not "field absent"

    @cached_property
    def chooser_definition(self):
        """The Wagtail chooser widget's telepath definition (what the modal is opened with)."""
        from wagtail.snippets.widgets import AdminSnippetChooser

        context = JSContext()
        definition = context.pack(AdminSnippetChooser(Organisation))
        return definition, context.media

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        pks = [str(getattr(item, "pk", item)) for item in (value or [])]
        chosen = Organisation.objects.filter(pk__in=[pk for pk in pks if pk.isdecimal()])
        labels = labels_in_language(chosen)
        context["widget"]["items"] = sorted(
            ({"pk": pk, "label": label} for pk, label in labels.items()),
            key=lambda item: item["label"].casefold(),
        )
        context["widget"]["definition"] = self.chooser_definition[0]
        return context

    def format_value(self, value):
        return value

    def _render(self, template_name, context, renderer=None):
        """With the project's templates (``templates/``), not only the form renderer's."""
        return mark_safe(render_to_string(template_name, context))  # the template escapes

    @property
    def media(self):
        return self.chooser_definition[1] + forms.Media(js=["js/multiple-chooser.js"])

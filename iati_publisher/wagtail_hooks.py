"""Admin registration: the IATI menu (activities, reporting organisations, validation report)."""

from django import forms
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import ActivityCreateView, ActivityEditView, validation_report
from .forms import ActivityAdminForm
from .formsets import KeptInlinePanel
from .models import Activity, CodelistSelect, ReportingOrganisation
from .widgets import CodelistInput, GazetteerSelect, PointPickerWidget

# Repeated rows offer the currencies and languages in use in Mali (a lighter page on slow
# connections); the activity's default currency offers the whole list, and stored codes stay.
ROW_CURRENCIES = (
    "XOF",
    "EUR",
    "USD",
    "CAD",
    "GBP",
    "CHF",
    "SEK",
    "NOK",
    "DKK",
    "JPY",
    "CNY",
    "XDR",
)
ROW_LANGUAGES = ("fr", "en", "bm", "ar")


def currency_panel():
    return FieldPanel("currency", widget=CodelistSelect("Currency", only=ROW_CURRENCIES))


def narrative_row(text="narrative", lang="narrative_lang"):
    """A text and its language (any ISO 639-1 code of the Language codelist)."""
    return FieldRowPanel([FieldPanel(text), FieldPanel(lang)])


classifications_tab = ObjectList(
    [
        FieldPanel("humanitarian"),
        KeptInlinePanel(
            "policy_markers",
            label=_("Policy markers"),
            panels=[
                FieldRowPanel(
                    [
                        FieldPanel("vocabulary"),
                        FieldPanel("code", widget=CodelistInput(["PolicyMarker"])),
                        FieldPanel("significance"),
                    ]
                ),
                narrative_row(),
                FieldPanel("vocabulary_uri"),
            ],
        ),
        KeptInlinePanel(
            "humanitarian_scopes",
            label=_("Humanitarian scopes"),
            panels=[
                FieldRowPanel([FieldPanel("type"), FieldPanel("vocabulary"), FieldPanel("code")]),
                narrative_row(),
                FieldPanel("vocabulary_uri"),
            ],
        ),
        KeptInlinePanel(
            "tags",
            label=_("Tags (Sustainable Development Goals…)"),
            panels=[
                FieldRowPanel(
                    [
                        FieldPanel("vocabulary"),
                        FieldPanel("code", widget=CodelistInput(["UNSDG-Goals", "UNSDG-Targets"])),
                    ]
                ),
                narrative_row(),
                FieldPanel("vocabulary_uri"),
            ],
        ),
        KeptInlinePanel(
            "other_identifiers",
            label=_("Other identifiers"),
            panels=[
                FieldRowPanel([FieldPanel("ref"), FieldPanel("type")]),
                FieldPanel("owner_org_ref"),
                narrative_row("owner_org_name", "owner_org_name_lang"),
            ],
        ),
        KeptInlinePanel(
            "related_activities",
            label=_("Related activities"),
            panels=[FieldRowPanel([FieldPanel("ref"), FieldPanel("type")])],
        ),
    ],
    heading=_("Classifications and links"),
)


activity_edit_handler = TabbedInterface(
    [
        ObjectList(
            [
                FieldPanel("reporting_org"),
                FieldPanel("iati_identifier"),
                FieldRowPanel([FieldPanel("title_fr"), FieldPanel("title_en")]),
                FieldPanel("description_fr"),
                FieldPanel("description_en"),
                InlinePanel(
                    "narratives",
                    label=_("Title and descriptions: other languages and other types"),
                    help_text=_(
                        "Title texts in languages other than French and English; descriptions "
                        "of every type (objectives, target groups, other) in every language."
                    ),
                    panels=[
                        FieldRowPanel(
                            [
                                FieldPanel("element"),
                                FieldPanel("description_type"),
                                FieldPanel("lang"),
                            ]
                        ),
                        FieldPanel("text"),
                    ],
                ),
                FieldPanel("activity_status"),
                FieldPanel("thematic_groups", widget=forms.CheckboxSelectMultiple),
                InlinePanel(
                    "dates", label=_("Dates"), panels=[FieldPanel("type"), FieldPanel("iso_date")]
                ),
                InlinePanel("participating_orgs", label=_("Participating organisations")),
                InlinePanel("contacts", label=_("Contacts")),
            ],
            heading=_("Identification"),
        ),
        ObjectList(
            [
                FieldPanel("recipient_country"),
                InlinePanel("recipient_countries", label=_("Recipient countries (with shares)")),
                InlinePanel(
                    "recipient_regions",
                    label=_("Recipient regions"),
                    panels=[
                        FieldPanel("vocabulary"),
                        FieldPanel("code", widget=CodelistSelect("Region")),
                        FieldPanel("percentage"),
                    ],
                ),
                InlinePanel(
                    "sectors",
                    label=_("Sectors"),
                    panels=[
                        FieldPanel("vocabulary"),
                        FieldPanel("code", widget=CodelistSelect("Sector")),
                        FieldPanel("percentage"),
                    ],
                ),
                InlinePanel(
                    "locations",
                    label=_("Locations"),
                    panels=[
                        FieldRowPanel([FieldPanel("name_fr"), FieldPanel("name_en")]),
                        FieldRowPanel(
                            [
                                FieldPanel("latitude", widget=PointPickerWidget()),
                                FieldPanel("longitude"),
                            ]
                        ),
                        FieldRowPanel(
                            [
                                FieldPanel("admin_unit_level"),
                                FieldPanel("admin_unit_code", widget=GazetteerSelect()),
                            ]
                        ),
                        FieldRowPanel(
                            [
                                FieldPanel("exactness"),
                                FieldPanel("location_class"),
                                FieldPanel("location_reach"),
                            ]
                        ),
                        FieldPanel("ref"),
                    ],
                ),
            ],
            heading=_("Geography and sectors"),
        ),
        ObjectList(
            [
                MultiFieldPanel(
                    [
                        FieldRowPanel(
                            [FieldPanel("default_currency"), FieldPanel("collaboration_type")]
                        ),
                        FieldRowPanel(
                            [FieldPanel("default_aid_type"), FieldPanel("default_finance_type")]
                        ),
                        FieldRowPanel(
                            [FieldPanel("default_flow_type"), FieldPanel("default_tied_status")]
                        ),
                    ],
                    heading=_("Defaults"),
                ),
                InlinePanel(
                    "budgets",
                    label=_("Budgets"),
                    panels=[
                        FieldRowPanel([FieldPanel("type"), FieldPanel("status")]),
                        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
                        FieldRowPanel(
                            [FieldPanel("value"), currency_panel(), FieldPanel("value_date")]
                        ),
                    ],
                ),
                InlinePanel(
                    "planned_disbursements",
                    label=_("Planned disbursements"),
                    panels=[
                        FieldRowPanel(
                            [
                                FieldPanel("type"),
                                FieldPanel("period_start"),
                                FieldPanel("period_end"),
                            ]
                        ),
                        FieldRowPanel(
                            [FieldPanel("value"), currency_panel(), FieldPanel("value_date")]
                        ),
                    ],
                ),
                InlinePanel(
                    "transactions",
                    label=_("Transactions"),
                    panels=[
                        FieldRowPanel(
                            [
                                FieldPanel("transaction_type"),
                                FieldPanel("transaction_date"),
                                FieldPanel("ref"),
                            ]
                        ),
                        FieldRowPanel(
                            [FieldPanel("value"), currency_panel(), FieldPanel("value_date")]
                        ),
                        FieldRowPanel(
                            [FieldPanel("provider_org_ref"), FieldPanel("provider_org_name")]
                        ),
                        FieldRowPanel(
                            [FieldPanel("receiver_org_ref"), FieldPanel("receiver_org_name")]
                        ),
                        FieldPanel("description"),
                        FieldRowPanel(
                            [
                                FieldPanel("sector_vocabulary"),
                                FieldPanel("sector_code", widget=CodelistInput(["Sector"])),
                            ]
                        ),
                        FieldRowPanel(
                            [
                                FieldPanel("recipient_country"),
                                FieldPanel("recipient_region", widget=CodelistSelect("Region")),
                            ]
                        ),
                    ],
                ),
            ],
            heading=_("Finance"),
        ),
        ObjectList(
            [
                InlinePanel(
                    "document_links",
                    label=_("Documents"),
                    panels=[
                        FieldPanel("title"),
                        FieldRowPanel([FieldPanel("document"), FieldPanel("url")]),
                        FieldRowPanel(
                            [
                                FieldPanel("category"),
                                FieldPanel(
                                    "language",
                                    widget=CodelistSelect("Language", only=ROW_LANGUAGES),
                                ),
                                FieldPanel("format"),
                            ]
                        ),
                    ],
                ),
                InlinePanel(
                    "results",
                    label=_("Results"),
                    panels=[
                        FieldRowPanel([FieldPanel("type"), FieldPanel("aggregation_status")]),
                        FieldRowPanel([FieldPanel("title_fr"), FieldPanel("title_en")]),
                        FieldPanel("indicators"),
                    ],
                ),
            ],
            heading=_("Documents and results"),
        ),
        classifications_tab,
    ],
    base_form_class=ActivityAdminForm,
)


class ActivityViewSet(SnippetViewSet):
    model = Activity
    icon = "globe"
    menu_label = _("Activities")
    menu_order = 100
    add_view_class = ActivityCreateView
    edit_view_class = ActivityEditView
    edit_handler = activity_edit_handler
    list_display = ["iati_identifier", "__str__", "reporting_org", "activity_status", "live"]
    list_filter = ["reporting_org", "activity_status", "live"]
    search_fields = ["iati_identifier", "title_fr", "title_en"]
    ordering = ["iati_identifier"]


class ReportingOrganisationViewSet(SnippetViewSet):
    model = ReportingOrganisation
    icon = "group"
    menu_label = _("Reporting organisations")
    menu_order = 200
    list_display = ["ref", "name_fr", "name_en", "org_type"]
    search_fields = ["ref", "name_fr", "name_en"]
    panels = [
        FieldPanel("ref"),
        FieldRowPanel([FieldPanel("name_fr"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("org_type"), FieldPanel("default_currency")]),
        FieldPanel("organisation"),
    ]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("iati_publisher.change_activity")


class ValidationReportViewSet(ViewSet):
    name = "iati_report"
    icon = "warning"
    menu_label = _("Validation report")
    menu_order = 300

    def get_urlpatterns(self):
        return [path("", validation_report, name="index")]

    @property
    def menu_url(self):
        return reverse("iati_report:index")

    def get_menu_item(self, order=None):
        return ReportMenuItem(
            self.menu_label,
            self.menu_url,
            name="iati-report",
            icon_name=self.icon,
            order=self.get_menu_item_order(order),
        )


class IATIViewSetGroup(ViewSetGroup):
    menu_label = _("IATI")
    menu_icon = "globe"
    menu_order = 250
    items = (ActivityViewSet, ReportingOrganisationViewSet, ValidationReportViewSet)


@hooks.register("insert_global_admin_css")
def iati_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/iati_admin.css"))


@hooks.register("register_admin_viewset")
def register_iati_viewsets():
    return IATIViewSetGroup()


from . import import_hooks  # noqa: E402,F401 - IATI import admin views (XML and XLSX)

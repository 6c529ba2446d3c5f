"""Admin registration for the groups app."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Organisation


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "acronym", "family", "iati_identifier"]
    list_filter = ["family", "locale"]
    search_fields = ["name", "acronym"]


register_snippet(OrganisationViewSet)

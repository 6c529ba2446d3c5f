"""What the aid map gives the home page (see ``home.sections``): the number of published
activities and their total commitments in XOF (from the map's cached totals), its entry point."""

from django.utils.translation import gettext as _

from .data import Filters, list_data, map_page_url


def figures(language):
    url = map_page_url(language)
    totals = list_data(Filters.from_query({}), language)["totals"]
    return [
        {"order": 20, "value": totals["activities"], "label": _("aid activities published"),
         "url": url, "kind": "number"},
        {"order": 30, "value": totals["commitments"], "label": _("total commitments"),
         "url": url, "kind": "amount"},
    ]  # fmt: skip


def entry_points(language):
    url = map_page_url(language)
    if not url:
        return []
    return [
        {
            "order": 30,
            "title": _("Aid map"),
            "text": _("Where the partners' activities are in Mali, by sector, région and partner."),
            "url": url,
            "icon": "map",
        }
    ]

"""``{% aid_map_for_group page %}``: the activities of a thematic group with a small map.

For ``templates/groups/thematic_group_page.html``: ``{% load aidmap_tags %}`` then
``{% aid_map_for_group page %}`` where the group's activities should appear.
"""

from django import template
from django.conf import settings

from aidmap.data import Filters, list_data, map_page_url
from aidmap.labels import js_labels
from iati_publisher import gazetteer

register = template.Library()

#: Activities listed under the small map (the map shows them all).
GROUP_LIST_SIZE = 10


@register.inclusion_tag("aidmap/includes/group_map.html", takes_context=True)
def aid_map_for_group(context, page):
    from home.chrome import locale_codes

    language = locale_codes().get(page.locale_id) or settings.LANGUAGE_CODE
    filters = Filters(group=str(page.pk))
    data = list_data(filters, language)
    rows = sorted(data["activities"].values(), key=lambda row: -row["commitments"])
    base = map_page_url(language)
    return {
        "request": context.get("request"),
        "rows": rows[:GROUP_LIST_SIZE],
        "more": max(0, len(rows) - GROUP_LIST_SIZE),
        "totals": data["totals"],
        "query": f"group={page.pk}",
        "map_url": f"{base}?group={page.pk}" if base else "",
        "language": language,
        "outline_json": gazetteer.outline(),
        "js_labels": js_labels(),
        "tiles_url": settings.MAP_TILES_URL,
        "tiles_attribution": settings.MAP_TILES_ATTRIBUTION,
    }

"""``{% alert_form kind [page] %}``: the small subscription form of a page (no SQL).

- ``{% alert_form "group" page %}`` on a GT/SGT page (the group's news and documents);
- ``{% alert_form "audience" %}`` on the library (a choice of the six audiences);
- ``{% alert_form "calendar" %}`` on the report calendar; ``{% alert_form "iati" %}`` on the map.

The form carries no CSRF token (the page may be cached): ``alerts.views.subscribe`` only ever
sends a confirmation e-mail to the address typed.
"""

from django import template
from django.utils.translation import gettext as _

from library.models import AudienceCode

from ..models import TopicKind
from ..topics import topic_value

register = template.Library()

HEADINGS = {
    TopicKind.GROUP: lambda page: _("Follow %(group)s by e-mail") % {"group": page.title},
    TopicKind.AUDIENCE: lambda page: _("New documents by e-mail"),
    TopicKind.CALENDAR: lambda page: _("Reference reports put online, by e-mail"),
    TopicKind.IATI: lambda page: _("New IATI activities by e-mail"),
}


@register.inclusion_tag("alerts/includes/subscribe_form.html")
def alert_form(kind, page=None):
    kind = TopicKind(kind)
    context = {"heading": HEADINGS[kind](page), "uid": kind.value, "audiences": None}
    if kind == TopicKind.GROUP:
        context["topic"] = topic_value(kind, str(page.translation_key))
    elif kind == TopicKind.AUDIENCE:
        context["audiences"] = [
            (topic_value(kind, code), label) for code, label in AudienceCode.choices
        ]
    else:
        context["topic"] = kind.value
    return context

"""What the thematic groups give the home page (see ``home.sections``): the number of groups,
the entry points to the groups and the agenda, the next meetings (one query, plain data)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import GroupIndexPage, MeetingPage, SubGroupPage, ThematicGroupPage


def _index(language):
    return (
        GroupIndexPage.objects.live()
        .public()
        .filter(locale__language_code=language)
        .only("id", "path", "depth", "url_path", "locale_id")
        .first()
    )


def figures(language):
    index = _index(language)
    if index is None:
        return []
    count = (
        ThematicGroupPage.objects.descendant_of(index).live().public().count()
        + SubGroupPage.objects.descendant_of(index).live().public().count()
    )
    return [{"order": 10, "value": count, "label": _("thematic groups and sub-groups"),
             "url": index.get_url(), "kind": "number"}]  # fmt: skip


def entry_points(language):
    index = _index(language)
    if index is None:
        return []
    url = index.get_url()
    return [
        {
            "order": 10,
            "title": _("Thematic groups"),
            "text": _("Terms of reference, work programmes, meetings and reviews of each group."),
            "url": url,
            "icon": "groups",
        },
        {
            "order": 40,
            "title": _("Meetings calendar"),
            "text": _("Upcoming meetings of the groups, joint missions and PTF coordination."),
            "url": url + index.reverse_subpage("agenda"),
            "icon": "agenda",
        },
    ]


def context(request, home_page):
    """The next three meetings in the home page's language (one query), as plain data."""
    meetings = (
        MeetingPage.objects.live()
        .public()
        .filter(locale_id=home_page.locale_id, start__gte=timezone.now())
        .order_by("start")
        .only("id", "title", "start", "place", "path", "depth", "url_path", "locale_id")[:3]
    )
    return {
        "next_meetings": [
            {"title": m.title, "url": m.get_url(request), "start": m.start, "place": m.place}
            for m in meetings
        ]
    }

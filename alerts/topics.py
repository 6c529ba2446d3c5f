"""What one can subscribe to: parsing, validation and labels of a topic.

A topic is written ``kind`` or ``kind:target`` in forms and URLs: ``group:<translation key of a
GT/SGT page>``, ``audience:<library audience code>``, ``calendar``, ``iati``. A group is
identified by its translation key so that one subscription follows the group's page in every
language. SQL: :func:`parse_topic` one query for a group (none otherwise); :func:`topic_labels`
one query whatever the number of topics.
"""

import uuid

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from library.models import AudienceCode

from .models import TopicKind


def group_pages():
    from groups.models import SubGroupPage, ThematicGroupPage

    return Page.objects.type(ThematicGroupPage, SubGroupPage).live().public()


def topic_value(kind, target=""):
    return f"{kind}:{target}" if target else str(kind)


def parse_topic(value):
    """(kind, target) for a topic string, or None when it names nothing one may follow."""
    kind, _sep, target = (value or "").strip().partition(":")
    if kind in (TopicKind.CALENDAR, TopicKind.IATI):
        return (kind, "") if not target else None
    if kind == TopicKind.AUDIENCE:
        return (kind, target) if target in AudienceCode.values else None
    if kind == TopicKind.GROUP:
        try:
            key = str(uuid.UUID(target))
        except ValueError:
            return None
        return (kind, key) if group_pages().filter(translation_key=key).exists() else None
    return None


def group_titles(keys):
    """{(translation key, language): title} of the live public group pages (one query)."""
    titles = {}
    if keys:
        for key, title, code in (
            group_pages()
            .filter(translation_key__in=keys)
            .values_list("translation_key", "title", "locale__language_code")
        ):
            titles[(str(key), code)] = title
    return titles


def topic_labels(pairs, language=None, titles=None):
    """{(kind, target): label} in ``language`` (the active one by default); ``titles`` from
    :func:`group_titles` saves its query."""
    language = (language or get_language() or "fr")[:2]
    if titles is None:
        titles = group_titles({target for kind, target in pairs if kind == TopicKind.GROUP})
    by_key = {}
    for (key, code), title in titles.items():
        if code == language or key not in by_key:
            by_key[key] = title
    titles = by_key
    audiences = dict(AudienceCode.choices)
    labels = {}
    for kind, target in pairs:
        if kind == TopicKind.GROUP:
            labels[(kind, target)] = _("News and documents of %(group)s") % {
                "group": titles.get(target, _("a group that no longer exists"))
            }
        elif kind == TopicKind.AUDIENCE:
            labels[(kind, target)] = _("Library: new documents for %(audience)s") % {
                "audience": audiences.get(target, target)
            }
        elif kind == TopicKind.CALENDAR:
            labels[(kind, target)] = _("Reference reports put online (report calendar)")
        else:
            labels[(kind, target)] = _("New IATI activities published")
    return labels

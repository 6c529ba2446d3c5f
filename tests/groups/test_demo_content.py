"""The demo reads as real content: no placeholder on any public page of a demo group, the
English pages without the French canevas text or roles (and the French ones without English),
upcoming meetings with dates in words, people named as people (a reduced data set)."""

import re

import pytest
from lxml import etree

from groups import demo, demo_data
from groups.models import GroupFocalPoint, MeetingPage, ThematicGroupPage

pytestmark = pytest.mark.django_db

PLACEHOLDERS = re.compile(r"À compléter|To be completed|Lorem ipsum|TODO|\bTBD\b", re.I)
FRENCH_ON_ENGLISH = ["Objectif général", "Objectifs spécifiques", "Contexte", "Chef de file",
                     "Modalités de travail", "Synthèse de l’année", "Besoins identifiés"]  # fmt: skip
ENGLISH_ON_FRENCH = ["General objective", "Background", "Lead partner", "Skip to content",
                     "Summary of the year"]  # fmt: skip


@pytest.fixture
def demo_group(monkeypatch, home_fr):
    monkeypatch.setattr(demo, "GROUPS", [g for g in demo_data.GROUPS if g[1] == "SANTE"])
    monkeypatch.setattr(demo, "SUB_GROUPS", [])
    demo.build(None)
    return ThematicGroupPage.objects.get(acronym="SANTE", locale__language_code="fr")


def _text(response):
    html = etree.HTML(response.content)
    main = html.xpath("//main")[0]
    return " ".join(" ".join(main.itertext()).split())


def test_no_placeholder_and_no_other_language_on_demo_pages(client, demo_group):
    pages = list(demo_group.get_descendants(inclusive=True).live().specific())
    english = [p.get_translations().filter(locale__language_code="en").first() for p in pages]
    assert pages and all(english)
    for page in pages:
        text = _text(client.get(page.url))
        assert not PLACEHOLDERS.search(text), page.url
        for phrase in ENGLISH_ON_FRENCH:
            assert phrase not in text, (page.url, phrase)
    for page in english:
        text = _text(client.get(page.url))
        assert not PLACEHOLDERS.search(text), page.url
        for phrase in FRENCH_ON_ENGLISH:
            assert phrase not in text, (page.url, phrase)


def test_demo_meetings_and_people(demo_group):
    from django.utils import timezone

    meetings = MeetingPage.objects.child_of(demo_group)
    assert meetings.filter(start__gte=timezone.now()).exists()  # something is scheduled
    for meeting in meetings:
        assert not re.search(r"\d{2}/\d{2}/\d{4}|\d{4}-\d{2}-\d{2}", meeting.title)
    english = MeetingPage.objects.filter(locale__language_code="en")
    assert all(not re.search(r"\d{4}-\d{2}-\d{2}", m.title) for m in english)
    for focal in GroupFocalPoint.objects.all():
        assert not focal.name.startswith("Point focal")
    roles = set(
        GroupFocalPoint.objects.filter(page__locale__language_code="en").values_list(
            "role", flat=True
        )
    )
    assert roles <= {"Lead partner", "Counterpart"} and roles

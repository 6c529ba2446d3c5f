"""The demo: five complete modules in French and English (translated through wagtail-localize,
so they stay synchronised), each with a handout PDF holding its title and lesson headings."""

import io
import re

import pytest
from pypdf import PdfReader
from wagtail_localize.models import Translation

from training import demo
from training.demo_content import en as content_en
from training.demo_content import fr as content_fr
from training.handouts import render_handout
from training.models import Handout, TrainingModulePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_training(home_fr, home_en):
    from groups.factories import GroupIndexPageFactory
    from home.demo import ensure_translation

    index = GroupIndexPageFactory(parent=home_fr)
    index.save_revision().publish()
    ensure_translation(index, "en", title="Thematic groups", slug="thematic-groups")
    demo.build(None)
    return demo.ensure_index()


def text_of(data):
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def normalise(text):
    """Letters and digits only: PDF text extraction varies on spaces and apostrophes."""
    return re.sub(r"[\W_]+", "", text)


def test_five_modules_in_both_languages_through_wagtail_localize(demo_training):
    fr = list(TrainingModulePage.objects.filter(locale__language_code="fr").order_by("number"))
    en = list(TrainingModulePage.objects.filter(locale__language_code="en").order_by("number"))
    assert [m.number for m in fr] == [1, 2, 3, 4, 5] == [m.number for m in en]
    for page_fr, page_en, spec_fr, spec_en in zip(
        fr, en, content_fr.MODULES, content_en.MODULES, strict=True
    ):
        assert page_fr.title == spec_fr["title"] and page_en.title == spec_en["title"]
        assert page_en.translation_key == page_fr.translation_key and page_en.live
        assert Translation.objects.filter(
            source__object_id=page_fr.translation_key, target_locale=page_en.locale
        ).exists()
        assert [i for i, _ in page_en.lesson_list()] == [i for i, _ in page_fr.lesson_list()]
        assert [v["title"] for _, v in page_en.lesson_list()] == [
            lesson["title"] for lesson in spec_en["lessons"]
        ]
        assert len(page_fr.lesson_list()) >= 3 and len(page_fr.checklist) >= 3
        assert all(v["exercise"].source for _, v in page_fr.lesson_list())


def test_demo_is_idempotent(demo_training):
    counts = TrainingModulePage.objects.count(), Translation.objects.count()
    demo.build(None)
    assert (TrainingModulePage.objects.count(), Translation.objects.count()) == counts


def test_handout_of_every_demo_module_has_title_and_lesson_headings(demo_training):
    for page in TrainingModulePage.objects.all():
        assert Handout.objects.filter(page=page).exists()
        text = normalise(text_of(render_handout(page)))
        assert normalise(page.title) in text, page.title
        for number, (_id, lesson) in enumerate(page.lesson_list(), start=1):
            heading = ("Leçon" if page.locale.language_code == "fr" else "Lesson") + f" {number}"
            assert normalise(heading) in text, (page.title, heading, text)
            assert normalise(lesson["title"]) in text, (page.title, lesson["title"], text)


def test_source_changes_reach_the_translation(demo_training):
    from training.localize import sync_translations

    page = TrainingModulePage.objects.get(locale__language_code="fr", number=2)
    page.duration_minutes = 75
    page.save_revision().publish()
    sync_translations(page)
    english = TrainingModulePage.objects.get(locale__language_code="en", number=2)
    assert english.duration_minutes == 75
    assert english.title == content_en.MODULES[1]["title"]  # the translation is kept


def test_demo_session_and_trainer(client, demo_training):
    from training.models import TrainingSessionPage

    session = TrainingSessionPage.objects.get(locale__language_code="fr")
    assert session.modules.count() == 3
    from django.contrib.auth import get_user_model

    trainer = get_user_model().objects.get(username="formateur")
    assert trainer.has_perm("training.reset_sandbox")

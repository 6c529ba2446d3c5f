"""The screenshots command captures the real admin in Chromium, stores the images in the
"Formation" collection and puts them into the demo lessons, in both languages (the English
admin's captures in the English translations)."""

import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_take_screenshots_fills_the_demo_lessons(home_fr, capsys):
    from django.contrib.auth.models import Group
    from wagtail.images import get_image_model

    from accounts.factories import UserFactory
    from accounts.roles import sync_roles
    from groups.factories import GroupIndexPageFactory, ThematicGroupPageFactory
    from home.demo import english_home
    from training.demo import ensure_index, ensure_modules
    from training.handouts import render_handout
    from training.models import TrainingModulePage

    english_home()
    sync_roles()
    index = GroupIndexPageFactory(parent=home_fr)
    ThematicGroupPageFactory(parent=index, title="Santé", acronym="SANTE", slug="sante")
    UserFactory(username="editeur-sante").groups.add(Group.objects.get(name="SANTE — Éditeurs"))
    ensure_modules(ensure_index(), images={})

    call_command("take_screenshots", "--only", "m1-login", "m1-edit")
    out = capsys.readouterr().out
    assert "m1-login" in out and "m1-edit" in out
    images = {i.title: i for i in get_image_model().objects.filter(title__startswith="formation:")}
    assert set(images) == {"formation:m1-login", "formation:m1-edit"}
    assert (
        images["formation:m1-edit"].width == 1280
        and images["formation:m1-edit"].collection.name == "Formation"
    )
    for language in ("fr", "en"):
        module = TrainingModulePage.objects.get(number=1, locale__language_code=language)
        shots = [
            s["image"].title for _i, lesson in module.lesson_list() for s in lesson["screenshots"]
        ]
        assert shots == ["formation:m1-login", "formation:m1-edit"], language
        pdf = PdfReader(io.BytesIO(render_handout(module)))
        assert sum(len(page.images) for page in pdf.pages) >= 2  # the screenshots are printed
    # Again: the same images are updated, not duplicated.
    call_command("take_screenshots", "--only", "m1-login")
    assert get_image_model().objects.filter(title__startswith="formation:").count() == 2
    # The English admin's capture replaces the French one in the English translation only
    # (a wagtail-localize image override), and survives a new French run.
    call_command("take_screenshots", "--language", "en", "--only", "m1-login")
    call_command("take_screenshots", "--only", "m1-login")

    def first_shot(language):
        module = TrainingModulePage.objects.get(number=1, locale__language_code=language)
        return module.lesson_list()[0][1]["screenshots"][0]["image"].title

    assert first_shot("fr") == "formation:m1-login"
    assert first_shot("en") == "formation:en:m1-login"

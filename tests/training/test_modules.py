"""Training section and modules: public pages, admin, handout PDF, progress ticks."""

import io

import pytest
from pypdf import PdfReader
from wagtail.test.utils.form_data import rich_text

from training.factories import TrainingModulePageFactory, lessons_data
from training.handouts import build_handout
from training.models import Handout, LessonProgress, TrainingModulePage

pytestmark = pytest.mark.django_db


def pdf_text(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_index_lists_modules_in_order(client, training_index):
    for number, title in [(2, "Publier un document"), (1, "Se connecter")]:
        TrainingModulePageFactory(
            parent=training_index, number=number, title=title
        ).save_revision().publish()
    body = client.get(training_index.url).content.decode()
    assert body.index("Se connecter") < body.index("Publier un document")


def test_module_page_shows_lessons_and_handout_link(client, module):
    response = client.get(module.url)
    body = response.content.decode()
    assert response.status_code == 200
    for i in (1, 2, 3):
        assert f"Leçon {i}" in body
    assert "handout/" in body
    assert 'name="lesson"' not in body  # anonymous: no tick buttons


def test_handout_built_on_publish_contains_title_and_lessons(client, module):
    handout = Handout.objects.get(page=module)
    assert handout.revision_id == module.live_revision_id
    response = client.get(module.url + "handout/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content)
    text = pdf_text(data)
    assert "Se connecter" in text
    for i in (1, 2, 3):
        assert f"Leçon {i}" in text


def test_handout_regenerated_when_module_republished(client, module):
    module.title = "Se connecter au portail"
    module.save_revision().publish()
    module.refresh_from_db()
    handout = Handout.objects.get(page=module)
    assert handout.revision_id == module.live_revision_id
    with handout.file.open("rb") as f:
        assert "Se connecter au portail" in pdf_text(f.read())


def test_handout_rebuilt_if_file_lost(client, module):
    handout = Handout.objects.get(page=module)
    handout.file.storage.delete(handout.file.name)
    response = client.get(module.url + "handout/")
    assert response.status_code == 200
    assert "Se connecter" in pdf_text(b"".join(response.streaming_content))


def test_reader_ticks_and_unticks_a_lesson(client, module, reader):
    client.force_login(reader)
    lesson_id = module.lesson_list()[0][0]
    response = client.post(module.url + "progress/", {"lesson": lesson_id, "done": "1"})
    assert response.status_code == 302
    assert LessonProgress.objects.filter(user=reader, lesson_id=lesson_id).count() == 1
    client.post(module.url + "progress/", {"lesson": lesson_id, "done": "1"})  # twice: once
    assert LessonProgress.objects.filter(user=reader).count() == 1
    body = client.get(module.url).content.decode()
    assert "Leçons faites : 1 sur 3" in body
    client.post(module.url + "progress/", {"lesson": lesson_id, "done": "0"})
    assert not LessonProgress.objects.filter(user=reader).exists()


def test_tick_refuses_unknown_lesson_get_and_anonymous(client, module, reader):
    assert client.post(module.url + "progress/", {"lesson": "x"}).status_code == 302  # login
    assert not LessonProgress.objects.exists()
    client.force_login(reader)
    assert client.get(module.url + "progress/").status_code == 405
    assert client.post(module.url + "progress/", {"lesson": "nope"}).status_code == 400
    assert not LessonProgress.objects.exists()


def test_progress_shared_between_translations(client, module, reader, home_en):
    from wagtail.models import Locale

    english = module.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english.save_revision().publish()
    client.force_login(reader)
    client.post(module.url + "progress/", {"lesson": module.lesson_list()[1][0]})
    english = TrainingModulePage.objects.get(pk=english.pk)
    assert english.lesson_list()[1][0] == module.lesson_list()[1][0]
    body = client.get(english.url).content.decode()
    assert "is-done" in body


def module_page_queries(client, training_index, lessons, user=None):
    """Queries of a module page with ``lessons`` lessons, each with two screenshots."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    data = lessons_data(lessons)
    for i, block in enumerate(data):
        images = [
            get_image_model().objects.create(title=f"capture {i}-{k}", file=get_test_image_file())
            for k in range(2)
        ]
        block["value"]["screenshots"] = [{"image": im.pk, "caption": "Écran"} for im in images]
    page = TrainingModulePageFactory(parent=training_index, slug=f"module-{lessons}", lessons=data)
    page.save_revision().publish()
    client.logout()
    if user is not None:
        client.force_login(user)
    client.get(page.url)  # renditions created, caches warm
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url)
    assert response.status_code == 200
    assert response.content.decode().count("<figure>") == 2 * lessons
    return len(queries)


def test_module_page_queries_constant_with_lessons_and_screenshots(client, training_index, reader):
    """Anonymous and signed-in: the same count at 2 and 20 lessons (4 and 40 screenshots)."""
    anonymous = [module_page_queries(client, training_index, n) for n in (2, 20)]
    assert anonymous[0] == anonymous[1] <= 15, anonymous
    signed_in = [module_page_queries(client, training_index, n, reader) for n in (3, 30)]
    assert signed_in[0] == signed_in[1] <= 15, signed_in


def test_trainer_creates_a_module_in_the_admin(client, trainer, training_index):
    client.force_login(trainer)
    url = f"/admin/pages/add/training/trainingmodulepage/{training_index.pk}/"
    assert client.get(url).status_code == 200
    data = {
        "title": "Module créé",
        "slug": "module-cree",
        "number": "7",
        "level": "basic",
        "audience": "focal_point",
        "duration_minutes": "45",
        "summary": "Résumé",
        "objectives": rich_text("<ul><li>Objectif</li></ul>"),
        "prerequisites": rich_text(""),
        "lessons-count": "1",
        "lessons-0-type": "lesson",
        "lessons-0-deleted": "",
        "lessons-0-order": "0",
        "lessons-0-id": "",
        "lessons-0-value-title": "Première leçon",
        "lessons-0-value-text": rich_text("<p>Texte</p>"),
        "lessons-0-value-screenshots-count": "0",
        "lessons-0-value-exercise": rich_text(""),
        "checklist-count": "0",
        "action-publish": "1",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = TrainingModulePage.objects.get(slug="module-cree")
    assert page.live and Handout.objects.filter(page=page).exists()


def test_build_handout_for_module_without_optional_parts(training_index):
    page = TrainingModulePageFactory(parent=training_index, checklist=[], prerequisites="")
    page.save_revision().publish()
    assert build_handout(page).file.size > 1000

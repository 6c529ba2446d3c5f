"""Progress on the admin home: every editor (a focal point first) sees "your next module", the
first live module of their language they have not finished, and it moves on when they tick."""

import pytest

from training.factories import TrainingModulePageFactory
from training.models import LessonProgress

pytestmark = pytest.mark.django_db


def test_admin_home_shows_the_next_module_and_moves_on(client, training_index, editor_a):
    first = TrainingModulePageFactory(parent=training_index, number=1, title="Se connecter")
    first.save_revision().publish()
    second = TrainingModulePageFactory(parent=training_index, number=2, title="Publier un document")
    second.save_revision().publish()
    first.refresh_from_db()
    client.force_login(editor_a)
    body = client.get("/admin/").content.decode()
    assert "Votre prochain module de formation" in body
    assert "1. Se connecter" in body and "Leçons faites : 0 sur 3" in body
    for lesson_id, _value in first.lesson_list():
        client.post(first.url + "progress/", {"lesson": lesson_id})
    assert LessonProgress.objects.filter(user=editor_a).count() == 3
    body = client.get("/admin/").content.decode()
    assert "2. Publier un document" in body and "1. Se connecter" not in body
    for lesson_id, _value in second.lesson_list():
        client.post(second.url + "progress/", {"lesson": lesson_id})
    body = client.get("/admin/").content.decode()
    assert "Vous avez terminé tous les modules de formation" in body

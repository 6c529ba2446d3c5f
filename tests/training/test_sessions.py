"""Sessions: attendance and evaluations through the admin; bad input refused on the field;
the aggregated evaluation and the participants' progress shown to trainers only."""

import datetime
import json

import pytest
from django.utils import timezone

from accounts.factories import UserFactory
from training.factories import SessionParticipantFactory, TrainingSessionPageFactory
from training.models import LessonProgress, SessionParticipant, TrainingSessionPage

pytestmark = pytest.mark.django_db


def session_form(trainer, module, participants, **overrides):
    start = timezone.localtime(timezone.now() + datetime.timedelta(days=3)).replace(microsecond=0)
    data = {
        "title": "Session de décembre",
        "slug": "session-decembre",
        "start": start.strftime("%Y-%m-%d %H:%M"),
        "end": (start + datetime.timedelta(hours=3)).strftime("%Y-%m-%d %H:%M"),
        "place": "Bamako, Pool Technique",
        "online_link": "",
        "trainer": str(trainer.pk),
        "modules": [str(module.pk)],
        "description": json.dumps({"blocks": [], "entityMap": {}}),
        "participants-TOTAL_FORMS": str(len(participants)),
        "participants-INITIAL_FORMS": "0",
        "participants-MIN_NUM_FORMS": "0",
        "participants-MAX_NUM_FORMS": "1000",
        "action-publish": "1",
    }
    for i, (user, attendance, score, comments) in enumerate(participants):
        data.update(
            {
                f"participants-{i}-user": str(user.pk),
                f"participants-{i}-attendance": attendance,
                f"participants-{i}-score": "" if score is None else str(score),
                f"participants-{i}-comments": comments,
                f"participants-{i}-ORDER": str(i),
                f"participants-{i}-id": "",
                f"participants-{i}-DELETE": "",
            }
        )
    data.update(overrides)
    return data


def add_url(index):
    return f"/admin/pages/add/training/trainingsessionpage/{index.pk}/"


def test_trainer_records_session_with_attendance_and_evaluations(
    client, trainer, module, training_index
):
    a, b = UserFactory(username="point-focal-a"), UserFactory(username="point-focal-b")
    client.force_login(trainer)
    data = session_form(trainer, module, [(a, "present", 5, "Très clair"), (b, "absent", None, "")])
    response = client.post(add_url(training_index), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    session = TrainingSessionPage.objects.get(slug="session-decembre")
    assert session.live
    assert list(session.participants.values_list("user__username", "attendance", "score")) == [
        ("point-focal-a", "present", 5),
        ("point-focal-b", "absent", None),
    ]


@pytest.mark.parametrize(
    "case, field",
    [("end_before_start", "end"), ("twice", "user"), ("score_6", "score"), ("score_0", "score")],
)
def test_bad_input_refused_on_the_field_nothing_saved(
    client, trainer, module, training_index, case, field
):
    a, b = UserFactory(username="pa"), UserFactory(username="pb")
    participants = [(a, "present", 4, ""), (b, "present", 3, "")]
    overrides = {}
    if case == "twice":
        participants = [(a, "present", 4, ""), (a, "absent", None, "")]
    elif case.startswith("score"):
        participants = [(a, "present", int(case[-1]), "")]
    data = session_form(trainer, module, participants)
    if case == "end_before_start":
        data["end"] = (
            datetime.datetime.strptime(data["start"], "%Y-%m-%d %H:%M")
            - datetime.timedelta(hours=1)
        ).strftime("%Y-%m-%d %H:%M")
    data.update(overrides)
    client.force_login(trainer)
    response = client.post(add_url(training_index), data)
    assert response.status_code == 200  # the form again, with the error
    form = response.context["form"]
    if field == "end":
        assert "end" in form.errors
    else:
        errors = [f.errors for f in form.formsets["participants"].forms]
        assert any(field in e for e in errors), errors
    assert not TrainingSessionPage.objects.filter(slug="session-decembre").exists()
    assert not SessionParticipant.objects.exists()


def test_model_refuses_participant_twice():
    from django.core.exceptions import ValidationError

    user = UserFactory()
    session = TrainingSessionPage(title="x", start=timezone.now(), place="Bamako")
    session.participants.add(SessionParticipant(user=user), SessionParticipant(user=user))
    with pytest.raises(ValidationError):
        session.clean()


def test_public_page_hides_participants_trainer_sees_aggregate(
    client, trainer, module, training_index
):
    session = TrainingSessionPageFactory(parent=training_index, title="Session A")
    session.modules.add(module)
    session.save_revision().publish()
    people = []
    for i, (score, comment) in enumerate([(5, "Parfait"), (3, ""), (4, "Utile")]):
        person = UserFactory(username=f"participant-{i}", first_name="Awa", last_name=f"Traoré {i}")
        SessionParticipantFactory(
            page=session, user=person, attendance="present", score=score, comments=comment
        )
        people.append(person)
    LessonProgress.objects.create(
        user=people[0], module_key=module.translation_key, lesson_id=module.lesson_list()[0][0]
    )
    public = client.get(session.url).content.decode()
    assert "Session A" in public and "Traoré" not in public and "Parfait" not in public
    client.force_login(trainer)
    body = client.get(session.url).content.decode()
    assert "Traoré 0" in body and "Parfait" in body and "Utile" in body
    assert "4,0" in body or "4.0" in body  # mean of 5, 3, 4
    assert "1/3" in body and "0/3" in body  # progress per participant on module 1


def session_queries(client, training_index, module, size, user=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    session = TrainingSessionPageFactory(parent=training_index, slug=f"s-{size}")
    session.modules.add(module)
    session.save_revision().publish()
    for i in range(size):
        SessionParticipantFactory(
            page=session, user=UserFactory(username=f"p{size}-{i}"), score=1 + i % 5
        )
    if user is not None:
        client.force_login(user)
    client.get(session.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(session.url).status_code == 200
    return len(queries)


def test_session_page_queries_constant_with_participants(client, trainer, module, training_index):
    """Public: <= 15. Trainer: the private section (participants, progress, permissions) and
    Wagtail's user bar (3 queries) on top, the same count at 3 and 30 participants."""
    public = [session_queries(client, training_index, module, n) for n in (3, 30)]
    assert public[0] == public[1] <= 15
    trainer_counts = [session_queries(client, training_index, module, n, trainer) for n in (4, 40)]
    assert trainer_counts[0] == trainer_counts[1] <= 18


def test_progress_admin_view_per_session_and_person(
    client, trainer, module, training_index, reader
):
    session = TrainingSessionPageFactory(parent=training_index, title="Session B")
    session.modules.add(module)
    session.save_revision().publish()
    SessionParticipantFactory(page=session, user=reader)
    LessonProgress.objects.create(
        user=reader, module_key=module.translation_key, lesson_id=module.lesson_list()[0][0]
    )
    client.force_login(trainer)
    body = client.get("/admin/training/progress/").content.decode()
    assert "Session B" in body and "lecteur" in body and "1/3" in body
    person = client.get(f"/admin/training/progress/?user={reader.pk}").content.decode()
    assert "Se connecter" in person and "33" in person


def test_progress_view_refused_to_editors(client, reader):
    client.force_login(reader)
    assert client.get("/admin/training/progress/").status_code in (302, 403)

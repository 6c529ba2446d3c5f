"""Factories for tests and benchmarks (wagtail-factories): one way to build each object."""

import datetime
import uuid

import factory
import wagtail_factories
from django.utils import timezone

from .models import SessionParticipant, TrainingIndexPage, TrainingModulePage, TrainingSessionPage


def lessons_data(count, prefix="Leçon"):
    """StreamField raw data of ``count`` lessons (stable ids)."""
    return [
        {
            "type": "lesson",
            "id": str(uuid.uuid4()),
            "value": {
                "title": f"{prefix} {i}",
                "text": f"<p>Contenu de la leçon {i}.</p>",
                "screenshots": [],
                "exercise": f"<p>Exercice {i}.</p>",
            },
        }
        for i in range(1, count + 1)
    ]


class TrainingIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TrainingIndexPage

    title = "Formation"
    slug = "formation"


class TrainingModulePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TrainingModulePage

    title = factory.Sequence(lambda n: f"Module {n}")
    number = factory.Sequence(lambda n: n + 1)
    summary = "Apprendre à modifier une page."
    objectives = "<ul><li>Se connecter</li></ul>"
    lessons = factory.LazyFunction(lambda: lessons_data(3))
    checklist = factory.LazyFunction(lambda: [{"type": "item", "value": "Je sais me connecter"}])


class TrainingSessionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TrainingSessionPage

    title = factory.Sequence(lambda n: f"Session {n}")
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    place = "Bamako"


class SessionParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionParticipant

    page = factory.SubFactory(TrainingSessionPageFactory)
    user = factory.SubFactory("accounts.factories.UserFactory")

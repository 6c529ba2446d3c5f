"""Factories for library tests, demo and benches."""

import datetime

import factory
from django.core.files.base import ContentFile
from wagtail.models import Locale

from .models import (
    Audience,
    CustomDocument,
    DocumentLanguage,
    DocumentType,
    LibraryPage,
    ReportCalendarPage,
    ReportEdition,
    ReportSeries,
)
from .pdf import make_pdf


class DocumentFactory(factory.django.DjangoModelFactory):
    """A listed PDF document with complete metadata (French, for partners)."""

    class Meta:
        model = CustomDocument
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Rapport de référence {n}")
    description = "Un document de référence du Pool Technique."
    document_type = DocumentType.REPORT
    publication_date = datetime.date(2025, 6, 1)
    is_listed = True
    file = factory.LazyAttribute(
        lambda o: ContentFile(
            make_pdf([f"{o.title}. {o.description}"], title=o.title), name="rapport.pdf"
        )
    )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        document = model_class(*args, **kwargs)
        document._set_document_file_metadata()
        document.save()
        return document

    @factory.post_generation
    def audiences(self, create, extracted, **kwargs):
        codes = extracted if extracted is not None else ["partners"]
        self.audiences.set(Audience.objects.filter(code__in=codes))

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        codes = extracted if extracted is not None else ["fr"]
        self.languages.set(DocumentLanguage.objects.filter(code__in=codes))


class ReportSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportSeries

    title = factory.Sequence(lambda n: f"Rapport annuel {n}")
    recurrence_rule = "FREQ=YEARLY"
    usual_month = 12
    locale = factory.LazyFunction(lambda: Locale.objects.get(language_code="fr"))


class ReportEditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportEdition

    series = factory.SubFactory(ReportSeriesFactory)
    edition = factory.Sequence(lambda n: str(2000 + n))
    expected_date = datetime.date(2026, 12, 1)


def make_library_page(home, title="Bibliothèque", slug="bibliotheque"):
    page = LibraryPage(title=title, slug=slug)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_calendar_page(home, title="Calendrier des rapports", slug="calendrier-des-rapports"):
    page = ReportCalendarPage(title=title, slug=slug)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page

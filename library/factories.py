"""Factories for library tests, demo and benches."""

import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
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
    review_status = "approved"  # made by code, as the Pool Technique would publish it
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


WORDS = [
    "santé",
    "éducation",
    "eau",
    "assainissement",
    "agriculture",
    "sécurité",
    "alimentaire",
    "gouvernance",
    "décentralisation",
    "budget",
    "finances",
    "publiques",
    "énergie",
    "genre",
    "protection",
    "sociale",
    "nutrition",
    "emploi",
    "jeunesse",
    "élections",
    "justice",
    "environnement",
    "climat",
    "résilience",
    "infrastructures",
    "transport",
    "humanitaire",
    "paix",
]


def bulk_documents(count, groups=(), collection=None, start=0, index=True):
    """Create ``count`` listed documents fast (bulk inserts, one shared file) for tests and benches.

    Metadata cycles through types, audiences, languages, years, ``groups`` and a few tags.
    """
    from taggit.models import Tag
    from wagtail.models import Collection
    from wagtail.search.backends import get_search_backend

    from .models import AudienceCode, LanguageCode

    collection = collection or Collection.get_first_root_node()
    listed_at = timezone.now()  # bulk_create skips save(), which stamps it
    types = [value for value, _label in DocumentType.choices]
    audiences = {a.code: a.pk for a in Audience.objects.all()}
    languages = {language.code: language.pk for language in DocumentLanguage.objects.all()}
    audience_codes = list(AudienceCode.values)
    language_codes = list(LanguageCode.values)[:3]
    documents = []
    for i in range(start, start + count):
        topic, other = WORDS[i % len(WORDS)], WORDS[(i * 7 + 3) % len(WORDS)]
        documents.append(
            CustomDocument(
                title=f"Document {i} sur {topic} et {other}",
                file="documents/bulk.pdf",
                file_size=1024 + i,
                file_hash=f"{i:040x}",
                extracted_hash=f"{i:040x}",
                collection=collection,
                description=f"Note de synthèse {i} : {topic}, {other}.",
                document_type=types[i % len(types)],
                publication_date=datetime.date(2015 + i % 11, 1 + i % 12, 1 + i % 28),
                is_listed=True,
                review_status="approved",
                listed_at=listed_at,
                extracted_text=f"Texte intégral du document {i}. Il traite de {topic} et de {other} au Mali.",
                extraction_status="ok",
                page_count=1 + i % 40,
            )
        )
    documents = CustomDocument.objects.bulk_create(documents, batch_size=1000)
    through_audience = CustomDocument.audiences.through
    through_language = CustomDocument.languages.through
    through_group = CustomDocument.thematic_groups.through
    rows_a, rows_l, rows_g = [], [], []
    for n, document in enumerate(documents):
        i = start + n
        rows_a.append(
            through_audience(
                customdocument_id=document.pk, audience_id=audiences[audience_codes[i % 6]]
            )
        )
        if i % 3 == 0:
            rows_a.append(
                through_audience(
                    customdocument_id=document.pk,
                    audience_id=audiences[audience_codes[(i + 1) % 6]],
                )
            )
        rows_l.append(
            through_language(
                customdocument_id=document.pk, documentlanguage_id=languages[language_codes[i % 3]]
            )
        )
        if groups:
            rows_g.append(
                through_group(
                    customdocument_id=document.pk, thematicgrouppage_id=groups[i % len(groups)].pk
                )
            )
    through_audience.objects.bulk_create(rows_a, batch_size=2000)
    through_language.objects.bulk_create(rows_l, batch_size=2000)
    through_group.objects.bulk_create(rows_g, batch_size=2000)
    tags = [
        Tag.objects.get_or_create(name=name, defaults={"slug": name})[0]
        for name in ("budget", "rapport-annuel", "tdr")
    ]
    tagged_model = CustomDocument.tags.through
    tagged_model.objects.bulk_create(
        [
            tagged_model(content_object=document, tag=tags[(start + n) % 3])
            for n, document in enumerate(documents)
            if (start + n) % 2 == 0
        ],
        batch_size=2000,
    )
    if index:
        backend = get_search_backend()
        indexed = CustomDocument.objects.filter(pk__in=[d.pk for d in documents]).prefetch_related(
            "tags", "issuing_organisations"
        )
        backend.add_bulk(CustomDocument, list(indexed))
    return documents

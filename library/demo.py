"""Demo content of the library: pages, ten real reference-report series with editions, and 200
generated PDF documents with real French text (so that full-text search finds something).

Idempotent and fast (documents are looked up by title; PDFs come from ``library.pdf``).
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction, Locale

from accounts.roles import POOL_TECHNIQUE, role_group
from groups.models import Organisation, ThematicGroupPage
from home.demo import ensure_page, ensure_translation
from home.models import HomePage

from .models import (
    Audience,
    AudienceCode,
    CustomDocument,
    DocumentLanguage,
    DocumentType,
    EditionStatus,
    LibraryPage,
    ReportCalendarPage,
    ReportEdition,
    ReportSeries,
)
from .pdf import make_pdf

# title fr, title en, publisher (name, acronym, family), rule, month, website
SERIES = [
    ("Rapport sur le développement humain", "Human Development Report",
     ("Programme des Nations unies pour le développement", "PNUD", "ptf_multilateral"),
     "FREQ=YEARLY", 5, "https://hdr.undp.org/"),
    ("Indice de perception de la corruption", "Corruption Perceptions Index",
     ("Transparency International", "TI", "cso"), "FREQ=YEARLY", 2, "https://www.transparency.org/cpi"),
    ("Rapport annuel d’Amnesty International : la situation des droits humains dans le monde",
     "Amnesty International Report: The State of the World's Human Rights",
     ("Amnesty International", "", "cso"), "FREQ=YEARLY", 4, "https://www.amnesty.org/"),
    ("Indice Ibrahim de la gouvernance africaine", "Ibrahim Index of African Governance",
     ("Fondation Mo Ibrahim", "", "other"), "FREQ=YEARLY;INTERVAL=2", 10, "https://mo.ibrahim.foundation/iiag"),
    ("Bulletin économique du Mali (Banque mondiale)", "Mali Economic Update (World Bank)",
     ("Banque mondiale", "BM", "ptf_multilateral"), "FREQ=YEARLY;BYMONTH=6,12", 6,
     "https://www.worldbank.org/en/country/mali"),
    ("La situation des enfants dans le monde", "The State of the World's Children",
     ("Fonds des Nations unies pour l’enfance", "UNICEF", "ptf_multilateral"), "FREQ=YEARLY", 11,
     "https://www.unicef.org/reports/state-of-worlds-children"),
    ("Indice de la faim dans le monde", "Global Hunger Index",
     ("Welthungerhilfe et Concern Worldwide", "", "cso"), "FREQ=YEARLY", 10, "https://www.globalhungerindex.org/"),
    ("La liberté dans le monde", "Freedom in the World",
     ("Freedom House", "", "cso"), "FREQ=YEARLY", 2, "https://freedomhouse.org/report/freedom-world"),
    ("Business Ready (B-READY)", "Business Ready (B-READY)",
     ("Banque mondiale", "BM", "ptf_multilateral"), "FREQ=YEARLY", 10,
     "https://www.worldbank.org/en/businessready"),
    ("FMI — Consultations au titre de l’article IV avec le Mali", "IMF Article IV consultation with Mali",
     ("Fonds monétaire international", "FMI", "ptf_multilateral"), "FREQ=YEARLY", 7,
     "https://www.imf.org/en/Countries/MLI"),
]  # fmt: skip

TOPICS = {
    "santé": ("santé", "Les centres de santé communautaires (CSCOM) couvrent l’essentiel des cercles. "
              "La couverture vaccinale des enfants progresse, mais la mortalité maternelle reste élevée. "
              "La lutte contre le paludisme (moustiquaires imprégnées, chimioprévention saisonnière) "
              "et la vaccination de routine sont appuyées par l’UNICEF, l’OMS et le Fonds mondial. "
              "Le financement basé sur les résultats et la gratuité ciblée des soins sont à renforcer."),
    "éducation": ("éducation", "La scolarisation des filles et l’éducation non formelle sont prioritaires. "
                  "Les écoles fermées dans le centre et le nord du pays privent des milliers d’élèves de cours. "
                  "Les enseignants contractuels demandent une meilleure formation initiale."),
    "eau": ("eau et assainissement", "L’accès à l’eau potable en milieu rural dépend des forages et des "
            "adductions d’eau sommaires. La gestion des points d’eau par les communes et l’assainissement "
            "des villes secondaires restent des défis majeurs."),
    "agriculture": ("agriculture et sécurité alimentaire", "La campagne agricole dépend de la pluviométrie. "
                    "Les subventions aux intrants, la filière coton et le riz de l’Office du Niger structurent "
                    "l’économie rurale. La soudure pastorale exige un suivi des marchés céréaliers."),
    "gouvernance": ("gouvernance et décentralisation", "Le transfert des compétences et des ressources aux "
                    "collectivités territoriales avance lentement. La redevabilité, le contrôle citoyen et la "
                    "lutte contre la corruption sont au cœur du dialogue politique avec les partenaires."),
    "finances": ("finances publiques", "L’exécution du budget, la mobilisation des recettes intérieures et la "
                 "soutenabilité de la dette sont examinées lors de la revue budgétaire conjointe. L’appui "
                 "budgétaire dépend des critères de décaissement convenus."),
    "énergie": ("énergie", "L’accès à l’électricité reste faible hors de Bamako. Les mini-réseaux solaires et "
                "l’assainissement financier de la société d’électricité sont des priorités du secteur."),
    "genre": ("genre et protection sociale", "Les femmes rurales accèdent peu au foncier et au crédit. Les "
              "transferts monétaires du registre social unifié ciblent les ménages les plus vulnérables."),
    "humanitaire": ("paix, sécurité et humanitaire", "Les déplacements de populations dans le centre du "
                    "pays accroissent les besoins humanitaires. Le nexus humanitaire-développement-paix "
                    "guide la programmation conjointe des partenaires."),
}  # fmt: skip

TITLE_PATTERNS = {
    DocumentType.REPORT: "Rapport annuel {year} du secteur {topic}",
    DocumentType.TERMS_OF_REFERENCE: "Termes de référence de la revue {topic} {year}",
    DocumentType.MINUTES: "Compte rendu de la réunion du groupe {topic} ({year})",
    DocumentType.STRATEGY: "Stratégie nationale {topic} {year}",
    DocumentType.NOTE: "Note de synthèse {topic} {year}",
    DocumentType.STUDY: "Étude diagnostique {topic} {year}",
    DocumentType.LEGAL: "Décret relatif au secteur {topic} ({year})",
    DocumentType.PRESENTATION: "Présentation des résultats {topic} {year}",
    DocumentType.OTHER: "Fiche d’information {topic} {year}",
}
DEMO_DOCUMENT_COUNT = 200


def organisation(name, acronym, family):
    locale = Locale.objects.get(language_code="fr")
    existing = None
    if acronym:
        existing = Organisation.objects.filter(locale=locale, acronym=acronym).first()
    existing = existing or Organisation.objects.filter(locale=locale, name=name).first()
    if existing:
        return existing
    return Organisation.objects.create(name=name, acronym=acronym, family=family, locale=locale)


def group_collection(group):
    """The group's document collection when the groups app provides one (``get_collection``)."""
    if group is None or not hasattr(group, "get_collection"):
        return None
    try:
        return group.get_collection()
    except Exception:  # noqa: BLE001 — the demo must not fail on the other app's collections
        return None


def ensure_pages(home_fr):
    library = ensure_page(
        home_fr,
        LibraryPage,
        "bibliotheque",
        title="Bibliothèque",
        intro="<p>Les documents de référence des partenaires techniques et financiers et du Gouvernement : "
        "rapports, termes de référence, comptes rendus, stratégies.</p>",
    )
    ensure_translation(
        library,
        "en",
        title="Library",
        slug="library",
        intro="<p>Reference documents of the technical and financial partners and the Government: reports, "
        "terms of reference, minutes, strategies.</p>",
    )
    calendar = ensure_page(
        home_fr,
        ReportCalendarPage,
        "calendrier-des-rapports",
        title="Calendrier des rapports de référence",
        intro="<p>Les grands rapports internationaux que le Pool Technique acquiert et met en ligne.</p>",
    )
    ensure_translation(
        calendar,
        "en",
        title="Reference report calendar",
        slug="report-calendar",
        intro="<p>The major international reports the Pool Technique acquires and puts online.</p>",
    )
    return library


def restrict_to_pool_technique(collection):
    """Internal documents are served to the Pool Technique group only (not to every editor)."""
    restriction = CollectionViewRestriction.objects.filter(collection=collection).first()
    if restriction is None:
        restriction = CollectionViewRestriction(collection=collection)
    restriction.restriction_type = CollectionViewRestriction.GROUPS
    restriction.save()
    restriction.groups.set([role_group(POOL_TECHNIQUE)])


def demo_documents(command):
    rng = random.Random(2026)
    groups = list(ThematicGroupPage.objects.filter(locale__language_code="fr").order_by("path"))
    audiences = list(Audience.objects.all())
    languages = {language.code: language for language in DocumentLanguage.objects.all()}
    publishers = [
        organisation(*publisher)
        for publisher in {series[2][1] or series[2][0]: series[2] for series in SERIES}.values()
    ]
    publishers.append(organisation("Gouvernement du Mali", "GdM", "government"))
    root = Collection.get_first_root_node()
    private = root.get_children().filter(name="Documents internes du Pool Technique").first()
    if private is None:
        private = root.add_child(name="Documents internes du Pool Technique")
    restrict_to_pool_technique(private)

    existing = set(CustomDocument.objects.values_list("title", flat=True))
    types = list(DocumentType.values)
    topics = list(TOPICS)
    created = 0
    for i in range(DEMO_DOCUMENT_COUNT):
        document_type = types[i % len(types)]
        topic_key = topics[(i * 5) % len(topics)]
        topic_label, text = TOPICS[topic_key]
        year = 2016 + i % 10
        title = (
            TITLE_PATTERNS[document_type].format(topic=topic_label, year=year)
            + f" — n° {i + 1:03d}"
        )
        if title in existing:
            continue
        in_private = i % 40 == 39  # five internal documents, hidden from visitors
        body = [
            f"{title}\n\nPool Technique des partenaires techniques et financiers du Mali — {year}.\n\n{text}",
            "Recommandations : renforcer la coordination entre les PTF et le Gouvernement, aligner les "
            f"appuis sur les priorités nationales en matière de {topic_label}, et suivre les indicateurs "
            "du cadre de résultats lors des réunions du groupe thématique.",
        ]
        group = groups[i % len(groups)] if groups else None
        collection = private if in_private else group_collection(group) or root
        document = CustomDocument(
            title=title,
            collection=collection,
            description=f"{text.split('. ')[0]}.",
            document_type=document_type,
            publication_date=datetime.date(year, 1 + (i * 7) % 12, 1 + (i * 3) % 28),
            country_scope="mali" if i % 6 else "sahel",
            is_listed=True,
            review_status="approved",
        )
        document.file.save(
            f"demo-{i + 1:03d}.pdf", ContentFile(make_pdf(body, title=title)), save=False
        )
        document._set_document_file_metadata()
        document.save()
        document.audiences.set(rng.sample(audiences, 1 + i % 3))
        document.languages.set([languages["fr"]] + ([languages["en"]] if i % 4 == 0 else []))
        document.issuing_organisations.set([publishers[i % len(publishers)]])
        if group is not None:
            document.thematic_groups.set([group])
        document.tags.add(
            topic_key, *(["revue conjointe"] if document_type == DocumentType.MINUTES else [])
        )
        created += 1
    command.stdout.write(f"  library: {created} demo documents created")


def demo_series(command):
    User = get_user_model()
    responsible = User.objects.filter(username="pool-technique").first()
    fr = Locale.objects.get(language_code="fr")
    en = Locale.objects.get(language_code="en")
    today = timezone.localdate()
    for index, (title_fr, title_en, publisher, rule, month, website) in enumerate(SERIES):
        series = ReportSeries.objects.filter(locale=fr, title=title_fr).first()
        if series is None:
            series = ReportSeries.objects.create(
                locale=fr,
                title=title_fr,
                publisher=organisation(*publisher),
                recurrence_rule=rule,
                usual_month=month,
                responsible=responsible,
                website=website,
            )
        if not series.get_translations().filter(locale=en).exists():
            translated = series.copy_for_translation(en)
            translated.title = title_en
            translated.save()
        # Past editions (last 24 months): online in the library, except a few still to acquire.
        past = series.occurrences(
            today - datetime.timedelta(days=730), today - datetime.timedelta(days=1)
        )
        for position, expected in enumerate(reversed(past)):
            edition_label = series.edition_label(expected)
            if series.editions.filter(edition=edition_label).exists():
                continue
            status = EditionStatus.ONLINE
            if position == 0 and index % 4 == 3:
                status = EditionStatus.PUBLISHED  # published by its author, still to acquire
            elif position == 0 and index % 5 == 4:
                status = EditionStatus.EXPECTED  # overdue
            document = None
            if status == EditionStatus.ONLINE:
                document = report_document(
                    series, title_fr, publisher, edition_label, expected, index
                )
            ReportEdition.objects.create(
                series=series,
                edition=edition_label,
                expected_date=expected,
                published_on=expected if status != EditionStatus.EXPECTED else None,
                status=status,
                document=document,
                put_online_at=timezone.make_aware(
                    datetime.datetime.combine(
                        expected + datetime.timedelta(days=10), datetime.time(9)
                    )
                )
                if status == EditionStatus.ONLINE
                else None,
            )
        series.generate_editions()


def report_document(series, title_fr, publisher, edition_label, expected, index):
    """The library document of an edition put online (created once)."""
    doc_title = f"{title_fr} {edition_label}"
    document = CustomDocument.objects.filter(title=doc_title).first()
    if document is not None:
        return document
    document = CustomDocument(
        title=doc_title,
        collection=Collection.get_first_root_node(),
        description=f"Édition {edition_label} du rapport « {title_fr} » ({publisher[0]}).",
        document_type=DocumentType.REPORT,
        publication_date=expected,
        country_scope="global",
        is_listed=True,
        review_status="approved",
    )
    text = [
        f"{doc_title}\n\n{publisher[0]}.\n\nRésumé à l’intention des partenaires techniques et financiers du Mali."
    ]
    document.file.save(
        f"rapport-{index}-{edition_label}.pdf",
        ContentFile(make_pdf(text, title=doc_title)),
        save=False,
    )
    document._set_document_file_metadata()
    document.save()
    document.issuing_organisations.set([series.publisher])
    document.languages.set(DocumentLanguage.objects.filter(code__in=["en", "fr"]))
    document.audiences.set(Audience.objects.filter(code__in=AudienceCode.values))
    document.tags.add("rapport de référence")
    return document


def build(command):
    home_fr = HomePage.objects.get(locale__language_code="fr")
    ensure_pages(home_fr)
    demo_documents(command)
    demo_series(command)

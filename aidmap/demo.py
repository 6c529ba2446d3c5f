"""Demo content: the aid map page (fr + en) and a few activities located only by région or at
national level, so that the map shows its totals per région (idempotent; runs after the IATI
demo, which places its forty activities at région capitals)."""

import random

from home.demo import english_home, ensure_page, ensure_translation
from home.models import HomePage

from .models import AidMapPage

# identifier suffix, reporting org, title fr, title en, administrative codes (none = national)
AREA_ACTIVITIES = [
    ("CARTE-NAT-01", "XM-DAC-44000", "Filets sociaux adaptatifs (programme national)",
     "Adaptive social safety nets (national programme)", []),
    ("CARTE-NAT-02", "XI-IATI-EC_INTPA", "Appui budgétaire sectoriel à l’éducation",
     "Sector budget support to education", []),
    ("CARTE-REG-01", "FR-6", "Résilience pastorale dans la région de Tombouctou",
     "Pastoral resilience in the Tombouctou region", ["MLI.9_1"]),
    ("CARTE-REG-02", "XM-DAC-41122", "Éducation en situation d’urgence à Gao et Tombouctou",
     "Education in emergencies in Gao and Tombouctou", ["MLI.2_1", "MLI.9_1"]),
    ("CARTE-REG-03", "CA-3", "Santé communautaire dans la région de Mopti",
     "Community health in the Mopti region", ["MLI.6_1"]),
]  # fmt: skip

INTRO_FR = (
    "<p>Où va l’aide au Mali : les activités publiées par les partenaires techniques et "
    "financiers au format IATI, par lieu et par région. Filtrez par secteur, groupe "
    "thématique, partenaire, statut, région ou année ; la liste sous la carte donne les mêmes "
    "informations.</p>"
)
INTRO_EN = (
    "<p>Where aid goes in Mali: the activities published by the technical and financial "
    "partners in the IATI format, by place and by région. Filter by sector, thematic group, "
    "partner, status, région or year; the list below the map gives the same information.</p>"
)


def build(command):
    home_fr = HomePage.objects.get(locale__language_code="fr")
    english_home()
    page = ensure_page(
        home_fr,
        AidMapPage,
        "carte-de-l-aide",
        title="Carte de l’aide",
        intro=INTRO_FR,
        show_in_menus=True,
    )
    ensure_translation(page, "en", title="Aid map", slug="aid-map", intro=INTRO_EN)
    area_activities()
    return page


def area_activities():
    """The activities of AREA_ACTIVITIES, created once (complete and valid, from the IATI
    factories), each with administrative locations only."""
    from iati_publisher import gazetteer
    from iati_publisher.factories import make_activity
    from iati_publisher.models import Activity, ActivityLocation, ReportingOrganisation

    orgs = {org.ref: org for org in ReportingOrganisation.objects.all()}
    rng = random.Random(6)
    for suffix, ref, title_fr, title_en, codes in AREA_ACTIVITIES:
        org = orgs.get(ref)
        identifier = f"{ref}-{suffix}"
        if org is None or Activity.objects.filter(iati_identifier=identifier).exists():
            continue
        activity = make_activity(
            rng=rng,
            reporting_org=org,
            iati_identifier=identifier,
            title_fr=title_fr,
            title_en=title_en,
        )
        activity.locations.all().delete()
        locations = []
        for n, code in enumerate(codes):
            unit = gazetteer.get(code)
            locations.append(
                ActivityLocation(
                    activity=activity,
                    sort_order=n,
                    name_fr=unit["name_fr"],
                    name_en=unit["name_en"],
                    admin_unit_code=code,
                    admin_unit_level="region",
                    exactness="2",
                    location_class="1",
                    location_reach="1",
                )
            )
        ActivityLocation.objects.bulk_create(locations)

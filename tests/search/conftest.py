import pytest


@pytest.fixture(autouse=True)
def fresh_cache():
    """Factories save pages without publishing them, so the cached group paths and special
    pages (invalidated on publication in real use) are cleared between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def library_fr(home_fr):
    from library.factories import make_library_page

    return make_library_page(home_fr)


@pytest.fixture
def content(home_fr, home_en, library_fr):
    """One item of every kind about malaria ("paludisme"), plus what a visitor must not see."""
    import datetime

    from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

    from aidmap.models import AidMapPage
    from groups.factories import (
        GroupIndexPageFactory,
        OrganisationFactory,
        ThematicGroupPageFactory,
    )
    from home.demo import ensure_translation
    from home.factories import StandardPageFactory
    from iati_publisher.factories import ActivityFactory, ReportingOrganisationFactory
    from library.factories import (
        DocumentFactory,
        ReportEditionFactory,
        ReportSeriesFactory,
        make_calendar_page,
    )
    from library.models import EditionStatus

    make_calendar_page(home_fr)
    aidmap = AidMapPage(title="Carte de l’aide", slug="carte-de-l-aide")
    home_fr.add_child(instance=aidmap)
    index = GroupIndexPageFactory(parent=home_fr)
    health = ThematicGroupPageFactory(parent=index, title="Santé", slug="sante", acronym="GT-S")
    education = ThematicGroupPageFactory(
        parent=index, title="Éducation", slug="education", acronym="GT-E"
    )
    ensure_translation(index, "en", title="Thematic groups", slug="thematic-groups")
    health_en = ensure_translation(health, "en", title="Health", slug="health")
    page = StandardPageFactory(
        parent=health,
        title="Lutte contre le paludisme",
        slug="paludisme",
        intro="Les moustiquaires imprégnées réduisent le paludisme chez les enfants.",
    )
    page_en = ensure_translation(
        page, "en", title="Malaria control", slug="malaria", intro="Bed nets reduce malaria."
    )
    StandardPageFactory(
        parent=health, title="Paludisme : page brouillon", slug="brouillon", live=False
    )
    private = StandardPageFactory(parent=home_fr, title="Paludisme : note interne", slug="interne")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    report = DocumentFactory(
        title="Plan stratégique contre le paludisme",
        description="Chimioprévention du paludisme saisonnier.",
        publication_date=datetime.date(2024, 3, 1),
        audiences=["partners", "civil_society"],
    )
    report.thematic_groups.set([health])
    study = DocumentFactory(
        title="Étude sur le paludisme à l’école",
        description="Absentéisme des élèves.",
        document_type="study",
        publication_date=datetime.date(2025, 3, 1),
    )
    study.thematic_groups.set([health, education])
    hidden = Collection.get_first_root_node().add_child(name="Interne")
    CollectionViewRestriction.objects.create(
        collection=hidden, restriction_type=CollectionViewRestriction.LOGIN
    )
    DocumentFactory(title="Paludisme : budget confidentiel", collection=hidden)
    DocumentFactory(title="Paludisme non publié", is_listed=False)
    unicef = ReportingOrganisationFactory(
        ref="XM-DAC-41122", name_fr="Fonds des Nations unies pour l’enfance", name_en="UNICEF"
    )
    activity = ActivityFactory(
        reporting_org=unicef,
        title_fr="Paludisme et vaccination à Tombouctou",
        title_en="Malaria and vaccination in Timbuktu",
        description_fr="Distribution de moustiquaires.",
        description_en="Bed net distribution.",
    )
    activity.thematic_groups.set([health])
    activity.save()  # a ParentalManyToManyField is written on save
    ActivityFactory(reporting_org=unicef, title_fr="Paludisme (brouillon)", live=False)
    series = ReportSeriesFactory(title="Rapport sur le paludisme dans le monde")
    ReportEditionFactory(series=series, edition="2019", status=EditionStatus.ONLINE)
    ReportEditionFactory(series=series, edition="2031", status=EditionStatus.EXPECTED)
    OrganisationFactory(name="Alliance contre le paludisme", acronym="ACP")
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    return {
        "page": page,
        "page_en": page_en,
        "health": health,
        "health_en": health_en,
        "education": education,
        "report": report,
        "study": study,
        "activity": activity,
    }

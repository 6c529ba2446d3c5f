"""A small public site with one object of every public kind, every text set to ``text``
(a harmless title for the fuzz test, a script payload for the XSS suite)."""

import datetime
from decimal import Decimal

from django.core.cache import cache
from django.utils import timezone
from wagtail.models import Locale

from groups.factories import (
    GroupIndexPageFactory,
    MeetingPageFactory,
    OrganisationFactory,
    ThematicGroupPageFactory,
)
from home.demo import english_home, ensure_site_root
from home.factories import NewsIndexPageFactory, NewsPageFactory, StandardPageFactory
from library.factories import (
    DocumentFactory,
    ReportEditionFactory,
    ReportSeriesFactory,
    make_calendar_page,
    make_library_page,
)


def publish(page):
    page.save_revision().publish()
    return page


def build_site(text, tag="sahel"):
    from aidmap.demo import build as build_map
    from iati_publisher.codelists import ensure_codelists
    from iati_publisher.models import ActivityLocation, ReportingOrganisation
    from tests.aidmap.helpers import SEGOU, make_activities

    ensure_codelists()
    cache.clear()
    home = ensure_site_root()
    english_home()
    site = {"home": home}
    site["standard"] = publish(
        StandardPageFactory(parent=home, title=f"Page {text}", intro=f"<p>{text}</p>", slug="std")
    )
    news_index = publish(NewsIndexPageFactory(parent=home, slug="actualites"))
    site["news_index"] = news_index
    site["news"] = publish(
        NewsPageFactory(parent=news_index, title=f"Nouvelle {text}", summary=f"Résumé {text}")
    )
    index = publish(GroupIndexPageFactory(parent=home))
    site["group"] = group = publish(
        ThematicGroupPageFactory(parent=index, title=f"Santé {text}", acronym="SANTE", slug="sante")
    )
    site["meeting"] = publish(
        MeetingPageFactory(
            parent=group,
            title=f"Réunion {text}",
            place=f"Bamako {text}",
            start=timezone.now() + datetime.timedelta(days=3),
        )
    )
    site["organisation"] = OrganisationFactory(name=f"Organisation {text}", acronym="ORGX")
    site["library"] = make_library_page(home)
    site["calendar"] = make_calendar_page(home)
    document = DocumentFactory(title=f"Rapport {text}", description=f"Description {text}")
    document.issuing_organisations.set([site["organisation"]])
    document.thematic_groups.set([group])
    document.tags.add(tag)
    site["document"] = document
    series = ReportSeriesFactory(
        title=f"Série {text}",
        publisher=site["organisation"],
        locale=Locale.objects.get(language_code="fr"),
    )
    site["edition"] = series.editions.order_by("expected_date").first() or ReportEditionFactory(
        series=series, edition="2099", expected_date=timezone.localdate()
    )
    build_map(None)
    org, _created = ReportingOrganisation.objects.get_or_create(
        ref="XM-DAC-7", defaults={"name_fr": f"Pays-Bas {text}", "name_en": f"Netherlands {text}"}
    )
    make_activities(1, org=org, prefix="X", points=(SEGOU,))
    activity = org.activities.get()
    activity.title_fr = f"Projet {text}"
    activity.title_en = f"Project {text}"
    activity.description_fr = f"Description {text}"
    activity.save()
    ActivityLocation.objects.filter(activity=activity).update(
        name_fr=f"Ségou {text}", name_en=f"Segou {text}"
    )
    site["activity"] = activity
    site["amount"] = Decimal("1000000")
    cache.clear()
    return site


def public_urls(site):
    """Every public URL of ``site`` with the query parameters its view reads."""
    library = site["library"]
    group = site["group"]
    activity = site["activity"]
    from aidmap.models import AidMapPage

    aid_map = AidMapPage.objects.get(locale__language_code="fr")
    return {
        "/fr/": ["page"],
        site["news_index"].url: ["page"],
        site["news"].url: [],
        site["standard"].url: [],
        "/fr/search/": ["q", "page"],
        library.url: ["q", "type", "audience", "group", "year", "language", "tag", "sort", "page"],
        library.document_url(site["document"]): [],
        f"{library.url}feeds/rss/": [],
        f"{library.url}feeds/rss/group/{group.pk}/": [],
        f"{library.url}feeds/rss/audience/partners/": [],
        site["calendar"].url: ["year"],
        f"{site['calendar'].url}ical/": [],
        f"{site['calendar'].url}feeds/rss/": [],
        group.url: [],
        f"{group.url}rss/": [],
        f"{group.url}ical/": [],
        site["meeting"].url: [],
        f"{group.get_parent().url}agenda/": ["month", "year"],
        f"{group.get_parent().url}agenda/ical/": [],
        "/fr/feeds/news.rss": [],
        "/fr/feeds/news.atom": [],
        aid_map.url: ["sector", "group", "partner", "status", "region", "year", "page"],
        f"{aid_map.url}activity/{activity.iati_identifier}/": [],
        "/api/aid/locations.geojson": [
            "sector",
            "group",
            "partner",
            "status",
            "region",
            "year",
            "lang",
        ],
        "/iati/activities.xml": [],
        "/iati/organisation.xml": [],
        f"/iati/{activity.reporting_org.ref}/activities.xml": [],
        f"/iati/{activity.reporting_org.ref}/organisation.xml": [],
        "/sitemap.xml": [],
        "/healthz": [],
    }

"""Factories for IATI data: random but valid activities (tests, benchmark)."""

import datetime
import random
from decimal import Decimal

import factory

from .models import (
    Activity,
    ActivityDate,
    ActivityLocation,
    ActivitySector,
    Budget,
    Contact,
    DocumentLink,
    ParticipatingOrg,
    PlannedDisbursement,
    RecipientCountry,
    RecipientRegion,
    ReportingOrganisation,
    Result,
    Transaction,
)

DAC5_SECTORS = ["11220", "12220", "12240", "14030", "15110", "31120", "31161", "43040", "72010"]
CURRENCIES = ["XOF", "EUR", "USD"]
# Région capitals of Mali: (name, latitude, longitude).
PLACES = [
    ("Kayes", "14.447200", "-11.445300"),
    ("Koulikoro", "12.862700", "-7.559800"),
    ("Sikasso", "11.317600", "-5.666500"),
    ("Ségou", "13.431700", "-6.265700"),
    ("Mopti", "14.484300", "-4.182700"),
    ("Tombouctou", "16.773500", "-3.007400"),
    ("Gao", "16.271700", "-0.044700"),
    ("Kidal", "18.441100", "1.407800"),
    ("Bamako", "12.639200", "-8.002900"),
]


class ReportingOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingOrganisation
        django_get_or_create = ("ref",)

    ref = factory.Sequence(lambda n: f"XM-TEST-{n}")
    name_fr = factory.Sequence(lambda n: f"Partenaire {n}")
    name_en = factory.Sequence(lambda n: f"Partner {n}")
    org_type = "10"


class ActivityFactory(factory.django.DjangoModelFactory):
    """A live activity with only its own fields; use ``make_activity`` for a complete one."""

    class Meta:
        model = Activity

    reporting_org = factory.SubFactory(ReportingOrganisationFactory)
    iati_identifier = factory.LazyAttributeSequence(lambda o, n: f"{o.reporting_org.ref}-A{n:05d}")
    title_fr = factory.Sequence(lambda n: f"Projet d'appui n° {n}")
    title_en = factory.Sequence(lambda n: f"Support project no. {n}")
    description_fr = "Appui aux services sociaux de base au Mali."
    description_en = "Support to basic social services in Mali."
    activity_status = "2"
    default_currency = "XOF"
    default_flow_type = "10"
    default_finance_type = "110"
    default_aid_type = "C01"
    default_tied_status = "5"
    collaboration_type = "1"
    live = True


def activity_parts(
    activity, rng=None, transactions=3, sectors=2, locations=1, today=None, extras=True
):
    """Unsaved, valid parts for ``activity``: {relation name: [objects]}."""
    rng = rng or random.Random()
    today = today or datetime.date.today()
    start = today - datetime.timedelta(days=rng.randint(60, 1500))
    end = start + datetime.timedelta(days=rng.randint(400, 2000))
    parts = {
        "dates": [
            ActivityDate(activity=activity, type="1", iso_date=start),
            ActivityDate(activity=activity, type="2", iso_date=start),
            ActivityDate(activity=activity, type="3", iso_date=end),
        ],
        "participating_orgs": [
            ParticipatingOrg(
                activity=activity,
                role="1",
                ref=activity.reporting_org.ref,
                type="10",
                name=activity.reporting_org.name_fr,
            ),
            ParticipatingOrg(activity=activity, role="4", type="21", name="ONG Tassaght"),
        ],
    }
    codes = rng.sample(DAC5_SECTORS, sectors)
    shares = _split(100, sectors, rng)
    parts["sectors"] = [
        ActivitySector(activity=activity, vocabulary="1", code=code, percentage=Decimal(share))
        for code, share in zip(codes, shares, strict=True)
    ]
    parts["locations"] = []
    for name, lat, lon in rng.sample(PLACES, min(locations, len(PLACES))):
        parts["locations"].append(
            ActivityLocation(
                activity=activity,
                name_fr=name,
                name_en=name,
                latitude=Decimal(lat),
                longitude=Decimal(lon),
                admin_unit_level="region",
                exactness="1",
                location_class="2",
                location_reach="1",
            )
        )
    parts["budgets"] = [
        Budget(
            activity=activity,
            type="1",
            status="2",
            period_start=datetime.date(start.year, 1, 1),
            period_end=datetime.date(start.year, 12, 31),
            value=Decimal(rng.randint(10, 900) * 1_000_000),
            currency=rng.choice(CURRENCIES),
            value_date=datetime.date(start.year, 1, 1),
        )
    ]
    parts["transactions"] = []
    for i in range(transactions):
        day = start + datetime.timedelta(days=rng.randint(0, max(1, (today - start).days)))
        parts["transactions"].append(
            Transaction(
                activity=activity,
                sort_order=i,
                transaction_type="2" if i == 0 else rng.choice(["3", "4"]),
                transaction_date=day,
                value=Decimal(rng.randint(1, 500) * 100_000),
                currency=rng.choice(CURRENCIES),
                value_date=day,
                description=f"Versement {i + 1}",
                provider_org_ref=activity.reporting_org.ref,
                provider_org_name=activity.reporting_org.name_fr,
                receiver_org_name="Ministère de la Santé et du Développement social",
            )
        )
    if extras:
        _extras(activity, parts, rng, start, today)
    return parts


def _extras(activity, parts, rng, start, today):
    """Optional parts drawn at random: contacts, shares between Mali and a region, planned
    disbursements, document links, results with indicators and periods."""
    if rng.random() < 0.5:
        parts["contacts"] = [
            Contact(
                activity=activity, type="1", organisation="Pool Technique", email="pt@example.org"
            )
        ]
    if rng.random() < 0.5:
        share = Decimal(rng.choice([60, 70, 80]))
        parts["recipient_countries"] = [
            RecipientCountry(activity=activity, code="ML", percentage=share)
        ]
        parts["recipient_regions"] = [
            RecipientRegion(activity=activity, vocabulary="1", code="289", percentage=100 - share)
        ]
    if rng.random() < 0.5:
        year = today.year + 1
        parts["planned_disbursements"] = [
            PlannedDisbursement(
                activity=activity,
                type="1",
                period_start=datetime.date(year, 1, 1),
                period_end=datetime.date(year, 6, 30),
                value=Decimal(rng.randint(1, 90) * 1_000_000),
                currency=rng.choice(CURRENCIES),
                value_date=datetime.date(year, 1, 1),
            )
        ]
    if rng.random() < 0.5:
        parts["document_links"] = [
            DocumentLink(
                activity=activity,
                url="https://example.org/rapport.pdf",
                title="Rapport annuel",
                category=rng.choice(["A01", "A02", "B01"]),
                language=rng.choice(["fr", "en"]),
            )
        ]
    if rng.random() < 0.5:
        period = {
            "period_start": datetime.date(start.year, 1, 1),
            "period_end": datetime.date(start.year, 12, 31),
            "target": Decimal(rng.randint(100, 900)),
            "actual": Decimal(rng.randint(50, 900)) if rng.random() < 0.7 else None,
        }
        indicator = {
            "title_fr": "Enfants vaccinés",
            "title_en": "Children vaccinated" if rng.random() < 0.7 else "",
            "measure": rng.choice(["1", "2"]),
            "ascending": rng.random() < 0.8,
            "baseline_year": start.year if rng.random() < 0.6 else None,
            "baseline_value": Decimal(rng.randint(0, 50)),
            "periods": [period],
        }
        parts["results"] = [
            Result(
                activity=activity,
                type=rng.choice(["1", "2", "3"]),
                title_fr="Couverture vaccinale",
                title_en="Immunisation coverage",
                indicators=[("indicator", indicator)],
            )
        ]


def _split(total, n, rng):
    cuts = sorted(rng.sample(range(1, total), n - 1)) if n > 1 else []
    bounds = [0, *cuts, total]
    return [bounds[i + 1] - bounds[i] for i in range(n)]


def make_activity(rng=None, **kwargs):
    """A saved, live, valid activity with random parts."""
    activity = ActivityFactory(**kwargs)
    for objects in activity_parts(activity, rng=rng).values():
        if objects:
            type(objects[0]).objects.bulk_create(objects)
    return activity

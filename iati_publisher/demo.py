"""Demo IATI data: forty bilingual activities of six partners across the régions of Mali.

Deterministic (seeded) and idempotent: an activity that exists (by IATI identifier) is left
alone. Activities are published, which regenerates the public IATI files once at commit.
"""

import datetime
import random
from decimal import Decimal

from .codelists import ensure_codelists
from .demo_data import DESCRIPTIONS, IMPLEMENTERS, PARTNERS, REGIONS, THEMES
from .models import (
    Activity,
    ActivityDate,
    ActivityLocation,
    ActivitySector,
    Budget,
    Contact,
    ParticipatingOrg,
    PlannedDisbursement,
    ReportingOrganisation,
    Result,
    Transaction,
)

N_ACTIVITIES = 40
LAST_TRANSACTION = datetime.date(2026, 6, 30)


def thematic_group_for(words):
    try:
        from groups.models import ThematicGroupPage
    except ImportError:  # pragma: no cover
        return None
    for word in words:
        group = (
            ThematicGroupPage.objects.filter(locale__language_code="fr", title__icontains=word)
            .order_by("pk")
            .first()
        )
        if group is not None:
            return group
    return None


def reporting_organisations():
    orgs = []
    for ref, name_fr, name_en, org_type, currency in PARTNERS:
        org, _created = ReportingOrganisation.objects.get_or_create(
            ref=ref,
            defaults={
                "name_fr": name_fr,
                "name_en": name_en,
                "org_type": org_type,
                "default_currency": currency,
            },
        )
        orgs.append(org)
    return orgs


def build(command=None):
    ensure_codelists()
    orgs = reporting_organisations()
    rng = random.Random(2026)
    created = 0
    for n in range(N_ACTIVITIES):
        org = orgs[n % len(orgs)]
        theme = THEMES[n % len(THEMES)]
        region = REGIONS[(n * 5) % len(REGIONS)]
        identifier = f"{org.ref}-ML-{2021 + n % 5}-{n + 1:03d}"
        # draw the random numbers even for existing activities: the others stay the same
        spec = _spec(n, rng, org, theme, region)
        if Activity.objects.filter(iati_identifier=identifier).exists():
            continue
        _create(identifier, org, theme, spec)
        created += 1
    if command is not None:
        command.stdout.write(f"  IATI: {created} activities created")


def _spec(n, rng, org, theme, region):
    key, words, sectors, titles = theme
    title_fr, title_en = titles[n % len(titles)]
    start = datetime.date(2021 + n % 5, 1 + rng.randrange(12), 1)
    years = 3 + rng.randrange(3)
    end = datetime.date(start.year + years, start.month, 1) - datetime.timedelta(days=1)
    second = REGIONS[(REGIONS.index(region) + 1 + rng.randrange(len(REGIONS) - 1)) % len(REGIONS)]
    n_sectors = 1 + rng.randrange(min(3, len(sectors)))
    return {
        "n": n,
        "title_fr": title_fr.format(r=region[0]),
        "title_en": title_en.format(r=region[0]),
        "start": start,
        "end": end,
        "regions": [region, second] if rng.random() < 0.6 else [region],
        "sectors": rng.sample(sectors, n_sectors),
        "words": words,
        "currency": "EUR" if org.default_currency == "EUR" else rng.choice(["XOF", "XOF", "EUR"]),
        "yearly": rng.randint(4, 40) * 100_000,
        "rng": random.Random(n),
        "implementer": IMPLEMENTERS[n % len(IMPLEMENTERS)],
    }


def _money(value, currency):
    """A plausible amount: XOF amounts are about 656 times the EUR ones."""
    return Decimal(value * 656) if currency == "XOF" else Decimal(value)


def _create(identifier, org, theme, s):
    finished = s["end"] < LAST_TRANSACTION
    activity = Activity(
        reporting_org=org,
        iati_identifier=identifier,
        title_fr=s["title_fr"],
        title_en=s["title_en"],
        description_fr=DESCRIPTIONS[0],
        description_en=DESCRIPTIONS[1],
        activity_status="3" if finished else "2",
        default_currency=s["currency"],
        default_aid_type="C01",
        default_finance_type="110",
        default_flow_type="10",
        default_tied_status="5",
        collaboration_type="1" if org.org_type == "10" else "2",
        recipient_country="ML",
    )
    activity.save()
    group = thematic_group_for(s["words"])
    if group is not None:
        activity.thematic_groups.add(group)
    ActivityDate.objects.bulk_create(
        [
            ActivityDate(activity=activity, type="1", iso_date=s["start"]),
            ActivityDate(activity=activity, type="2", iso_date=s["start"]),
            ActivityDate(activity=activity, type="3", iso_date=s["end"]),
        ]
        + ([ActivityDate(activity=activity, type="4", iso_date=s["end"])] if finished else [])
    )
    ref, name, org_type = s["implementer"]
    ParticipatingOrg.objects.bulk_create(
        [
            ParticipatingOrg(activity=activity, role="1", ref=org.ref, type=org.org_type, name=org.name_fr),
            ParticipatingOrg(activity=activity, role="4", ref=ref, type=org_type, name=name),
        ]
    )  # fmt: skip
    Contact.objects.create(
        activity=activity, type="1", organisation=org.name_fr, email="pool.technique@example.org"
    )
    shares = _shares(len(s["sectors"]), s["rng"])
    ActivitySector.objects.bulk_create(
        [
            ActivitySector(activity=activity, vocabulary="1", code=code, percentage=share)
            for code, share in zip(s["sectors"], shares, strict=True)
        ]
    )
    ActivityLocation.objects.bulk_create(
        [
            ActivityLocation(
                activity=activity,
                name_fr=f"Région de {name}" if name != "Bamako" else "District de Bamako",
                name_en=f"{name} region" if name != "Bamako" else "Bamako District",
                latitude=Decimal(lat),
                longitude=Decimal(lon),
                admin_unit_code=code,
                admin_unit_level="region",
                exactness="2",
                location_class="1",
                location_reach="1",
            )
            for name, code, lat, lon in s["regions"]
        ]
    )
    _finance(activity, s)
    Result.objects.create(
        activity=activity,
        type="1",
        title_fr="Populations bénéficiaires des services appuyés",
        title_en="People benefiting from the supported services",
        indicators=[
            (
                "indicator",
                {
                    "title_fr": "Nombre de personnes touchées",
                    "title_en": "Number of people reached",
                    "measure": "1",
                    "ascending": True,
                    "baseline_year": s["start"].year,
                    "baseline_value": Decimal(0),
                    "periods": [
                        {
                            "period_start": datetime.date(s["start"].year, 1, 1),
                            "period_end": datetime.date(s["start"].year, 12, 31),
                            "target": Decimal(5000 + 250 * s["n"]),
                            "actual": Decimal(4200 + 240 * s["n"]),
                        }
                    ],
                },
            )
        ],
    )
    activity.save_revision().publish()


def _shares(n, rng):
    if n == 1:
        return [Decimal(100)]
    first = Decimal(rng.choice([40, 50, 60]))
    if n == 2:
        return [first, 100 - first]
    return [first, Decimal(30), 100 - first - 30]


def _finance(activity, s):
    currency = s["currency"]
    rng = s["rng"]
    budgets, transactions, planned = [], [], []
    year = s["start"].year
    total = Decimal(0)
    while year <= s["end"].year:
        value = _money(s["yearly"], currency)
        budgets.append(
            Budget(
                activity=activity,
                type="1",
                status="2" if year <= 2025 else "1",
                period_start=datetime.date(year, 1, 1),
                period_end=datetime.date(year, 12, 31),
                value=value,
                currency=currency,
                value_date=datetime.date(year, 1, 1),
            )
        )
        total += value
        year += 1
    transactions.append(
        Transaction(
            activity=activity,
            transaction_type="2",
            transaction_date=s["start"],
            value=total,
            currency=currency,
            value_date=s["start"],
            description="Engagement initial de la convention de financement",
            provider_org_ref=activity.reporting_org.ref,
            provider_org_name=activity.reporting_org.name_fr,
            receiver_org_name=s["implementer"][1],
        )
    )
    day = s["start"] + datetime.timedelta(days=60)
    while day <= min(s["end"], LAST_TRANSACTION):
        value = (total / Decimal(8) * Decimal(rng.randint(60, 100)) / 100).quantize(Decimal("1"))
        transactions.append(
            Transaction(
                activity=activity,
                transaction_type=rng.choice(["3", "3", "4"]),
                transaction_date=day,
                value=value,
                currency=currency,
                value_date=day,
                description="Décaissement semestriel",
                provider_org_ref=activity.reporting_org.ref,
                provider_org_name=activity.reporting_org.name_fr,
                receiver_org_name=s["implementer"][1],
            )
        )
        day += datetime.timedelta(days=182)
    if s["end"] > LAST_TRANSACTION:
        planned.append(
            PlannedDisbursement(
                activity=activity,
                type="1",
                period_start=datetime.date(2027, 1, 1),
                period_end=datetime.date(2027, 6, 30),
                value=_money(s["yearly"], currency) / 2,
                currency=currency,
                value_date=datetime.date(2027, 1, 1),
            )
        )
    Budget.objects.bulk_create(budgets)
    Transaction.objects.bulk_create(transactions)
    PlannedDisbursement.objects.bulk_create(planned)

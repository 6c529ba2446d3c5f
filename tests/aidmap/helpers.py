"""Activities for the aid map tests, created in bulk (a handful of queries whatever the size)."""

import datetime
from decimal import Decimal

from iati_publisher.models import (
    Activity,
    ActivityLocation,
    ActivitySector,
    ReportingOrganisation,
    Transaction,
)

SEGOU = (Decimal("13.431"), Decimal("-6.265"))
MOPTI = (Decimal("14.493"), Decimal("-4.191"))
SIKASSO = (Decimal("11.318"), Decimal("-5.667"))


def reporting_org(ref="XM-DAC-7", name_fr="Pays-Bas", name_en="Netherlands"):
    org, _created = ReportingOrganisation.objects.get_or_create(
        ref=ref, defaults={"name_fr": name_fr, "name_en": name_en}
    )
    return org


def make_activities(
    count,
    *,
    org=None,
    prefix="A",
    points=(SEGOU,),
    admin_codes=(),
    sector="12220",
    status="2",
    live=True,
    commitment=Decimal("1000000"),
    disbursement=Decimal("400000"),
    currency="XOF",
    year=2025,
):
    """``count`` activities, each with the given point locations, admin-only locations, one
    sector and one commitment + one disbursement."""
    org = org or reporting_org()
    activities = Activity.objects.bulk_create(
        [
            Activity(
                reporting_org=org,
                iati_identifier=f"{org.ref}-{prefix}{i:05d}",
                title_fr=f"Projet {prefix}{i:05d}",
                title_en=f"Project {prefix}{i:05d}",
                description_fr="Description en français.",
                description_en="Description in English.",
                activity_status=status,
                live=live,
            )
            for i in range(count)
        ]
    )
    locations, sectors, transactions = [], [], []
    day = datetime.date(year, 3, 1)
    for activity in activities:
        for n, (lat, lon) in enumerate(points):
            locations.append(
                ActivityLocation(
                    activity=activity,
                    name_fr=f"Lieu {n}",
                    name_en=f"Place {n}",
                    latitude=lat,
                    longitude=lon,
                    sort_order=n,
                )
            )
        for n, code in enumerate(admin_codes):
            locations.append(
                ActivityLocation(
                    activity=activity,
                    name_fr=code,
                    admin_unit_code=code,
                    admin_unit_level="region",
                    exactness="2",
                    sort_order=100 + n,
                )
            )
        sectors.append(ActivitySector(activity=activity, code=sector, percentage=100))
        for kind, value in (("2", commitment), ("3", disbursement)):
            transactions.append(
                Transaction(
                    activity=activity,
                    transaction_type=kind,
                    transaction_date=day,
                    value_date=day,
                    value=value,
                    currency=currency,
                )
            )
    ActivityLocation.objects.bulk_create(locations)
    ActivitySector.objects.bulk_create(sectors)
    Transaction.objects.bulk_create(transactions)
    return activities

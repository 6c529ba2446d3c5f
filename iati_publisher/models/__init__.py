"""IATI publisher models: codelists, reporting organisations, activities and their parts."""

from .activity import Activity, ActivityCheck, ReportingOrganisation
from .codelists import CodeField, Codelist, CodelistItem, CodelistSelect
from .parts import (
    ActivityDate,
    ActivityLocation,
    ActivitySector,
    Budget,
    Contact,
    DocumentLink,
    IndicatorBlock,
    IndicatorPeriodBlock,
    ParticipatingOrg,
    PlannedDisbursement,
    RecipientCountry,
    RecipientRegion,
    Result,
    Transaction,
)

__all__ = [
    "Activity",
    "ActivityCheck",
    "ActivityDate",
    "ActivityLocation",
    "ActivitySector",
    "Budget",
    "CodeField",
    "Codelist",
    "CodelistItem",
    "CodelistSelect",
    "Contact",
    "DocumentLink",
    "IndicatorBlock",
    "IndicatorPeriodBlock",
    "ParticipatingOrg",
    "PlannedDisbursement",
    "RecipientCountry",
    "RecipientRegion",
    "ReportingOrganisation",
    "Result",
    "Transaction",
]

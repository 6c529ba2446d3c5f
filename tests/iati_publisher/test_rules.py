"""The IATI checks on an activity and its rows (no database writes needed for the rows)."""

import datetime
from decimal import Decimal

import pytest

from iati_publisher.checks import ERROR, WARNING, check_activity, stored_parts
from iati_publisher.factories import ActivityFactory, activity_parts
from iati_publisher.models import ActivitySector, Budget, Transaction

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)


@pytest.fixture
def activity(reporting_org):
    # last updated before TODAY: the official rule 11.1.1 refuses a date in the future
    updated = datetime.datetime(2026, 5, 31, 12, 0, tzinfo=datetime.UTC)
    return ActivityFactory(
        reporting_org=reporting_org, iati_identifier="FR-6-X-1", last_updated=updated
    )


@pytest.fixture
def parts(activity):
    import random

    return activity_parts(activity, rng=random.Random(3), today=TODAY)


def errors(activity, parts):
    return [p for p in check_activity(activity, parts, today=TODAY) if p.severity == ERROR]


def rules(problems):
    return {p.rule_id for p in problems}


def test_valid_activity_has_no_error(activity, parts):
    assert errors(activity, parts) == []


def test_identifier_prefix(activity, parts):
    activity.iati_identifier = "FR-66-X"
    found = errors(activity, parts)
    assert rules(found) == {"1.1.21"}
    assert found[0].field == "iati_identifier" and found[0].relation is None


def test_start_date_required_and_before_end(activity, parts):
    parts["dates"] = [d for d in parts["dates"] if d.type == "3"]
    assert "6.11.1" in rules(errors(activity, parts))
    parts["dates"].insert(0, type(parts["dates"][0])(type="1", iso_date=datetime.date(2040, 1, 1)))
    problem = next(p for p in errors(activity, parts) if p.rule_id == "11.1.2")
    assert (problem.relation, problem.index, problem.field) == ("dates", 1, "iso_date")


def test_actual_dates_and_transactions_not_in_future(activity, parts):
    parts["dates"][1].iso_date = TODAY + datetime.timedelta(days=1)
    parts["transactions"][2].transaction_date = TODAY + datetime.timedelta(days=1)
    found = errors(activity, parts)
    assert "11.1.4" in rules(found)
    tx = next(p for p in found if p.rule_id == "11.2.1")
    assert (tx.relation, tx.index, tx.field) == ("transactions", 2, "transaction_date")


def test_sector_percentages_per_vocabulary(activity, parts):
    parts["sectors"] = [
        ActivitySector(vocabulary="1", code="12220", percentage=Decimal(50)),
        ActivitySector(vocabulary="1", code="11220", percentage=Decimal(20)),
        ActivitySector(vocabulary="2", code="122", percentage=Decimal(100)),
    ]
    found = errors(activity, parts)
    assert [p.rule_id for p in found] == ["2.1.2"]
    assert "70" in found[0].message


def test_sectors_on_activity_or_every_transaction(activity, parts):
    parts["transactions"][0].sector_code = "12220"
    assert "6.6.2" in rules(errors(activity, parts))
    parts["sectors"] = []
    assert "6.7.2" in rules(errors(activity, parts))
    for t in parts["transactions"]:
        t.sector_code, t.sector_vocabulary = "12220", "1"
    assert errors(activity, parts) == []
    for t in parts["transactions"]:
        t.sector_code = ""
    assert "6.2.2" in rules(errors(activity, parts))


def test_budget_at_most_a_year(activity, parts):
    parts["budgets"].append(
        Budget(
            type="1",
            status="1",
            period_start=datetime.date(2024, 1, 1),
            period_end=datetime.date(2025, 6, 30),
            value=Decimal(1),
            currency="XOF",
            value_date=datetime.date(2024, 1, 1),
        )
    )
    problem = next(p for p in errors(activity, parts) if p.rule_id == "7.5.3")
    assert (problem.relation, problem.index) == ("budgets", 1)


def test_currency_present(activity, parts):
    activity.default_currency = ""
    parts["transactions"][1].currency = ""
    problem = next(p for p in errors(activity, parts) if p.rule_id == "7.8.1")
    assert (problem.relation, problem.index, problem.field) == ("transactions", 1, "currency")


def test_narratives_present(activity, parts):
    activity.title_fr = activity.title_en = ""
    assert "narrative" in rules(errors(activity, parts))


def test_codelist_through_mapping(activity, parts):
    activity.activity_status = "9"
    parts["transactions"][0].transaction_type = "99"
    found = {(p.relation, p.field) for p in errors(activity, parts) if p.rule_id == "codelist"}
    assert found == {(None, "activity_status"), ("transactions", "transaction_type")}


def test_sector_codelist_depends_on_vocabulary(activity, parts):
    parts["sectors"] = [ActivitySector(vocabulary="2", code="122", percentage=Decimal(100))]
    assert errors(activity, parts) == []  # 122 is a DAC 3-digit category
    parts["sectors"][0].vocabulary = "1"
    assert "codelist" in rules(errors(activity, parts))


def test_withdrawn_code_is_an_error(activity, parts):
    from iati_publisher.models import CodelistItem

    withdrawn = CodelistItem.objects.get(codelist__name="Currency", status="withdrawn", code="ZMK")
    parts["transactions"][0].currency = withdrawn.code
    assert "codelist-withdrawn" in rules(errors(activity, parts))


def test_xsd_is_the_last_safety_net(activity, parts):
    parts["transactions"].append(
        Transaction(
            transaction_type="3",
            transaction_date=TODAY,
            value=Decimal("1e30"),  # not an xsd:decimal the schema accepts? it is; use a bad ref
            currency="XOF",
            value_date=TODAY,
        )
    )
    assert errors(activity, parts) == []
    parts["participating_orgs"] = []
    found = errors(activity, parts)
    assert "6.10" in rules(found)


def test_warnings(activity, parts):
    activity.title_en = ""
    parts["locations"] = []
    warnings = [p for p in check_activity(activity, parts, today=TODAY) if p.severity == WARNING]
    assert {p.field for p in warnings} >= {"title_en"}
    assert len(warnings) >= 2


def test_stored_activity(valid_activity):
    problems = check_activity(valid_activity, stored_parts(valid_activity))
    assert [p for p in problems if p.severity == ERROR] == []

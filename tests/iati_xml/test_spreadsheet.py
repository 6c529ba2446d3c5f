"""Spreadsheet import: template, empty cells never erase, idempotent transactions, errors."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from iati_publisher.importer import ImportRefused, import_file
from iati_publisher.models import Activity, ReportingOrganisation
from iati_publisher.spreadsheet import build_template
from iati_publisher.spreadsheet_import import apply_workbook, plan_workbook

from .helpers import activities_file, activity_xml

pytestmark = pytest.mark.django_db


def workbook(tmp_path, activities=(), transactions=(), name="import.xlsx"):
    """A filled copy of the template: rows are {column key: value}."""
    book = load_workbook(io.BytesIO(build_template()))
    for sheet_name, rows in (("Activities", activities), ("Transactions", transactions)):
        sheet = book[sheet_name]
        keys = [cell.value for cell in sheet[1]]
        for offset, row in enumerate(rows):
            for key, value in row.items():
                sheet.cell(row=3 + offset, column=keys.index(key) + 1, value=value)
    path = tmp_path / name
    book.save(path)
    return path


@pytest.fixture
def imported(tmp_path):
    import_file(activities_file(tmp_path))
    return Activity.objects.get()


def test_template_has_keys_and_titles(client, superuser):
    book = load_workbook(io.BytesIO(build_template()))
    assert book.sheetnames == ["Activities", "Transactions"]
    assert book["Activities"]["A1"].value == "iati_identifier"
    assert book["Activities"].row_dimensions[1].hidden
    client.force_login(superuser)
    response = client.get(reverse("iati_import:template"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('iati-import-template.xlsx"')


def test_empty_cells_never_erase_data(tmp_path, imported):
    path = workbook(
        tmp_path,
        activities=[{"iati_identifier": imported.iati_identifier, "title_en": "New English title"}],
    )
    plan = plan_workbook(path)
    assert plan.errors == []
    assert [(c.action, c.fields) for c in plan.changes] == [("update", ["title_en"])]
    apply_workbook(path)
    activity = Activity.objects.get()
    assert activity.title_en == "New English title"
    assert activity.title_fr == "Santé maternelle à Mopti"  # empty cell: kept
    assert activity.description_fr.startswith("Appui")
    assert activity.sectors.count() == 2 and activity.transactions.count() == 2
    assert activity.live and not activity.has_unpublished_changes


def test_transactions_are_added_once(tmp_path, imported):
    rows = [
        {
            "iati_identifier": imported.iati_identifier,
            "transaction_type": "3",
            "transaction_date": dt.date(2021, 5, 3),
            "value": "1 500 000,50",
            "currency": "XOF",
            "description": "Deuxième décaissement",
        }
    ]
    path = workbook(tmp_path, transactions=rows)
    [change] = plan_workbook(path).changes
    assert change.transactions_added == 1
    assert apply_workbook(path).updated == 1
    apply_workbook(path)  # same sheet again: nothing added
    activity = Activity.objects.get()
    values = sorted(activity.transactions.values_list("value", flat=True))
    assert values == [Decimal("50000.00"), Decimal("250000.50"), Decimal("1500000.50")]
    assert plan_workbook(path).changes[0].action == "unchanged"


def test_new_activity_and_its_transactions(tmp_path, imported):
    path = workbook(
        tmp_path,
        activities=[
            {
                "iati_identifier": "XM-DAC-7-PTF-NEW",
                "reporting_org": "XM-DAC-7",
                "title_fr": "Éducation à Gao",
                "planned_start": "2025-01-01",
                "sectors": "11220:100",
            }
        ],
        transactions=[
            {
                "iati_identifier": "XM-DAC-7-PTF-NEW",
                "transaction_type": "2",
                "transaction_date": "15/01/2025",
                "value": 1000,
            }
        ],
    )
    result = apply_workbook(path, draft=True)
    assert (result.created, result.updated) == (1, 0)
    activity = Activity.objects.get(iati_identifier="XM-DAC-7-PTF-NEW")
    assert not activity.live
    assert activity.dates.get().iso_date == dt.date(2025, 1, 1)
    assert activity.transactions.get().transaction_date == dt.date(2025, 1, 15)


def test_errors_stop_everything_and_name_the_cell(tmp_path, imported):
    path = workbook(
        tmp_path,
        activities=[
            {"iati_identifier": imported.iati_identifier, "title_en": "Changed"},
            {"iati_identifier": "ZZ-1-X", "reporting_org": "ZZ-1", "title_fr": "x"},
        ],
        transactions=[
            {"iati_identifier": imported.iati_identifier, "transaction_type": "99", "value": "abc"},
            {"iati_identifier": "XM-DAC-7-UNKNOWN", "transaction_type": "3"},
        ],
    )
    plan = plan_workbook(path)
    found = {(p.rule_name, p.line) for p in plan.errors}
    assert ("Activities:reporting_org", 4) in found
    assert ("Transactions:transaction_type", 3) in found
    assert ("Transactions:value", 3) in found
    assert ("Transactions:iati_identifier", 4) in found
    with pytest.raises(ImportRefused):
        apply_workbook(path)
    assert Activity.objects.get().title_en == "Maternal health in Mopti"
    assert not ReportingOrganisation.objects.filter(ref="ZZ-1").exists()


def test_pending_draft_is_not_published_by_a_spreadsheet(tmp_path, imported):
    imported.title_fr = "Brouillon en cours"
    imported.save_revision()
    path = workbook(
        tmp_path, activities=[{"iati_identifier": imported.iati_identifier, "title_en": "Sheet"}]
    )
    [change] = plan_workbook(path).changes
    assert change.as_draft
    apply_workbook(path)
    activity = Activity.objects.get()
    assert activity.title_en == "Maternal health in Mopti"  # live version untouched
    latest = activity.latest_revision.as_object()
    assert (latest.title_fr, latest.title_en) == ("Brouillon en cours", "Sheet")


def test_admin_spreadsheet_preview_and_commit(client, superuser, tmp_path, imported):
    path = workbook(
        tmp_path,
        activities=[{"iati_identifier": imported.iati_identifier, "title_en": "Via admin"}],
    )
    client.force_login(superuser)
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    response = client.post(reverse("iati_import:upload"), {"kind": "xlsx", "file": upload})
    assert response.status_code == 302
    preview = client.get(response.url)
    assert "title_en" in preview.content.decode()
    assert Activity.objects.get().title_en == "Maternal health in Mopti"
    client.post(response.url)
    assert Activity.objects.get().title_en == "Via admin"


def test_prefilled_sheet_round_trip_changes_nothing(client, superuser, tmp_path, imported):
    client.force_login(superuser)
    response = client.get(reverse("iati_import:template") + "?prefill=1")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["Activities"]
    keys = [cell.value for cell in sheet[1]]
    row = dict(zip(keys, [cell.value for cell in sheet[3]], strict=True))
    assert row["iati_identifier"] == imported.iati_identifier
    assert row["sectors"] == "12220:60; 13020:40"
    assert row["reporting_org"] == "XM-DAC-7"
    path = tmp_path / "current.xlsx"
    path.write_bytes(response.content)
    plan = plan_workbook(path)
    assert plan.errors == []
    assert [c.action for c in plan.changes] == ["unchanged"]
    sheet.cell(row=3, column=keys.index("sectors") + 1, value="12220:100")
    book.save(path)
    apply_workbook(path)
    assert list(Activity.objects.get().sectors.values_list("code", "percentage")) == [
        ("12220", Decimal("100.00"))
    ]


def test_prefilled_sheet_queries_do_not_grow(
    client, superuser, tmp_path, django_assert_max_num_queries
):
    import_file(activities_file(tmp_path))
    client.force_login(superuser)
    with django_assert_max_num_queries(12):
        client.get(reverse("iati_import:template") + "?prefill=1")
    many = [activity_xml(ident=f"XM-DAC-7-PTF-{n}") for n in range(2, 12)]
    import_file(activities_file(tmp_path, *many, name="more.xml"))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("iati_import:template") + "?prefill=1")
    assert load_workbook(io.BytesIO(response.content))["Activities"].max_row == 13

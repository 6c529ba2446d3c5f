"""Spreadsheet import: template, empty cells never erase, idempotent transactions, errors."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from iati_publisher.importer import ImportRefused, import_file
from iati_publisher.importer.writer import ImportPlan
from iati_publisher.models import Activity, ReportingOrganisation
from iati_publisher.spreadsheet import build_template
from iati_publisher.spreadsheet_import import apply_workbook, preview_workbook

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
    plan, errors = preview_workbook(path)
    assert errors == [] and isinstance(plan, ImportPlan)
    assert [(c.action, c.changed_fields) for c in plan.changes] == [("update", ["title_en"])]
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
    [change] = preview_workbook(path)[0].changes
    assert change.counts["transactions"] == (2, 3)
    assert change.edited == {"transactions": 1}
    assert apply_workbook(path).updated == [imported.iati_identifier]
    apply_workbook(path)  # same sheet again: nothing added
    activity = Activity.objects.get()
    values = sorted(activity.transactions.values_list("value", flat=True))
    assert values == [Decimal("50000.00"), Decimal("250000.50"), Decimal("1500000.50")]
    assert preview_workbook(path)[0].changes[0].action == "unchanged"


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
    assert (result.created, result.updated) == (["XM-DAC-7-PTF-NEW"], [])
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
    plan, errors = preview_workbook(path)
    assert plan is None
    found = {(p.rule_name, p.line) for p in errors}
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
    [change] = preview_workbook(path)[0].changes
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
    assert isinstance(preview.context["plan"], ImportPlan)
    assert str(Activity._meta.get_field("title_en").verbose_name) in preview.content.decode()
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
    plan, errors = preview_workbook(path)
    assert errors == []
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


# -- one pipeline: the spreadsheet is a second reader of the XML import ----------------------
def _upload(client, path, kind):
    """Upload through the admin, follow to its preview; return (preview response, its URL)."""
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    response = client.post(reverse("iati_import:upload"), {"kind": kind, "file": upload})
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response.url), response.url


def _stored(activity):
    """The stored rows of the parts a sheet can fill, without ids, sources and the identifier."""
    skip = {"id", "activity", "iati_source", "iati_identifier", "last_updated", "latest_revision"}
    skip |= {"live_revision", "first_published_at", "last_published_at"}

    def values(obj):
        return {
            f.attname: getattr(obj, f.attname)
            for f in type(obj)._meta.concrete_fields
            if f.name not in skip and f.attname not in skip
        }

    return {
        "activity": values(activity),
        **{
            relation: [values(row) for row in getattr(activity, relation).order_by("sort_order")]
            for relation in ("dates", "sectors", "recipient_countries", "transactions")
        },
    }


def test_xml_and_spreadsheet_give_the_same_plan_type_and_stored_rows(client, superuser, tmp_path):
    client.force_login(superuser)
    preview, url = _upload(client, activities_file(tmp_path), "xml")
    xml_plan = preview.context["plan"]
    client.post(url)  # the import job (immediate backend in the tests)
    from_xml = Activity.objects.get()
    path = workbook(
        tmp_path,
        activities=[
            {
                "iati_identifier": "XM-DAC-7-PTF-SHEET",
                "reporting_org": "XM-DAC-7",
                "title_fr": "Santé maternelle à Mopti",
                "title_en": "Maternal health in Mopti",
                "description_fr": "Appui aux centres de santé communautaires.",
                "description_en": "Support to community health centres.",
                "activity_status": "2",
                "planned_start": "2020-01-01",
                "actual_start": "2020-01-15",
                "planned_end": "2023-12-31",
                "default_currency": "XOF",
                "recipient_country": "ML",
                "sectors": "12220:60; 13020:40",
            }
        ],
        transactions=[
            {
                "iati_identifier": "XM-DAC-7-PTF-SHEET",
                "transaction_type": "2",
                "transaction_date": "2020-02-01",
                "value": 50000,
                "currency": "EUR",
                "description": "Engagement initial",
                "provider_org_ref": "XM-DAC-7",
                "provider_org_name": "Pays-Bas",
                "receiver_org_name": "ONG Santé Sahel",
            },
            {
                "iati_identifier": "XM-DAC-7-PTF-SHEET",
                "transaction_type": "3",
                "transaction_date": "2020-03-01",
                "value": "250000.50",
            },
        ],
    )
    preview, url = _upload(client, path, "xlsx")
    sheet_plan = preview.context["plan"]
    assert type(sheet_plan) is type(xml_plan) is ImportPlan
    [xml_change], [sheet_change] = xml_plan.changes, sheet_plan.changes
    assert (sheet_change.action, sheet_change.title) == (xml_change.action, xml_change.title)
    for relation in ("dates", "sectors", "recipient_countries", "transactions"):
        assert sheet_change.counts[relation] == xml_change.counts[relation], relation
    client.post(url)
    from_sheet = Activity.objects.get(iati_identifier="XM-DAC-7-PTF-SHEET")
    assert from_sheet.live and from_sheet.live_revision_id
    assert _stored(from_sheet) == _stored(from_xml)


def test_an_empty_cell_does_not_erase_a_stored_value(client, superuser, tmp_path, imported):
    """Through the admin: only the filled cells change; the rest of the activity, of the row a
    transaction cell edits and of the parts the sheet knows nothing of stays as stored (their
    kept XML source included), and the edit is published by the XML import's writer."""
    from lxml import etree

    from iati_publisher.export import activity_element
    from iati_publisher.models import PolicyMarker

    PolicyMarker.objects.create(activity=imported, code="2", significance="1")  # editor's part
    sources = {row.pk: row.iati_source for row in imported.locations.all()}
    path = workbook(
        tmp_path,
        activities=[{"iati_identifier": imported.iati_identifier, "title_en": "New title"}],
        transactions=[
            {
                "iati_identifier": imported.iati_identifier,
                "transaction_type": "2",
                "transaction_date": "2020-02-01",
                "value": 50000,
                "currency": "EUR",
                "description": "Engagement révisé",
            }
        ],
    )
    client.force_login(superuser)
    preview, url = _upload(client, path, "xlsx")
    [change] = preview.context["plan"].changes
    assert change.changed_fields == ["title_en"] and change.edited == {"transactions": 1}
    assert change.changed_counts == {}
    client.post(url)
    activity = Activity.objects.get()
    assert (activity.title_fr, activity.title_en) == ("Santé maternelle à Mopti", "New title")
    assert activity.description_en == "Support to community health centres."
    assert activity.live and not activity.has_unpublished_changes
    assert activity.revisions.count() == 2  # the XML import's, then the sheet's
    assert activity.policy_markers.get().code == "2"
    assert activity.participating_orgs.count() == 2 and activity.budgets.count() == 1
    assert [row.iati_source for row in activity.locations.all()] == list(sources.values())
    first, second = activity.transactions.order_by("sort_order")
    assert first.description == "Engagement révisé"
    assert (first.provider_org_ref, first.provider_org_name) == ("XM-DAC-7", "Pays-Bas")
    assert first.receiver_org_name == "ONG Santé Sahel" and first.iati_source
    assert second.value == Decimal("250000.50")
    xml = etree.tostring(activity_element(activity), encoding="unicode")
    assert "Engagement révisé" in xml and "New title" in xml and "Pays-Bas" in xml
    assert "Engagement initial" not in xml

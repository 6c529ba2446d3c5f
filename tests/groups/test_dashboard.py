"""The Pool Technique's monitoring dashboard: figures, links, exports, access, query counts."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import Page

from groups.dashboard import dashboard_rows
from groups.factories import (
    MeetingPageFactory,
    OrganisationFactory,
    TermsOfReferencePageFactory,
    ThematicGroupPageFactory,
    WorkProgrammePageFactory,
    add_activities,
    add_attendance,
    add_members,
)
from groups.models import AnnualReviewPage

pytestmark = pytest.mark.django_db
NOW = timezone.now()
YEAR = NOW.year


def fill(group, n_meetings=2, n_members=4):
    """ToR, this year's programme (2 done, 1 late, 1 planned), meetings with half attendance."""
    orgs = OrganisationFactory.create_batch(n_members)
    add_members(group, orgs, start=datetime.date(YEAR - 3, 1, 1))
    tor = TermsOfReferencePageFactory(parent=group, adoption_date=datetime.date(YEAR - 2, 3, 1))
    programme = WorkProgrammePageFactory(parent=group, year=YEAR)
    add_activities(programme, ["done", "done", "late", "planned"])
    start = timezone.make_aware(datetime.datetime(YEAR, 1, 15, 9))
    meetings = []
    for i in range(n_meetings):
        moment = min(start + datetime.timedelta(days=i), NOW - datetime.timedelta(hours=1))
        meeting = MeetingPageFactory(
            parent=group, start=moment, title=f"Réunion {group.acronym} {i}"
        )
        add_attendance(meeting, orgs[: n_members // 2])
        meetings.append(meeting)
    review = AnnualReviewPage(title=f"Bilan {YEAR - 1}", year=YEAR - 1)
    group.add_child(instance=review)
    group.specific.save_revision()  # "last update": now
    return tor, programme, meetings, review


def test_rows_give_the_figures_and_links(gt_a, gt_b, sgt_a):
    tor, programme, meetings, review = fill(gt_a)
    rows = {row["group"].acronym: row for row in dashboard_rows(YEAR)}
    assert list(rows) == ["SANTE", "NUT", "EDU"] or set(rows) == {"SANTE", "NUT", "EDU"}
    a = rows["SANTE"]
    assert a["tor"]["adoption_date"] == datetime.date(YEAR - 2, 3, 1)
    assert a["tor_url"] == f"/admin/pages/{tor.pk}/edit/"
    assert a["programme_url"] == f"/admin/pages/{programme.pk}/edit/"
    assert (a["done_pct"], a["late_pct"]) == (50, 25)
    assert a["meetings"] == 2 and a["last_meeting"]["pk"] == meetings[-1].pk
    assert a["attendance_pct"] == 50
    assert a["review_url"] == f"/admin/pages/{review.pk}/edit/"
    assert a["warnings"] == []
    b = rows["EDU"]
    assert b["tor"] is None and b["programme"] is None and b["attendance_pct"] is None
    assert len(b["warnings"]) == 3  # never updated (no revision), no ToR, no programme
    # Another year: the programme and meetings are not counted.
    old = {row["group"].acronym: row for row in dashboard_rows(YEAR - 5)}
    assert old["SANTE"]["programme"] is None and old["SANTE"]["meetings"] == 0


def test_stale_group_is_flagged(gt_b):
    Page.objects.filter(path__startswith=gt_b.path).update(
        latest_revision_created_at=NOW - datetime.timedelta(days=120)
    )
    row = [r for r in dashboard_rows(YEAR) if r["group"].pk == gt_b.pk][0]
    assert any("90" in warning for warning in row["warnings"])


def test_dashboard_view_filter_and_links(client, pool_user, gt_a):
    _tor, programme, _meetings, _review = fill(gt_a)
    client.force_login(pool_user)
    body = client.get(f"/admin/groups/dashboard/?year={YEAR}").content.decode()
    assert f'href="/admin/pages/{programme.pk}/edit/"' in body
    assert "50 % / 25 %" in body
    body = client.get(f"/admin/groups/dashboard/?year={YEAR - 5}").content.decode()
    assert f'href="/admin/pages/{programme.pk}/edit/"' not in body
    assert client.get("/admin/groups/dashboard/?year=abc").status_code == 200


def test_csv_and_xlsx_exports(client, pool_user, gt_a, gt_b):
    _tor, programme, _meetings, _review = fill(gt_a)
    client.force_login(pool_user)
    response = client.get(f"/admin/groups/dashboard/?year={YEAR}&export=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 3
    santé = [r for r in rows if r[1] == "SANTE"][0]
    assert santé[3] == f"{YEAR - 2}-03-01" and santé[5] == "50" and santé[9] == "50"
    response = client.get(f"/admin/groups/dashboard/?year={YEAR}&export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(values) == 3
    line = [i for i, row in enumerate(values) if row[1] == "SANTE"][0] + 1
    assert sheet.cell(row=line, column=5).hyperlink.target.endswith(
        f"/admin/pages/{programme.pk}/edit/"
    )


def test_dashboard_access(client, editor_a, moderator_a, pool_user, superuser):
    for user in (editor_a, moderator_a):
        client.force_login(user)
        assert client.get("/admin/groups/dashboard/").status_code in (302, 403)
        assert client.get("/admin/groups/dashboard/?export=csv").status_code in (302, 403)
    for user in (pool_user, superuser):
        client.force_login(user)
        assert client.get("/admin/groups/dashboard/").status_code == 200


def test_admin_home_summary_panel(client, pool_user, editor_a, gt_a, gt_b):
    client.force_login(pool_user)
    body = client.get("/admin/").content.decode()
    assert "groups-dashboard-title" in body and "/admin/groups/dashboard/" in body
    client.force_login(editor_a)
    assert "groups-dashboard-title" not in client.get("/admin/").content.decode()


def test_dashboard_queries_do_not_grow(client, pool_user, group_index, gt_a):
    fill(gt_a, n_meetings=2, n_members=3)
    client.force_login(pool_user)
    url = f"/admin/groups/dashboard/?year={YEAR}"
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for i in range(6):
        fill(
            ThematicGroupPageFactory(parent=group_index, acronym=f"Z{i}"), n_meetings=6, n_members=8
        )
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(small) == len(large)
    with CaptureQueriesContext(connection) as export:
        client.get(url + "&export=xlsx")
    assert len(export) <= len(large)

"""Benchmark of the groups app (not run by the tests).

Prints:
1. SQL queries of a GT public page and of the monitoring dashboard with the demo data, then with
   10x more meetings and members (the counts must be equal);
2. the dashboard render time for 50 groups x 5 years of work programmes, meetings and attendance.

Run: .venv/bin/python bench/bench_groups.py   (uses its own SQLite files under var/)
"""

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
DB_DEMO = ROOT / "var" / "bench_groups_demo.sqlite3"
DB_SCALE = ROOT / "var" / "bench_groups_scale.sqlite3"


def setup(db_file):
    import django
    from django.conf import settings

    db_file.parent.mkdir(exist_ok=True)
    if db_file.exists():
        db_file.unlink()
    os.environ["DATABASE_URL"] = f"sqlite:///{db_file}"
    if not settings.configured or not django.apps.apps.ready:
        django.setup()
    from django.db import connections

    connections["default"].close()
    connections["default"].settings_dict["NAME"] = str(db_file)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def client_for(username="bench-admin"):
    from django.test import Client

    from accounts.models import User

    user, _ = User.objects.get_or_create(
        username=username, defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client


def count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches (site root, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def grow_tenfold():
    """Ten times more members and meetings (with attendance) in every French GT/SGT."""
    from django.db import transaction
    from wagtail.models import Locale

    from groups.models import (
        GroupMembership,
        MeetingAttendance,
        MeetingPage,
        Organisation,
        SubGroupPage,
        ThematicGroupPage,
    )

    fr = Locale.objects.get(language_code="fr")
    groups = list(ThematicGroupPage.objects.filter(locale=fr)) + list(
        SubGroupPage.objects.filter(locale=fr)
    )
    with transaction.atomic():
        for group in groups:
            members = list(GroupMembership.objects.filter(page_id=group.pk))
            new_orgs = Organisation.objects.bulk_create(
                Organisation(locale=fr, name=f"Bench {group.acronym} {i}", acronym=f"B{i}")
                for i in range(9 * len(members))
            )
            GroupMembership.objects.bulk_create(
                GroupMembership(
                    page_id=group.pk, organisation=org, start_date=datetime.date(2020, 1, 1)
                )
                for org in new_orgs
            )
            all_orgs = [m.organisation_id for m in members] + [o.pk for o in new_orgs]
            meetings = list(MeetingPage.objects.child_of(group))
            for meeting in meetings:
                for copy in range(9):
                    extra = MeetingPage(
                        title=f"{meeting.title} ({copy})",
                        slug=f"{meeting.slug}-b{copy}",
                        start=meeting.start - datetime.timedelta(hours=copy + 1),
                        live=True,
                    )
                    group.add_child(instance=extra)
                    MeetingAttendance.objects.bulk_create(
                        MeetingAttendance(
                            page=extra, organisation_id=org, status="present" if i % 3 else "absent"
                        )
                        for i, org in enumerate(all_orgs)
                    )


def demo_figures():
    setup(DB_DEMO)
    from accounts import demo as accounts_demo
    from groups import demo as groups_demo
    from home import demo as home_demo

    started = time.perf_counter()
    for module in (accounts_demo, home_demo, groups_demo):
        module.build(None)
    print(f"Demo data built in {time.perf_counter() - started:.0f} s")
    from groups.models import MeetingPage, ThematicGroupPage

    client = client_for()
    sante = ThematicGroupPage.objects.get(locale__language_code="fr", acronym="SANTE")
    year = datetime.date.today().year
    urls = {
        "GT public page (Santé)": sante.url,
        "GT index": sante.get_parent().url,
        "dashboard": f"/admin/groups/dashboard/?year={year}",
        "dashboard XLSX export": f"/admin/groups/dashboard/?year={year}&export=xlsx",
    }
    from groups.models import GroupMembership

    def sizes():
        fr_meetings = MeetingPage.objects.filter(locale__language_code="fr").count()
        return f"{fr_meetings} meetings, {GroupMembership.objects.count()} memberships"

    before = {name: count(client, url) for name, url in urls.items()}
    size_before = sizes()
    grow_tenfold()
    after = {name: count(client, url) for name, url in urls.items()}
    print(f"\nSQL queries — demo data ({size_before}) -> x10 ({sizes()}):")
    for name in urls:
        flag = "equal" if before[name] == after[name] else "DIFFERENT"
        print(f"  {name:26} {before[name]:4d} -> {after[name]:4d}  ({flag})")


def scale_figures(n_groups=50, n_years=5, meetings_per_year=6, members=8):
    setup(DB_SCALE)
    from django.db import transaction

    from groups.factories import (
        GroupIndexPageFactory,
        OrganisationFactory,
        TermsOfReferencePageFactory,
        ThematicGroupPageFactory,
        add_activities,
        add_attendance,
        add_members,
    )
    from groups.models import AnnualReviewPage, MeetingPage, WorkProgrammePage
    from home.models import HomePage

    started = time.perf_counter()
    this_year = datetime.date.today().year
    with transaction.atomic():
        index = GroupIndexPageFactory(parent=HomePage.objects.get(locale__language_code="fr"))
        orgs = OrganisationFactory.create_batch(members * 3)
        for g in range(n_groups):
            group = ThematicGroupPageFactory(parent=index, acronym=f"G{g:02d}", slug=f"g{g:02d}")
            mine = orgs[g % 3 :: 3][:members]
            add_members(group, mine, start=datetime.date(this_year - n_years, 1, 1))
            TermsOfReferencePageFactory(parent=group)
            for year in range(this_year - n_years + 1, this_year + 1):
                programme = WorkProgrammePage(title=f"PT {year}", slug=f"pt-{year}", year=year)
                group.add_child(instance=programme)
                add_activities(programme, ["done", "late", "planned", "in_progress", "done"])
                group.add_child(
                    instance=AnnualReviewPage(
                        title=f"Bilan {year}", slug=f"bilan-{year}", year=year
                    )
                )
                for m in range(meetings_per_year):
                    start = datetime.datetime(year, 1 + 2 * m, 10, 9, tzinfo=datetime.UTC)
                    meeting = MeetingPage(title=f"R {year}-{m}", slug=f"r-{year}-{m}", start=start)
                    group.add_child(instance=meeting)
                    add_attendance(meeting, mine[: members - m % 3])
    pages = MeetingPage.objects.count()
    print(f"\nScale data: {n_groups} groups x {n_years} years ({pages} meetings) built in "
          f"{time.perf_counter() - started:.0f} s")  # fmt: skip
    client = client_for()
    url = f"/admin/groups/dashboard/?year={this_year}"
    queries = count(client, url)
    timings = []
    for _ in range(7):
        started = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200
    print(
        f"Dashboard render, {n_groups} groups x {n_years} years: median "
        f"{statistics.median(timings) * 1000:.0f} ms (min {min(timings) * 1000:.0f} ms, "
        f"{queries} SQL queries, SQLite)"
    )


if __name__ == "__main__":
    demo_figures()
    scale_figures()

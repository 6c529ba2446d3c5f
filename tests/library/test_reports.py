"""Reference-report calendar: edition generation, public page and feeds, admin report, reminders."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from icalendar import Calendar

from accounts.factories import UserFactory
from library.factories import (
    DocumentFactory,
    ReportEditionFactory,
    ReportSeriesFactory,
    make_calendar_page,
)
from library.models import EditionStatus, ReportEdition, ReportSeries

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)


@pytest.fixture
def frozen_today(monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


def test_yearly_rule_generates_the_next_twelve_months(frozen_today):
    series = ReportSeriesFactory(title="Rapport sur le développement humain", usual_month=3)
    editions = list(series.editions.order_by("expected_date"))
    assert [(e.edition, e.expected_date) for e in editions] == [("2027", datetime.date(2027, 3, 1))]
    # idempotent
    assert series.generate_editions() == []
    call_command("generate_report_editions", stdout=StringIO())
    assert series.editions.count() == 1


def test_monthly_and_biennial_rules(frozen_today):
    monthly = ReportSeriesFactory(title="Bulletin", recurrence_rule="FREQ=MONTHLY;BYMONTHDAY=15")
    assert monthly.editions.count() == 12
    assert monthly.editions.order_by("expected_date").first().edition == "2026-12-15"
    biennial = ReportSeriesFactory(
        title="Indice", recurrence_rule="RRULE:FREQ=YEARLY;INTERVAL=2", usual_month=12
    )
    # dtstart is December of last year: 2025, 2027… → only December 2027 is within 12 months? No: 2027-12 > 2027-11-23
    assert list(biennial.editions.values_list("edition", flat=True)) == []
    assert biennial.occurrences(TODAY, datetime.date(2028, 1, 1)) == [datetime.date(2027, 12, 1)]


def test_invalid_rule_is_refused():
    series = ReportSeries(title="X", recurrence_rule="FREQ=SOMETIMES")
    with pytest.raises(ValidationError) as error:
        series.clean()
    assert "recurrence_rule" in error.value.message_dict


def test_to_acquire_queryset(frozen_today):
    series = ReportSeriesFactory(usual_month=None)
    ReportEdition.objects.all().delete()
    late = ReportEditionFactory(
        series=series, edition="2025", expected_date=datetime.date(2026, 1, 1)
    )
    published = ReportEditionFactory(
        series=series,
        edition="2026",
        expected_date=datetime.date(2026, 12, 1),
        status=EditionStatus.PUBLISHED,
    )
    ReportEditionFactory(series=series, edition="2027", expected_date=datetime.date(2027, 12, 1))
    ReportEditionFactory(
        series=series, edition="2024", expected_date=datetime.date(2024, 1, 1), status="online"
    )
    assert set(ReportEdition.objects.to_acquire()) == {late, published}


def test_attaching_a_document_marks_the_edition_acquired():
    edition = ReportEditionFactory()
    edition.document = DocumentFactory()
    edition.save()
    assert edition.status == EditionStatus.ACQUIRED
    edition.status = EditionStatus.ONLINE
    edition.save()
    assert edition.put_online_at is not None


def test_to_acquire_admin_report_grouped_by_person(client, superuser, frozen_today):
    awa = UserFactory(username="awa", first_name="Awa", last_name="Traoré")
    series = ReportSeriesFactory(title="Indice de perception de la corruption", responsible=awa)
    ReportEditionFactory(series=series, edition="2025", expected_date=datetime.date(2026, 2, 1))
    other = ReportSeriesFactory(title="Rapport annuel d'Amnesty")
    ReportEditionFactory(
        series=other, edition="2025", expected_date=datetime.date(2026, 11, 1), status="published"
    )
    ReportEditionFactory(
        series=other, edition="2024", expected_date=datetime.date(2025, 11, 1), status="online"
    )
    url = reverse("library_to_acquire")
    assert client.get(url).status_code == 302  # anonymous: to the login page
    editor = UserFactory(username="lecteur", is_staff=True)
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    denied = client.get(url)
    assert (
        denied.status_code == 302 and denied["Location"] == "/admin/"
    )  # Wagtail's "permission denied"
    client.force_login(superuser)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Awa Traoré" in html
    assert html.index("Awa Traoré") < html.index("Indice de perception") < html.index("Amnesty")
    assert (
        html.count('class="to-acquire-row"') == 2
    )  # the online one and future ones are not listed


def test_reminders_command_emails_each_responsible_person(frozen_today):
    awa = UserFactory(username="awa", email="awa@example.org")
    moussa = UserFactory(username="moussa", email="moussa@example.org")
    nobody = UserFactory(username="sans-adresse", email="")
    soon = ReportSeriesFactory(
        title="Rapport sur le développement humain", responsible=awa, usual_month=6
    )
    later = ReportSeriesFactory(title="Indice Ibrahim", responsible=moussa, usual_month=None)
    ReportEdition.objects.all().delete()  # only the editions below
    ReportEditionFactory(
        series=soon, edition="2026", expected_date=TODAY + datetime.timedelta(days=5)
    )
    ReportEditionFactory(
        series=soon, edition="2025", expected_date=TODAY - datetime.timedelta(days=40)
    )
    ReportEditionFactory(
        series=soon,
        edition="2024",
        expected_date=TODAY - datetime.timedelta(days=400),
        status="online",
    )
    ReportEditionFactory(
        series=later, edition="2027", expected_date=TODAY + datetime.timedelta(days=60)
    )
    ReportEditionFactory(
        series=ReportSeriesFactory(responsible=nobody, usual_month=None),
        edition="2026-bis",
        expected_date=TODAY + datetime.timedelta(days=1),
    )
    call_command(
        "report_calendar_reminders",
        "--days",
        "14",
        stdout=StringIO(),
        stderr=StringIO(),
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["awa@example.org"]
    assert "Rapport sur le développement humain 2026" in message.body
    assert "Rapport sur le développement humain 2025" in message.body
    assert "2024" not in message.body
    mail.outbox.clear()
    call_command(
        "report_calendar_reminders",
        "--days",
        "90",
        stdout=StringIO(),
        stderr=StringIO(),
    )
    assert sorted(m.to[0] for m in mail.outbox) == ["awa@example.org", "moussa@example.org"]


def test_public_calendar_page_and_feeds(client, home_fr, home_en, frozen_today):
    from home.demo import ensure_translation

    page = make_calendar_page(home_fr)
    series = ReportSeriesFactory(
        title="Rapport sur le développement humain",
        usual_month=None,
        website="https://hdr.undp.org/",
    )
    ensure_translation_snippet = series.copy_for_translation(home_en.locale)
    ensure_translation_snippet.title = "Human Development Report"
    ensure_translation_snippet.save()
    ReportEdition.objects.all().delete()
    ReportEditionFactory(series=series, edition="2026", expected_date=datetime.date(2027, 3, 1))
    document = DocumentFactory(title="RDH 2025")
    ReportEditionFactory(
        series=series,
        edition="2025",
        expected_date=datetime.date(2026, 7, 1),
        document=document,
        status="online",
    )
    response = client.get("/fr/calendrier-des-rapports/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mars 2027" in html or "mars 2027" in html
    assert "Rapport sur le développement humain</strong> 2026" in html
    assert "RDH" not in html or "Rapport sur le développement humain 2025" in html
    english = ensure_translation(page, "en", title="Report calendar", slug="report-calendar")
    english.refresh_from_db()
    response = client.get(english.url)
    assert "Human Development Report</strong> 2026" in response.content.decode()
    assert "March 2027" in response.content.decode()

    ics = client.get("/fr/calendrier-des-rapports/ical/")
    assert ics["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(ics.content)
    events = list(calendar.walk("VEVENT"))
    assert {str(event["SUMMARY"]) for event in events} == {
        "Rapport sur le développement humain 2026",
        "Rapport sur le développement humain 2025",
    }
    rss = client.get("/en/report-calendar/feeds/rss/")
    assert rss.status_code == 200
    assert b"<rss" in rss.content and b"Human Development Report 2026" in rss.content


def _due_edition_for(username):
    person = UserFactory(username=username, email=f"{username}@example.org")
    series = ReportSeriesFactory(title="Rapport sur le développement humain", responsible=person)
    ReportEdition.objects.all().delete()
    ReportEditionFactory(series=series, edition="2026", expected_date=TODAY)
    return person


def test_enqueued_reminders_are_a_background_job_with_status_and_progress(frozen_today):
    from operations.models import Job

    _due_edition_for("awa")
    out = StringIO()
    call_command("report_calendar_reminders", "--days", "14", "--enqueue", stdout=out)
    job = Job.objects.get()
    assert out.getvalue().strip() == f"job {job.pk}: succeeded"
    assert job.task_name == "library.tasks.send_report_reminders"
    assert job.status == "succeeded" and job.max_attempts == 3
    assert job.result == {"sent": 1, "editions": 1, "skipped": []}
    assert (job.done, job.total) == (1, 1)
    assert [m.to for m in mail.outbox] == [["awa@example.org"]]


def test_a_failed_reminder_run_is_retried(frozen_today, monkeypatch):
    from library import reminders
    from operations.models import Job

    _due_edition_for("awa")
    calls = []

    def flaky_send_mail(*args, **kwargs):
        calls.append(args)
        if len(calls) == 1:
            raise ConnectionRefusedError("mail server down")
        return 1

    monkeypatch.setattr(reminders, "send_mail", flaky_send_mail)
    call_command("report_calendar_reminders", "--enqueue", stdout=StringIO())
    job = Job.objects.get()
    assert job.status == "succeeded" and job.attempts == 2 and len(calls) == 2
    assert job.result["sent"] == 1


@pytest.mark.django_db(transaction=True)
def test_the_real_worker_sends_the_queued_reminders(requires_postgres, home_fr):
    # Committed data for the worker's own connection; home_fr re-creates the locales a previous
    # transactional test's flush removed (no serialized rollback: restoring the serialized
    # database clashed with what post_migrate re-creates after a flush).
    import subprocess
    import sys

    from django.conf import settings

    from library.tasks import REMINDERS_KEY, send_report_reminders
    from operations.jobs import enqueue_on_commit
    from operations.models import Job, JobStatus
    from tests.operations.test_jobs import _worker_env

    person = UserFactory(username="awa", email="awa@example.org")
    series = ReportSeriesFactory(title="Indice Ibrahim", responsible=person)
    ReportEditionFactory(series=series, edition="2026", expected_date=datetime.date.today())
    job = enqueue_on_commit(
        send_report_reminders.using(backend="database"), 14, unique_key=REMINDERS_KEY
    )
    assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED
    process = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--backend", "database", "--batch",
         "--no-startup-delay", "--no-reload", "--queue-name", "*", "--interval", "0.1"],
        cwd=settings.BASE_DIR, env=_worker_env(), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert process.returncode == 0, process.stderr
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.message
    assert job.result["sent"] == 1 and (job.done, job.total) == (1, 1)

"""In a real browser: the editor sees an IATI error next to the field, in French."""

import pytest

from .conftest import running_preview_job

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def wait_for_other_connections(timeout=10.0):
    """Wait until the live server has finished its requests (their transactions would block
    the flush that ends a transactional test)."""
    import time

    from django.db import connection

    if connection.vendor != "postgresql":
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction')"
            )
            if cursor.fetchone()[0] == 0:
                return
        time.sleep(0.1)


def test_publish_blocked_with_error_in_place(page, live_server, codelists):
    from wagtail.users.models import UserProfile

    from accounts.factories import UserFactory
    from iati_publisher.factories import ReportingOrganisationFactory, make_activity

    user = UserFactory(username="editrice", is_superuser=True, is_staff=True)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fr"
    profile.save()
    activity = make_activity(reporting_org=ReportingOrganisationFactory(ref="FR-6"))

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "editrice")
    page.fill("#id_password", "password")
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/admin/snippets/iati_publisher/activity/edit/{activity.pk}/")
    assert page.locator("#id_activity_status option:checked").inner_text() == "2 – Actif"
    page.fill("#id_iati_identifier", "XX-AUTRE-1")
    page.locator(".w-dropdown--dropdown-button .w-dropdown__toggle").click()
    page.locator("button[name=action-publish]").click()
    page.wait_for_load_state()
    error = page.locator(".error-message", has_text="doit commencer par l’identifiant")
    assert error.count() == 1
    # the message sits in the identifier's field, above its input
    field = page.locator("[data-field-wrapper]", has=page.locator("#id_iati_identifier"))
    assert "doit commencer par" in field.inner_text()
    page.screenshot(path="test-results/iati-editor-error.png", full_page=False)
    page.wait_for_load_state("networkidle")
    page.goto("about:blank")  # no request of the editor (autosave…) may outlive the test
    page.close()
    wait_for_other_connections()
    activity.refresh_from_db()
    assert activity.iati_identifier != "XX-AUTRE-1"


def test_the_checking_page_follows_the_preview_job_then_shows_the_plan(page, live_server):
    """The page of an XML preview still being checked polls the job's status and reloads
    itself once the job has finished (the job here is advanced by hand, as a worker would)."""
    from django.contrib.sessions.backends.db import SessionStore
    from playwright.sync_api import expect

    from accounts.factories import UserFactory
    from iati_publisher.importer import uploads
    from operations.models import Job, JobStatus

    user = UserFactory(username="importatrice", is_superuser=True, is_staff=True)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "importatrice")
    page.fill("#id_password", "password")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    token = "browser-preview-token-0123456789"
    job = running_preview_job(user, token, 10, "Validating the file")
    cookie = next(c for c in page.context.cookies() if c["name"] == "sessionid")
    session = SessionStore(session_key=cookie["value"])
    session[uploads.SESSION_KEY] = {token: {"name": "big.xml", "kind": "xml", "job": job.pk}}
    session.save()

    page.goto(f"{live_server.url}/admin/iati-import/{token}/")
    assert page.locator("[data-job-count]").inner_text() == "10/100"
    Job.objects.filter(pk=job.pk).update(done=60, message="Reading the activities")
    expect(page.locator("[data-job-count]")).to_have_text("60/100", timeout=10000)  # polled
    assert page.locator("[data-job-message]").inner_text() == "Reading the activities"
    assert page.locator("progress[data-job-progress]").get_attribute("value") == "60"
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.SUCCEEDED,
        result={
            "plan": {
                "changes": [
                    {"identifier": "XM-DAC-7-PTF-001", "title": "Santé", "action": "create"}
                ],
                "new_reporting_orgs": ["XM-DAC-7"],
                "organisations": [],
            },
            "accepted": [],
            "accepted_count": 0,
            "rejected": [],
            "rejected_count": 0,
            "upgraded": [],
        },
    )
    page.wait_for_selector("text=XM-DAC-7-PTF-001", timeout=15000)  # reloaded: the plan
    assert page.locator("[data-job-status-url]").count() == 0
    assert page.locator(".iati-import-actions button[type=submit]").count() == 2  # Import, Cancel
    page.goto("about:blank")
    page.close()
    wait_for_other_connections()


def test_a_file_over_the_upload_limit_is_refused_as_soon_as_it_is_chosen(
    page, live_server, tmp_path, monkeypatch
):
    """A focal point on a slow connection learns before uploading that the file is too large
    (the server would refuse it too, after the whole upload)."""
    from playwright.sync_api import expect
    from wagtail.users.models import UserProfile

    from accounts.factories import UserFactory
    from iati_publisher import import_views

    monkeypatch.setattr(import_views, "MAX_UPLOAD", 2000)  # bytes: the live server's limit too
    user = UserFactory(username="importateur", is_superuser=True, is_staff=True)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fr"
    profile.save()
    large, small = tmp_path / "gros.xml", tmp_path / "petit.xml"
    large.write_bytes(b"<iati-activities/>" + b" " * 3000)
    small.write_bytes(b"<iati-activities/>")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "importateur")
    page.fill("#id_password", "password")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/admin/iati-import/")
    submit = page.locator("form button[type=submit]", has_text="Vérifier")
    page.set_input_files("#id_file", str(large))
    alert = page.locator("#id_file ~ p.error-message[role=alert]")
    expect(alert).to_contain_text("Le fichier est trop volumineux")
    expect(alert).to_contain_text("import_iati")
    assert submit.is_disabled()
    page.set_input_files("#id_file", str(small))
    expect(alert).to_be_hidden()
    assert submit.is_enabled()
    page.goto("about:blank")
    page.close()
    wait_for_other_connections()

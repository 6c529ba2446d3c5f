"""In a real browser: the editor sees an IATI error next to the field, in French."""

import pytest

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

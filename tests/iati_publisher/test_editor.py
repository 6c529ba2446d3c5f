"""The activity editor: codelist choosers, on-save IATI checks, messages in place."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from iati_publisher.models import Activity

from .conftest import activity_post_data

pytestmark = pytest.mark.django_db

ADD_URL = "wagtailsnippets_iati_publisher_activity:add"


@pytest.fixture
def editor_client(client, superuser):
    client.force_login(superuser)
    return client


def set_language(user, language):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def test_add_form_shows_codelists_in_the_editors_language(editor_client, superuser, reporting_org):
    set_language(superuser, "fr")
    html = editor_client.get(reverse(ADD_URL)).content.decode()
    assert "2 – Actif" in html  # ActivityStatus in French
    set_language(superuser, "en")
    html = editor_client.get(reverse(ADD_URL)).content.decode()
    assert "2 – Implementation" in html


def test_withdrawn_codes_are_not_offered(editor_client, superuser, reporting_org):
    from iati_publisher.models import CodelistItem

    withdrawn = CodelistItem.objects.filter(codelist__name="Currency", status="withdrawn").first()
    assert withdrawn is not None
    html = editor_client.get(reverse(ADD_URL)).content.decode()
    assert f'value="{withdrawn.code}"' not in html
    assert 'value="XOF"' in html


def test_valid_activity_is_published(
    editor_client, reporting_org, django_capture_on_commit_callbacks
):
    data = activity_post_data(reporting_org, action="action-publish")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(reverse(ADD_URL), data)
    assert response.status_code == 302, response.context["form"].errors
    activity = Activity.objects.get(iati_identifier="FR-6-TEST-1")
    assert activity.live
    assert activity.sectors.count() == 2
    assert activity.check_result.error_count == 0
    assert (timezone.now() - activity.last_updated).total_seconds() < 60


def test_errors_block_publishing_and_sit_on_the_row(editor_client, superuser, reporting_org):
    set_language(superuser, "en")
    future = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    data = activity_post_data(
        reporting_org,
        action="action-publish",
        iati_identifier="XX-WRONG-1",
        sectors=[
            {"vocabulary": "1", "code": "12220", "percentage": "60"},
            {"vocabulary": "1", "code": "13020", "percentage": "30"},
        ],
        transactions=[
            {
                "transaction_type": "3",
                "transaction_date": future,
                "value": "10",
                "currency": "XOF",
                "value_date": "2024-01-01",
            }
        ],
    )
    response = editor_client.post(reverse(ADD_URL), data)
    assert response.status_code == 200
    assert not Activity.objects.filter(iati_identifier="XX-WRONG-1").exists()
    form = response.context["form"]
    assert "must start with the reporting organisation" in str(form.errors["iati_identifier"])
    tx_form = form.formsets["transactions"].forms[0]
    assert "cannot be dated in the future" in str(tx_form.errors["transaction_date"])
    assert "add up to 90" in str(form.formsets["sectors"].non_form_errors())


def test_messages_are_in_the_editors_language(editor_client, superuser, reporting_org):
    set_language(superuser, "fr")
    data = activity_post_data(reporting_org, action="action-publish", iati_identifier="XX-1")
    response = editor_client.post(reverse(ADD_URL), data)
    assert "doit commencer par l" in str(response.context["form"].errors["iati_identifier"])


def test_unknown_code_refused(editor_client, reporting_org):
    data = activity_post_data(
        reporting_org,
        action="action-publish",
        budgets=[
            {
                "type": "1",
                "status": "2",
                "period_start": "2024-01-01",
                "period_end": "2024-12-31",
                "value": "5",
                "currency": "ZZZ",
                "value_date": "2024-01-01",
            }
        ],
    )
    response = editor_client.post(reverse(ADD_URL), data)
    assert response.status_code == 200
    budget_form = response.context["form"].formsets["budgets"].forms[0]
    assert "Currency" in str(budget_form.errors["currency"])


def test_draft_with_errors_is_saved_with_messages(editor_client, reporting_org):
    data = activity_post_data(reporting_org, dates=[])  # no start date: an error
    response = editor_client.post(reverse(ADD_URL), data, follow=True)
    activity = Activity.objects.get(iati_identifier="FR-6-TEST-1")
    assert not activity.live
    assert activity.check_result.error_count >= 1
    texts = [str(m) for m in response.context["messages"]]
    assert any("start date" in t or "date de début" in t for t in texts)


def test_warnings_do_not_block(editor_client, reporting_org):
    data = activity_post_data(reporting_org, action="action-publish", title_en="", locations=[])
    response = editor_client.post(reverse(ADD_URL), data, follow=True)
    activity = Activity.objects.get(iati_identifier="FR-6-TEST-1")
    assert activity.live
    assert activity.check_result.warning_count >= 2
    assert any("IATI" in str(m) or "IITA" in str(m) for m in response.context["messages"])


def test_report_lists_problems_with_filters(editor_client, reporting_org, valid_activity):
    from iati_publisher.factories import ActivityFactory

    broken = ActivityFactory(reporting_org=reporting_org, iati_identifier="OTHER-1", live=False)
    url = reverse("iati_report:index")
    html = editor_client.get(url).content.decode()
    assert "not been checked yet" in html or "pas encore" in html
    editor_client.post(url)  # checks the activities created outside the editor
    html = editor_client.get(url).content.decode()
    assert broken.iati_identifier in html and valid_activity.iati_identifier in html
    assert reverse("wagtailsnippets_iati_publisher_activity:edit", args=[broken.pk]) in html
    with translation.override("en"):
        html = editor_client.get(url, {"severity": "errors"}).content.decode()
    assert broken.iati_identifier in html
    assert valid_activity.iati_identifier not in html
    html = editor_client.get(url, {"severity": "valid"}).content.decode()
    assert broken.iati_identifier not in html


def test_report_requires_permission(client, db):
    from django.contrib.auth.models import Permission

    from accounts.factories import UserFactory

    user = UserFactory(username="reader")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(reverse("iati_report:index"))
    assert response.status_code in (302, 403)


def test_edit_live_activity_publish_blocked_draft_kept(
    editor_client, reporting_org, valid_activity
):
    url = reverse("wagtailsnippets_iati_publisher_activity:edit", args=[valid_activity.pk])
    assert editor_client.get(url).status_code == 200
    data = activity_post_data(
        reporting_org,
        action="action-publish",
        iati_identifier=valid_activity.iati_identifier,
        dates=[{"type": "3", "iso_date": "2030-01-01"}],
    )
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "start date" in str(response.context["form"].formsets["dates"].non_form_errors()) or (
        "date de début" in str(response.context["form"].formsets["dates"].non_form_errors())
    )
    valid_activity.refresh_from_db()
    assert valid_activity.dates.count() == 3  # the live version is untouched
    data = activity_post_data(
        reporting_org, iati_identifier=valid_activity.iati_identifier, dates=[]
    )
    editor_client.post(url, data)
    valid_activity.refresh_from_db()
    assert valid_activity.live and valid_activity.has_unpublished_changes
    assert valid_activity.check_result.error_count >= 1

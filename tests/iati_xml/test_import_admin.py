"""Admin upload of an IATI file: permission checks, preview (a background job, run inline by
the tests' immediate backend: tests/iati_publisher/test_import_preview_job.py), commit,
cancel."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.factories import UserFactory
from iati_publisher.importer import uploads
from iati_publisher.models import Activity

from .helpers import IOM_MALI, activities_file, activity_xml

pytestmark = pytest.mark.django_db


def _upload(client, path, kind="xml", draft=False):
    data = {"kind": kind, "file": SimpleUploadedFile(path.name, path.read_bytes())}
    if draft:
        data["draft"] = "on"
    return client.post(reverse("iati_import:upload"), data)


def _editor(publish=False):
    user = UserFactory(username="editor", is_staff=True)
    group = Group.objects.create(name="IATI editors")
    codenames = ["access_admin", "add_activity", "change_activity"] + (
        ["publish_activity"] if publish else []
    )
    group.permissions.set(Permission.objects.filter(codename__in=codenames))
    user.groups.add(group)
    return user


def test_anonymous_and_unpermitted_users_are_kept_out(client):
    response = client.get(reverse("iati_import:upload"))
    assert response.status_code == 302 and "/login" in response.url
    user = UserFactory(username="reader", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    for name in ("iati_import:upload", "iati_import:template"):
        response = client.get(reverse(name))  # Wagtail turns PermissionDenied into a redirect
        assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))


def test_preview_then_commit(client, superuser):
    client.force_login(superuser)
    page = client.get(reverse("iati_import:upload"))
    assert page.status_code == 200
    response = _upload(client, IOM_MALI)
    assert response.status_code == 302
    token = response.url.rstrip("/").split("/")[-1]
    preview = client.get(response.url)
    assert preview.status_code == 200
    content = preview.content.decode()
    assert "XM-DAC-47066-CS.0888" in content
    assert Activity.objects.count() == 0  # nothing written by the preview
    done = client.post(response.url)
    assert (done.status_code, done.url) == (302, reverse("operations_jobs"))
    assert Activity.objects.filter(live=True).count() == 4
    assert uploads.get(done.wsgi_request, token) is None  # the upload is gone
    from operations.models import Job

    preview_job, job = Job.objects.filter(user=superuser).order_by("pk")
    assert preview_job.task_name.endswith("preview_iati_upload")
    assert job.task_name.endswith("import_iati_upload")  # run inline by the tests
    assert job.status == "succeeded" and job.result["created"] == 4
    assert (job.done, job.total) == (4, 4)
    assert not uploads.stored_names()  # the job deleted its file
    again = client.post(response.url)  # cannot be committed twice
    assert (again.status_code, again.url) == (302, reverse("iati_import:upload"))


def test_preview_says_where_texts_in_other_languages_are_edited(client, superuser, tmp_path):
    spanish = activity_xml().replace(
        '<narrative xml:lang="en">Maternal health in Mopti</narrative>',
        '<narrative xml:lang="en">Maternal health in Mopti</narrative>'
        '<narrative xml:lang="es">Salud materna en Mopti</narrative>',
    )
    assert 'xml:lang="es"' in spanish
    client.force_login(superuser)
    response = _upload(client, activities_file(tmp_path, spanish))
    content = client.get(response.url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Textes dans d’autres langues (importés avec l’activité, modifiables sous" in content
    assert "conservés et republiés" not in content  # they are rows of the editor now


def test_a_file_over_the_limit_is_refused_with_what_to_do(client, superuser, monkeypatch):
    from iati_publisher import import_views

    monkeypatch.setattr(import_views, "MAX_UPLOAD", 100)
    client.force_login(superuser)
    page = client.get(reverse("iati_import:upload"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'data-max-bytes="100"' in page and "upload-limit.js" in page  # checked when chosen
    response = _upload(client, IOM_MALI)
    assert response.status_code == 200  # the form again, with the reason
    content = response.content.decode()
    assert "Le fichier est trop volumineux (54 Mo au maximum)" in content
    assert "import_iati" in content
    assert not uploads.stored_names()


def test_refused_file_shows_lines_and_imports_nothing(client, superuser, tmp_path):
    client.force_login(superuser)
    path = activities_file(tmp_path, activity_xml().replace("<sector ", "<sectr "))
    response = _upload(client, path)
    assert response.status_code == 302  # to the preview, where the job's reasons are
    response = client.get(response.url)
    assert response.status_code == 200
    assert "sectr" in response.content.decode()
    assert response.context["problems"][0].line > 1
    assert Activity.objects.count() == 0
    assert not uploads.stored_names()  # a refused file is not kept


def test_token_of_another_session_is_refused(client, superuser, tmp_path):
    client.force_login(superuser)
    url = _upload(client, activities_file(tmp_path)).url
    client.logout()
    other = UserFactory(username="other", is_superuser=True, is_staff=True)
    client.force_login(other)
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 404  # someone else's preview (their job's)
    assert Activity.objects.count() == 0


def test_editor_without_publish_permission_imports_drafts(client, tmp_path):
    client.force_login(_editor(publish=False))
    url = _upload(client, activities_file(tmp_path)).url
    client.post(url)
    activity = Activity.objects.get()
    assert not activity.live and activity.latest_revision_id


def test_cancel_discards_the_upload(client, superuser, tmp_path):
    client.force_login(superuser)
    url = _upload(client, activities_file(tmp_path)).url
    token = url.rstrip("/").split("/")[-1]
    client.post(reverse("iati_import:cancel", args=[token]))
    assert client.get(url).url == reverse("iati_import:upload")
    assert Activity.objects.count() == 0


def test_organisation_file_through_the_admin(client, superuser):
    from iati_publisher.models import ReportingOrganisation

    from .helpers import SAMPLES

    client.force_login(superuser)
    url = _upload(client, SAMPLES / "real-world" / "iaticloud-example_organisation_203.xml").url
    assert "XM-LMH-7" in client.get(url).content.decode()
    client.post(url)
    assert ReportingOrganisation.objects.filter(ref="XM-LMH-7").exists()

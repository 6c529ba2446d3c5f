"""The preview of an IATI XML upload runs as a background job (``tasks.preview_iati_upload``):
its page while the job is pending, the plan read from the job's stored summary, the reasons of
a refused file, and nobody else sees it. The tests' immediate backend runs the job during the
upload, so the preview is there at once."""

import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.factories import UserFactory
from iati_publisher.importer import preview, uploads
from iati_publisher.models import Activity
from operations.models import Job, JobStatus
from tests.iati_xml.helpers import activities_file, activity_xml

from .conftest import running_preview_job

pytestmark = pytest.mark.django_db


def _upload(client, path):
    data = {"kind": "xml", "file": SimpleUploadedFile(path.name, path.read_bytes())}
    response = client.post(reverse("iati_import:upload"), data)
    assert response.status_code == 302
    return response.url


def _preview_job(user):
    return Job.objects.get(user=user, task_name="iati_publisher.tasks.preview_iati_upload")


def _importer(username):
    user = UserFactory(username=username, is_staff=True)
    group, _ = Group.objects.get_or_create(name="IATI importers")
    codenames = ["access_admin", "add_activity", "change_activity", "publish_activity"]
    group.permissions.set(Permission.objects.filter(codename__in=codenames))
    user.groups.add(group)
    return user


def _file(tmp_path, *idents, bad=(), title="Santé maternelle à Mopti", name="activities.xml"):
    activities = []
    for ident in idents:
        xml = activity_xml(ident=ident).replace("Santé maternelle à Mopti", title)
        activities.append(xml.replace("<sector ", "<sectr ") if ident in bad else xml)
    return activities_file(tmp_path, *activities, name=name)


def test_the_preview_job_runs_chunk_by_chunk_and_the_page_shows_its_plan(
    client, superuser, tmp_path, monkeypatch
):
    monkeypatch.setattr(preview._PlanningSink, "size", 2)  # 3 valid activities: 2 chunks
    client.force_login(superuser)
    idents = [f"XM-DAC-7-PTF-00{n}" for n in range(1, 5)]
    url = _upload(client, _file(tmp_path, *idents, bad={idents[1]}))
    job = _preview_job(superuser)
    assert job.status == JobStatus.SUCCEEDED and (job.done, job.total) == (3, 3)
    summary = job.result  # compact JSON: the plan's rows and the first problems, no records
    assert set(summary) == {
        "plan",
        "accepted",
        "accepted_count",
        "rejected",
        "rejected_count",
        "upgraded",
    }
    assert [c["identifier"] for c in summary["plan"]["changes"]] == [idents[0], *idents[2:]]
    assert summary["plan"]["new_reporting_orgs"] == ["XM-DAC-7"]  # once, though in 2 chunks
    assert summary["rejected_count"] == 1 and "sectr" in json.dumps(summary["rejected"])

    page = client.get(url)
    assert page.status_code == 200
    content = page.content.decode()
    assert "3 to create, 0 to update" in content or "3 à créer, 0 à mettre à jour" in content
    for ident in (idents[0], idents[2], idents[3]):
        assert ident in content
    rejected = page.context["rejected"]
    assert page.context["rejected_count"] == 1 and rejected[0].activity == idents[1]
    assert rejected[0].xpath in content and rejected[0].line > 1
    assert 'formaction="' in content and "data-job-status-url" not in content  # no polling
    assert Activity.objects.count() == 0  # the preview writes nothing

    done = client.post(url)  # the Import button commits as before
    assert done.url == reverse("operations_jobs")
    assert Activity.objects.filter(live=True).count() == 3


def test_an_update_preview_lists_what_changes(client, superuser, tmp_path):
    client.force_login(superuser)
    client.post(_upload(client, _file(tmp_path, "XM-DAC-7-PTF-001")))
    assert Activity.objects.count() == 1
    changed = _file(tmp_path, "XM-DAC-7-PTF-001", title="Santé à Ségou", name="changed.xml")
    page = client.get(_upload(client, changed))
    change = page.context["plan"].changes[0]
    assert (change.action, change.changed_fields) == ("update", ["title_fr"])
    assert str(change.changed_field_labels[0]) in page.content.decode()
    assert page.context["plan"].updated == 1 and not page.context["plan"].new_reporting_orgs


def test_a_refused_file_shows_its_reasons_from_the_failed_job(client, superuser, tmp_path):
    client.force_login(superuser)
    url = _upload(client, _file(tmp_path, "XM-DAC-7-PTF-001", bad={"XM-DAC-7-PTF-001"}))
    job = _preview_job(superuser)
    assert job.status == JobStatus.FAILED and job.attempts == 1
    assert job.result["refused_count"] >= 1 and "1" in job.message
    assert not uploads.stored_names()  # nothing kept of a refused file
    page = client.get(url)
    assert page.status_code == 200
    problems = page.context["problems"]
    assert problems[0].line > 1 and problems[0].xpath.startswith("/iati-activities/")
    content = page.content.decode()
    assert problems[0].xpath in content and "sectr" in content
    assert ">Import<" not in content and ">Importer<" not in content  # nothing to commit
    response = client.post(url)  # not importable: back to the reasons
    assert response.url == url and Activity.objects.count() == 0
    assert client.get(url).status_code == 200  # the reasons stay readable


def test_an_unreadable_file_is_refused_with_a_message(client, superuser, tmp_path):
    client.force_login(superuser)
    path = tmp_path / "broken.xml"
    path.write_bytes(b"<iati-activities version='2.03'><iati-activity>")
    page = client.get(_upload(client, path))
    assert page.status_code == 200 and page.context["problems"]
    assert _preview_job(superuser).status == JobStatus.FAILED


def test_nobody_else_sees_the_preview_or_its_job(client, superuser, tmp_path):
    owner = _importer("owner")
    client.force_login(owner)
    url = _upload(client, _file(tmp_path, "XM-DAC-7-PTF-001"))
    job = _preview_job(owner)
    status_url = reverse("operations_job_status", args=[job.pk])
    assert client.get(url).status_code == 200 and client.get(status_url).status_code == 200

    client.force_login(_importer("someone-else"))
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert client.get(status_url).status_code == 404  # the jobs page's rule
    client.force_login(superuser)  # even an administrator: the file is the uploader's
    assert client.get(url).status_code == 404
    reader = UserFactory(username="reader", is_staff=True)  # cannot import at all
    reader.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(reader)
    assert client.get(url).url == reverse("wagtailadmin_home")
    assert Activity.objects.count() == 0


def test_while_the_job_runs_the_page_shows_its_progress_and_refreshes(client, superuser, tmp_path):
    client.force_login(superuser)
    client.get(reverse("iati_import:upload"))  # a session
    token = "pending-preview-token-0123456789"
    job = running_preview_job(superuser, token, 40, "Reading the activities")
    session = client.session
    session[uploads.SESSION_KEY] = {token: {"name": "big.xml", "kind": "xml", "job": job.pk}}
    session.save()
    url = reverse("iati_import:preview", args=[token])

    page = client.get(url)
    assert page.status_code == 200
    content = page.content.decode()
    assert "Vérification du fichier…" in content or "Checking the file…" in content
    assert '<progress max="100" value="40"' in content and "40/100" in content
    assert "Reading the activities" in content
    assert f'data-job-status-url="{reverse("operations_job_status", args=[job.pk])}"' in content
    assert "js/job-progress" in content  # polls the status JSON, reloads when done
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in content
    assert "iati-rejected" not in content and "plan" not in page.context
    status = client.get(reverse("operations_job_status", args=[job.pk])).json()
    assert (status["status"], status["percent"]) == ("running", 40)

    response = client.post(url)  # the Import button is not there yet; a POST waits too
    assert response.url == url and Activity.objects.count() == 0

    Job.objects.filter(pk=job.pk).update(  # the worker finishes: the same URL shows the plan
        status=JobStatus.SUCCEEDED,
        result={
            "plan": {"changes": [], "new_reporting_orgs": [], "organisations": []},
            "accepted": [],
            "accepted_count": 0,
            "rejected": [],
            "rejected_count": 0,
            "upgraded": [["2.01", 2]],
        },
    )
    content = client.get(url).content.decode()
    assert "data-job-status-url" not in content and "refresh" not in content
    assert "2.01" in content

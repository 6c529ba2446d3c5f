"""The isolation matrix: an editor of GT A against every page type and action of GT B,
through the admin HTTP endpoints (not model methods), plus Wagtail's known listing gaps."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Page, WorkflowState

from groups.factories import (
    MeetingPageFactory,
    TermsOfReferencePageFactory,
    WorkProgrammePageFactory,
)
from groups.models import (
    AnnualReviewPage,
    CapacityBuildingPage,
    GroupNewsPage,
    JointMissionsCalendarPage,
)

pytestmark = pytest.mark.django_db


def make_group_pages(group):
    """One page of every group-scoped type under ``group`` (live, with a revision)."""
    pages = [
        TermsOfReferencePageFactory(parent=group),
        WorkProgrammePageFactory(parent=group, year=2026),
        MeetingPageFactory(parent=group),
    ]
    for model, extra in [
        (JointMissionsCalendarPage, {"year": 2026}),
        (CapacityBuildingPage, {"year": 2026}),
        (AnnualReviewPage, {"year": 2025}),
        (GroupNewsPage, {"summary": "Résumé"}),
    ]:
        page = model(title=f"{model._meta.model_name} {group.acronym}", **extra)
        group.add_child(instance=page)
        pages.append(page)
    group = group.specific
    for page in [group, *pages]:
        page.save_revision().publish()
    return [group, *pages]


@pytest.fixture
def b_pages(gt_b):
    return make_group_pages(gt_b)


@pytest.fixture
def a_pages(gt_a):
    return make_group_pages(gt_a)


def private_document(access, title):
    Document = get_document_model()
    document = Document(title=title, collection=access.private_collection)
    document.file.save("secret.pdf", ContentFile(b"%PDF-1.4 secret"), save=False)
    document.save()
    return document


def unchanged(page):
    fresh = Page.objects.filter(pk=page.pk).first()
    return (
        fresh is not None and fresh.title == page.title and fresh.live and fresh.path == page.path
    )


def denied(response):
    # Wagtail answers a permission failure with a redirect to the dashboard (or a 403/404).
    return response.status_code in (302, 403, 404)


def test_matrix_editor_of_a_cannot_touch_any_page_of_b(client, editor_a, a_pages, b_pages, gt_a):
    client.force_login(editor_a)
    target_in_a = a_pages[0]
    for page in b_pages:
        pk = page.pk
        label = type(page).__name__
        assert denied(client.get(f"/admin/pages/{pk}/edit/")), label
        client.post(f"/admin/pages/{pk}/edit/", {"title": "piraté", "slug": page.slug})
        client.post(f"/admin/pages/{pk}/edit/", {"title": "piraté", "action-publish": "1"})
        assert denied(client.get(f"/admin/pages/{pk}/add_subpage/")), label
        assert denied(client.get(f"/admin/pages/{pk}/move/")), label
        client.post(f"/admin/pages/{pk}/move/{target_in_a.pk}/confirm/")
        client.post(f"/admin/pages/{a_pages[2].pk}/move/{pk}/confirm/")
        assert denied(client.get(f"/admin/pages/{pk}/copy/")), label
        client.post(
            f"/admin/pages/{pk}/copy/",
            {"new_title": "copie", "new_slug": f"copie-{pk}", "new_parent_page": target_in_a.pk},
        )
        client.post(f"/admin/pages/{pk}/unpublish/")
        client.post(f"/admin/pages/{pk}/delete/")
        assert denied(client.get(f"/admin/pages/{pk}/history/")), label
        assert denied(client.get(f"/admin/pages/{pk}/revisions/")), label
        revision = page.latest_revision
        assert denied(client.get(f"/admin/pages/{pk}/revisions/{revision.pk}/view/")), label
        assert denied(client.post(f"/admin/pages/{pk}/revisions/{revision.pk}/revert/")), label
        assert denied(client.post(f"/admin/pages/{pk}/lock/")), label
        assert unchanged(page), label
        assert not Page.objects.filter(slug=f"copie-{pk}").exists()
    # Nothing of A moved into B; nothing was added under B.
    assert all(unchanged(p) for p in a_pages)
    assert Page.objects.child_of(b_pages[0]).count() == len(b_pages) - 1


def test_matrix_copy_from_a_into_b_is_refused(client, editor_a, a_pages, b_pages):
    client.force_login(editor_a)
    source = a_pages[3]  # a meeting of A
    response = client.post(
        f"/admin/pages/{source.pk}/copy/",
        {"new_title": "copie", "new_slug": "copie-vers-b", "new_parent_page": b_pages[0].pk},
    )
    assert response.status_code in (200, 302, 403)
    assert not Page.objects.filter(slug="copie-vers-b").exists()


def test_positive_control_editor_of_a_edits_a_and_submits_for_moderation(
    client, editor_a, moderator_a, gt_a
):
    meeting = MeetingPageFactory(parent=gt_a, title="Réunion A")
    meeting.save_revision().publish()
    client.force_login(editor_a)
    response = client.get(f"/admin/pages/{meeting.pk}/edit/")
    assert response.status_code == 200
    assert b"action-publish" not in response.content  # editors cannot publish
    assert b"action-submit" in response.content
    meeting.title = "Réunion A (modifiée)"
    meeting.save_revision(user=editor_a, clean=False)
    workflow = meeting.get_workflow()
    assert workflow.name == "SANTE — Modération"
    state = workflow.start(meeting, editor_a)
    task_state = state.current_task_state
    # The moderator of A sees and approves it.
    client.force_login(moderator_a)
    response = client.post(
        f"/admin/pages/workflow/action/{meeting.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert response.status_code in (200, 302)
    meeting.refresh_from_db()
    assert meeting.title == "Réunion A (modifiée)" and meeting.live


def test_matrix_cannot_approve_other_groups_moderation_task(
    client, editor_a, moderator_a, editor_b, gt_b
):
    meeting = MeetingPageFactory(parent=gt_b, title="Réunion B")
    meeting.save_revision().publish()
    meeting.title = "Réunion B (modifiée)"
    meeting.save_revision(user=editor_b, clean=False)
    state = meeting.get_workflow().start(meeting, editor_b)
    task_state = state.current_task_state
    for user in (editor_a, moderator_a):
        client.force_login(user)
        client.post(
            f"/admin/pages/workflow/action/{meeting.pk}/approve/{task_state.pk}/", {"comment": ""}
        )
        state.refresh_from_db()
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
    meeting.refresh_from_db()
    assert meeting.title == "Réunion B"
    # The Pool Technique moderates every group.
    from django.contrib.auth.models import Group

    from accounts.factories import UserFactory

    pool = UserFactory(username="pool")
    pool.groups.add(Group.objects.get(name="Pool Technique"))
    client.force_login(pool)
    client.post(
        f"/admin/pages/workflow/action/{meeting.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    meeting.refresh_from_db()
    assert meeting.title == "Réunion B (modifiée)"


def test_matrix_explorer_shows_only_own_group(client, editor_a, a_pages, b_pages, group_index):
    client.force_login(editor_a)
    response = client.get(f"/admin/pages/{group_index.pk}/", follow=True)
    body = response.content.decode()
    for page in b_pages:
        assert f"/admin/pages/{page.pk}/" not in body
    assert denied(client.get(f"/admin/pages/{b_pages[0].pk}/"))
    response = client.get("/admin/pages/search/?q=termes")
    body = response.content.decode()
    assert f"/admin/pages/{b_pages[1].pk}/edit/" not in body
    assert f"/admin/pages/{a_pages[1].pk}/edit/" in body


def test_matrix_editor_of_two_groups_sees_neither_neighbour(
    client, editor_a, a_pages, b_pages, group_index
):
    from django.contrib.auth.models import Group

    from groups.factories import ThematicGroupPageFactory

    gt_c = ThematicGroupPageFactory(parent=group_index, title="Eau", acronym="EAU", slug="eau")
    editor_a.groups.add(Group.objects.get(name="EAU — Éditeurs"))
    client.force_login(editor_a)
    body = client.get(f"/admin/pages/{group_index.pk}/").content.decode()
    assert f"/admin/pages/{gt_c.pk}/" in body and f"/admin/pages/{a_pages[0].pk}/" in body
    assert f"/admin/pages/{b_pages[0].pk}/" not in body


def test_gap_page_chooser_hides_other_groups(client, editor_a, a_pages, b_pages, group_index):
    client.force_login(editor_a)
    urls = [
        "/admin/choose-page/",
        f"/admin/choose-page/{group_index.pk}/",
        f"/admin/choose-page/{b_pages[0].pk}/",
        "/admin/choose-page/search/?q=Programme",
        "/admin/choose-page/search/?q=meetingpage",
        f"/admin/choose-page/{group_index.pk}/?user_perms=copy_to",
        f"/admin/choose-page/{group_index.pk}/?user_perms=move_to",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for page in b_pages[1:]:
            assert (
                f'"id": {page.pk},' not in body and f"/admin/choose-page/{page.pk}/" not in body
            ), url
            assert page.title not in body or page.title.startswith("Programme"), (url, page.title)
    body = client.get(f"/admin/choose-page/{a_pages[0].pk}/").content.decode()
    assert f'data-title=\\"{a_pages[4].title}\\"' in body  # own group's pages are choosable


def test_gap_usage_listings_hide_other_groups(client, editor_a, a_pages, b_pages):
    client.force_login(editor_a)
    for model in ("meetingpage", "termsofreferencepage", "thematicgrouppage"):
        body = client.get(f"/admin/pages/usage/groups/{model}/").content.decode()
        for page in b_pages:
            assert f"/admin/pages/{page.pk}/edit/" not in body, model


def test_matrix_private_documents_of_b(client, editor_a, editor_b, gt_a, gt_b):
    secret = private_document(gt_b.get_access(), "Note confidentielle EDU")
    own = private_document(gt_a.get_access(), "Note interne SANTE")
    client.force_login(editor_a)
    chooser = client.get("/admin/documents/chooser/").content.decode()
    assert "Note confidentielle EDU" not in chooser and "Note interne SANTE" in chooser
    search = client.get("/admin/documents/chooser/results/?q=Note").content.decode()
    assert "Note confidentielle EDU" not in search
    assert denied(client.get(f"/admin/documents/edit/{secret.pk}/"))
    assert client.get(f"/admin/documents/edit/{own.pk}/").status_code == 200
    assert denied(client.get(f"/admin/documents/usage/{secret.pk}/"))
    assert client.get(f"/documents/{secret.pk}/{secret.filename}").status_code in (302, 403)
    assert client.get(f"/documents/{own.pk}/{own.filename}").status_code == 200
    client.logout()
    assert client.get(f"/documents/{own.pk}/{own.filename}").status_code in (302, 403)
    client.force_login(editor_b)
    assert client.get(f"/documents/{secret.pk}/{secret.filename}").status_code == 200


def test_gap_reports_do_not_list_other_groups(client, editor_a, editor_b, a_pages, b_pages):
    meeting = b_pages[3]
    meeting.title = "Réunion B révisée"
    meeting.save_revision(user=editor_b, clean=False)
    meeting.get_workflow().start(meeting, editor_b)
    client.force_login(editor_a)
    for url in (
        "/admin/reports/site-history/",
        "/admin/reports/aging-pages/",
        "/admin/reports/locked/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/",
    ):
        response = client.get(url, follow=True)
        body = response.content.decode()
        for page in b_pages:
            assert f"/admin/pages/{page.pk}/edit/" not in body, url


def test_gap_bulk_actions_and_admin_api(client, editor_a, a_pages, b_pages, group_index):
    client.force_login(editor_a)
    ids = "&".join(f"id={page.pk}" for page in b_pages[1:])
    for action in ("delete", "unpublish", "publish", "move"):
        client.post(f"/admin/bulk/wagtailcore/page/{action}/?{ids}", {"move_applicable": "on"})
    assert all(unchanged(page) for page in b_pages)
    response = client.get(f"/admin/api/main/pages/?child_of={group_index.pk}&for_explorer=1")
    listed = {item["id"] for item in response.json().get("items", [])}
    assert a_pages[0].pk in listed and b_pages[0].pk not in listed
    response = client.get(f"/admin/api/main/pages/?child_of={b_pages[0].pk}&for_explorer=1")
    assert not {item["id"] for item in response.json().get("items", [])} & {p.pk for p in b_pages}

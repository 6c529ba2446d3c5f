"""Trainee accounts in the isolation matrix: the groups' matrix (``tests/groups/
test_isolation.py``) run again with a sandbox trainee as the editor of "group A" (the sandbox)
against a real group's pages, documents and users, and with a real group's editor against the
sandbox (invisible to real groups' editors). Same admin HTTP endpoints, same assertions."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page

from tests.groups import test_isolation as matrix
from training.sandbox import reset_sandbox, sandbox_root

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def sandbox(group_index, gt_a, gt_b):
    reset_sandbox(1)
    return sandbox_root()


@pytest.fixture
def trainee(sandbox):
    return User.objects.get(username="stagiaire-01")


@pytest.fixture
def sandbox_pages(sandbox):
    """The sandbox GT and one page of every group type under it (instead of the template's
    practice pages, whose slugs the matrix's factories would repeat)."""
    for page in Page.objects.child_of(sandbox):
        page.specific.delete()
    return matrix.make_group_pages(sandbox_root())


@pytest.fixture
def b_pages(gt_b):
    return matrix.make_group_pages(gt_b)


def test_trainee_cannot_touch_any_page_of_a_real_group(
    client, trainee, sandbox, sandbox_pages, b_pages
):
    matrix.test_matrix_editor_of_a_cannot_touch_any_page_of_b(
        client, trainee, sandbox_pages, b_pages, sandbox
    )


def test_trainee_explorer_search_chooser_usage_show_only_the_sandbox(
    client, trainee, sandbox_pages, b_pages, group_index
):
    matrix.test_matrix_explorer_shows_only_own_group(
        client, trainee, sandbox_pages, b_pages, group_index
    )
    matrix.test_gap_page_chooser_hides_other_groups(
        client, trainee, sandbox_pages, b_pages, group_index
    )
    matrix.test_gap_usage_listings_hide_other_groups(client, trainee, sandbox_pages, b_pages)


def test_trainee_reports_do_not_list_real_groups(client, trainee, editor_b, sandbox_pages, b_pages):
    matrix.test_gap_reports_do_not_list_other_groups(
        client, trainee, editor_b, sandbox_pages, b_pages
    )


def test_trainee_bulk_actions_and_admin_api(client, trainee, sandbox_pages, b_pages, group_index):
    matrix.test_gap_bulk_actions_and_admin_api(client, trainee, sandbox_pages, b_pages, group_index)


def test_trainee_cannot_approve_a_real_groups_moderation_task(client, trainee, editor_b, gt_b):
    matrix.test_matrix_cannot_approve_other_groups_moderation_task(
        client, trainee, trainee, editor_b, gt_b
    )


def test_trainee_cannot_reach_real_groups_documents(client, trainee, editor_b, sandbox, gt_b):
    matrix.test_matrix_private_documents_of_b(client, trainee, editor_b, sandbox, gt_b)


def test_trainee_cannot_view_or_edit_users_or_memberships(client, trainee, editor_b, gt_b):
    client.force_login(trainee)
    for url in (
        "/admin/users/",
        f"/admin/users/{editor_b.pk}/",
        f"/admin/users/{trainee.pk}/",
        "/admin/users/add/",
        "/admin/groups/",
        "/admin/groups/members/",
        f"/admin/groups/members/{gt_b.get_access().pk}/",
        "/admin/training/progress/",
        "/admin/training/sandbox/",
    ):
        assert matrix.denied(client.get(url)), url
    client.post(f"/admin/users/{editor_b.pk}/", {"username": "pirate", "is_active": ""})
    editor_b.refresh_from_db()
    assert editor_b.username == "editeur-b" and editor_b.is_active


def test_real_editor_cannot_see_or_touch_the_sandbox(client, editor_a, gt_a, sandbox, group_index):
    """The sandbox is invisible to real groups' editors, like any other group."""
    a_pages = matrix.make_group_pages(gt_a)
    sandbox_side = [sandbox, *Page.objects.child_of(sandbox).order_by("path").specific()]
    matrix.test_matrix_editor_of_a_cannot_touch_any_page_of_b(
        client, editor_a, a_pages, sandbox_side, gt_a
    )
    matrix.test_matrix_explorer_shows_only_own_group(
        client, editor_a, a_pages, sandbox_side, group_index
    )
    client.force_login(editor_a)
    assert matrix.denied(client.get(sandbox.url))  # the public page: view-restricted

"""The roles hold their real permissions, and the "who can do what" table of the README and of
the admin help page is generated from them."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.utils import translation

from accounts import roles
from accounts.roles_table import markdown
from groups.permissions import sync_all

pytestmark = pytest.mark.django_db
README = Path(__file__).resolve().parents[2] / "README.md"


def readme_table():
    text = README.read_text()
    match = re.search(r"<!-- roles-table -->\n(.*?)\n<!-- /roles-table -->", text, re.S)
    assert match, "README.md has no roles-table section"
    return match.group(1).strip()


def test_readme_table_is_the_generated_one(gt_pages):
    roles.sync_roles()  # after every app's permissions exist, as after a migrate
    sync_all()
    with translation.override("en"):
        generated = markdown()
    assert readme_table() == generated, "run `python manage.py roles_table` and paste it"


def test_roles_have_their_real_permissions(gt_pages):
    sync_all()

    def perms(role):
        return set(
            Group.objects.get(name=role).permissions.values_list(
                "content_type__app_label", "codename"
            )
        )

    assert ("accounts", "change_user") in perms(roles.ADMINISTRATORS)
    assert ("auth", "change_group") not in perms(roles.ADMINISTRATORS)
    assert ("groups", "view_dashboard") in perms(roles.POOL_TECHNIQUE)
    assert ("library", "change_reportedition") in perms(roles.POOL_TECHNIQUE)
    assert ("iati_publisher", "change_activity") in perms(roles.IATI_PUBLISHERS)
    # publish_activity is granted as soon as the IATI app declares it (Meta.permissions)
    assert ("accounts", "change_user") not in perms(roles.POOL_TECHNIQUE)
    pool = Group.objects.get(name=roles.POOL_TECHNIQUE)
    home = gt_pages[0].get_parent().get_parent()
    assert pool.page_permissions.filter(page=home, permission__codename="publish_page").exists()


def test_sync_removes_drift(gt_pages):
    from django.contrib.auth.models import Permission

    pool = Group.objects.get(name=roles.POOL_TECHNIQUE)
    pool.permissions.add(Permission.objects.get(codename="change_user"))
    changes = roles.sync_roles()
    assert any("removed accounts.change_user" in change for change in changes)
    assert not pool.permissions.filter(codename="change_user").exists()


def test_admin_help_page_shows_the_table(client, editor_a, gt_pages):
    client.force_login(editor_a)
    response = client.get("/admin/who-can-do-what/")
    assert response.status_code == 200
    body = response.content.decode()
    for role in roles.ROLES:
        assert role in body
    assert "SANTE" not in body or "&lt;GT&gt;" in body

"""The site-wide roles exist after migrate and carry the permissions their apps contribute."""

from django.contrib.auth.models import Group

from accounts import roles


def test_roles_exist_after_migrate_with_admin_access(db):
    for role in roles.ROLES:
        group = Group.objects.get(name=role)
        assert group.permissions.filter(codename="access_admin").exists()


def test_sync_restores_a_deleted_role_and_contributed_permissions(db):
    Group.objects.filter(name=roles.POOL_TECHNIQUE).delete()
    changes = roles.sync_roles()
    assert any(roles.POOL_TECHNIQUE in change for change in changes)
    pool = Group.objects.get(name=roles.POOL_TECHNIQUE)
    assert pool.permissions.filter(codename="view_dashboard").exists()
    assert roles.sync_roles() == []  # idempotent

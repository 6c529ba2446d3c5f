"""No escalation, through the admin's HTTP endpoints (Wagtail #14100): a non-superuser with
user-management rights cannot create or edit a superuser, give anyone (themselves included) a
group they do not manage, change an administrator's e-mail or password, or reach another
group's members; nobody types another person's password."""

import pytest
from django.contrib.auth.models import Group

from accounts.factories import UserFactory
from accounts.roles import ADMINISTRATORS, POOL_TECHNIQUE

pytestmark = pytest.mark.django_db


def denied(response):
    # Wagtail answers a permission failure with a redirect to the dashboard (or 403/404).
    location = response.get("Location", "/admin/")
    return response.status_code in (302, 403, 404) and (
        location == "/admin/" or location.startswith(f"/fr{response.wsgi_request.path}")
    )


def edit_data(user, **overrides):
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name or "Prénom",
        "last_name": user.last_name or "Nom",
        "is_active": "on",
    }
    data.update(overrides)
    return data


def group_ids(*names):
    return [str(pk) for pk in Group.objects.filter(name__in=names).values_list("pk", flat=True)]


def test_superusers_are_invisible_and_untouchable(client, administrator, superuser):
    client.force_login(administrator)
    listing = client.get("/admin/users/")
    assert listing.status_code == 200
    assert f"/admin/users/edit/{superuser.pk}/" not in listing.content.decode()
    for view in ("edit", "delete", "history"):
        assert denied(client.get(f"/admin/users/{view}/{superuser.pk}/"))
    response = client.post(
        f"/admin/users/edit/{superuser.pk}/", edit_data(superuser, email="pirate@example.org")
    )
    assert denied(response)
    superuser.refresh_from_db()
    assert superuser.email != "pirate@example.org" and superuser.is_superuser
    bulk = client.get(f"/admin/bulk/accounts/user/set_active_state/?id={superuser.pk}")
    assert denied(bulk) and superuser.username not in bulk.content.decode()


def test_other_administrators_cannot_be_edited(client, administrator, other_administrator):
    client.force_login(administrator)
    url = f"/admin/users/edit/{other_administrator.pk}/"
    assert denied(client.get(url))
    client.post(url, edit_data(other_administrator, email="pirate@example.org"))
    other_administrator.refresh_from_db()
    assert other_administrator.email == "autre@example.org"


def test_no_administrator_checkbox_and_no_password_fields(client, administrator, editor_a):
    client.force_login(administrator)
    body = client.get(f"/admin/users/edit/{editor_a.pk}/").content.decode()
    assert 'name="is_superuser"' not in body
    assert 'name="password1"' not in body
    # posting them anyway changes nothing
    old_password = editor_a.password
    response = client.post(
        f"/admin/users/edit/{editor_a.pk}/",
        edit_data(
            editor_a, is_superuser="on", password1="Nouveau-2026!x", password2="Nouveau-2026!x"
        ),
    )
    assert response.status_code == 302
    editor_a.refresh_from_db()
    assert not editor_a.is_superuser and editor_a.password == old_password


def test_only_managed_groups_can_be_given_and_others_are_kept(
    client, administrator, editor_a, gt_pages
):
    client.force_login(administrator)
    body = client.get(f"/admin/users/edit/{editor_a.pk}/").content.decode()
    admins = Group.objects.get(name=ADMINISTRATORS)
    assert f'value="{admins.pk}"' not in body
    refused = client.post(
        f"/admin/users/edit/{editor_a.pk}/",
        edit_data(editor_a, groups=group_ids(ADMINISTRATORS, "EDU — Éditeurs")),
    )
    assert refused.status_code == 200 and refused.context["form"].has_error("groups")
    assert not editor_a.groups.filter(name=ADMINISTRATORS).exists()
    editor_a.groups.add(Group.objects.get(name=POOL_TECHNIQUE))  # given by a superuser…
    editor_a.groups.add(Group.objects.get(name=ADMINISTRATORS))
    editor_a.groups.remove(Group.objects.get(name=ADMINISTRATORS))
    response = client.post(
        f"/admin/users/edit/{editor_a.pk}/",
        edit_data(editor_a, groups=group_ids("EDU — Éditeurs")),
    )
    assert response.status_code == 302
    names = set(editor_a.groups.values_list("name", flat=True))
    assert names == {"EDU — Éditeurs"}
    assert "SANTE — Éditeurs" not in names  # removed: the administrator manages it


def test_nobody_changes_their_own_groups_or_status(client, administrator):
    client.force_login(administrator)
    body = client.get(f"/admin/users/edit/{administrator.pk}/").content.decode()
    assert 'name="groups"' not in body and 'name="is_active"' not in body
    client.post(
        f"/admin/users/edit/{administrator.pk}/",
        edit_data(administrator, groups=group_ids(POOL_TECHNIQUE), is_superuser="on"),
    )
    administrator.refresh_from_db()
    assert not administrator.is_superuser
    assert set(administrator.groups.values_list("name", flat=True)) == {ADMINISTRATORS}


def test_bulk_assign_role_lists_and_accepts_only_managed_groups(
    client, administrator, editor_a, other_administrator
):
    client.force_login(administrator)
    url = f"/admin/bulk/accounts/user/assign_role/?id={editor_a.pk}"
    body = client.get(url).content.decode()
    admins = Group.objects.get(name=ADMINISTRATORS)
    assert f'value="{admins.pk}"' not in body
    client.post(url, {"role": admins.pk})
    assert not editor_a.groups.filter(name=ADMINISTRATORS).exists()
    own = f"/admin/bulk/accounts/user/assign_role/?id={administrator.pk}"
    client.post(own, {"role": Group.objects.get(name=POOL_TECHNIQUE).pk})
    assert not administrator.groups.filter(name=POOL_TECHNIQUE).exists()
    other = f"/admin/bulk/accounts/user/assign_role/?id={other_administrator.pk}"
    assert denied(client.get(other))


def test_add_user_means_inviting(client, administrator, superuser):
    for user in (administrator, superuser):
        client.force_login(user)
        response = client.get("/admin/users/new/")
        assert response.status_code == 302 and response["Location"] == "/admin/invitations/add/"

        client.post("/admin/users/new/", {"username": "x", "password1": "a", "password2": "a"})
    from accounts.models import User

    assert not User.objects.filter(username="x").exists()


def test_group_permissions_stay_with_superusers(client, administrator):
    client.force_login(administrator)
    assert client.get("/admin/groups/").status_code in (302, 403)
    admins = Group.objects.get(name=ADMINISTRATORS)
    assert client.get(f"/admin/groups/edit/{admins.pk}/").status_code in (302, 403)


def test_moderator_reaches_only_own_group_members(client, moderator_a, editor_b, gt_pages):
    from groups.models import GroupAccess

    client.force_login(moderator_a)
    assert client.get("/admin/users/").status_code in (302, 403)
    assert client.get(f"/admin/users/edit/{editor_b.pk}/").status_code in (302, 403)
    own = GroupAccess.objects.get(acronym="SANTE")
    other = GroupAccess.objects.get(acronym="EDU")
    assert client.get(f"/admin/groups/members/{own.pk}/").status_code == 200
    body = client.get("/admin/groups/members/").content.decode()
    assert editor_b.username not in body
    assert client.get(f"/admin/groups/members/{other.pk}/").status_code in (302, 404)
    client.post(
        f"/admin/groups/members/{other.pk}/",
        {"role": "moderators", "action": "add", "username": moderator_a.username},
    )
    assert not moderator_a.groups.filter(name="EDU — Modérateurs").exists()


def test_superuser_keeps_full_powers(client, superuser, editor_a):
    client.force_login(superuser)
    body = client.get(f"/admin/users/edit/{editor_a.pk}/").content.decode()
    assert 'name="is_superuser"' in body
    response = client.post(
        f"/admin/users/edit/{editor_a.pk}/",
        edit_data(editor_a, groups=group_ids(ADMINISTRATORS)),
    )
    assert response.status_code == 302
    assert editor_a.groups.filter(name=ADMINISTRATORS).exists()


def test_deactivated_person_cannot_sign_in_or_reset(client, administrator, editor_a):
    from django.core import mail

    editor_a.email = "editeur-a@example.org"
    editor_a.save()
    client.force_login(administrator)
    response = client.post(
        f"/admin/users/edit/{editor_a.pk}/",
        edit_data(editor_a, is_active="", groups=group_ids("SANTE — Éditeurs")),
    )
    assert response.status_code == 302
    editor_a.refresh_from_db()
    assert not editor_a.is_active
    client.logout()
    login = client.post("/admin/login/", {"username": editor_a.username, "password": "password"})
    assert login.status_code == 200 and "_auth_user_id" not in client.session
    client.post("/admin/password_reset/", {"email": editor_a.email})
    assert mail.outbox == []
    assert UserFactory._meta.model.objects.filter(pk=editor_a.pk).exists()  # kept, not deleted

"""Invitations: administrators (any group but Administrateurs) and group moderators (their own
group only) invite by e-mail; the person chooses their own password through a single-use link
valid 7 days; pending invitations are resent or revoked; everything is in the audit log."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from wagtail.models import ModelLogEntry

from accounts.models import Invitation, User

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def commit_callbacks(monkeypatch):
    """The test database never commits: run the e-mails queued with on_commit right away."""
    monkeypatch.setattr("accounts.invitations.transaction.on_commit", lambda func, **kw: func())


def invite(client, groups, email="aicha@example.org", language="fr", **extra):
    data = {
        "email": email,
        "first_name": "Aïcha",
        "last_name": "Maïga",
        "organisation_name": "Coopération suisse",
        "language": language,
        "groups": [str(Group.objects.get(name=name).pk) for name in groups],
        **extra,
    }
    return client.post("/admin/invitations/add/", data)


def link(message):
    return re.search(r"http://testserver(/\w\w/invitation/[\w-]+/)", message.body).group(1)


def accept(client, url, username="aicha", password="Sahel-Bamako-2026!"):
    return client.post(url, {"username": username, "password1": password, "password2": password})


def test_administrator_invites_and_the_person_sets_their_own_password(
    client, administrator, gt_pages
):
    client.force_login(administrator)
    response = invite(client, ["SANTE — Éditeurs"])
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["aicha@example.org"]
    assert "Portail PTF Mali" in message.subject
    assert "7 jours" in message.body and "SANTE — Éditeurs" in message.body
    url = link(message)
    assert url.startswith("/fr/invitation/")
    client.logout()
    page = client.get(url)
    assert page.status_code == 200 and "Aïcha" in page.content.decode()
    response = accept(client, url)
    assert response.status_code == 302
    user = User.objects.get(username="aicha")
    assert user.check_password("Sahel-Bamako-2026!")
    assert user.email == "aicha@example.org" and user.organisation_name == "Coopération suisse"
    assert set(user.groups.values_list("name", flat=True)) == {"SANTE — Éditeurs"}
    assert int(client.session["_auth_user_id"]) == user.pk
    # single use
    client.logout()
    assert client.get(url).status_code == 404
    assert accept(client, url, username="autre").status_code == 404
    invitation = Invitation.objects.get()
    actions = set(
        ModelLogEntry.objects.filter(object_id=str(invitation.pk)).values_list("action", flat=True)
    )
    assert {"accounts.invitation_sent", "accounts.invitation_accepted"} <= actions


def test_english_invitation(client, administrator, gt_pages):
    client.force_login(administrator)
    invite(client, ["SANTE — Éditeurs"], language="en")
    body = mail.outbox[0].body
    assert "7 days" in body and "/en/invitation/" in body
    assert "Vous êtes invité" in body  # one line in the other language


def test_password_validators_apply(client, administrator, gt_pages):
    client.force_login(administrator)
    invite(client, ["SANTE — Éditeurs"])
    url = link(mail.outbox[0])
    client.logout()
    for weak in ("12345678", "password", "aicha", "Maïga"):
        response = accept(client, url, password=weak)
        assert response.status_code == 200, weak
    assert not User.objects.filter(username="aicha").exists()


def test_link_expires_after_seven_days(client, administrator, gt_pages):
    client.force_login(administrator)
    invite(client, ["SANTE — Éditeurs"])
    url = link(mail.outbox[0])
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    client.logout()
    assert client.get(url).status_code == 404
    invitation = Invitation.objects.get()
    assert invitation.sent_at + datetime.timedelta(days=7) > timezone.now()  # was 7 days


def test_resend_makes_a_new_link_and_revoke_stops_it(client, administrator, gt_pages):
    client.force_login(administrator)
    invite(client, ["SANTE — Éditeurs"])
    first = link(mail.outbox[0])
    invitation = Invitation.objects.get()
    assert client.post(f"/admin/invitations/{invitation.pk}/resend/").status_code == 302
    second = link(mail.outbox[1])
    assert first != second
    assert client.get(first).status_code == 404 and client.get(second).status_code == 200
    listing = client.get("/admin/invitations/").content.decode()
    assert "aicha@example.org" in listing
    assert client.post(f"/admin/invitations/{invitation.pk}/revoke/").status_code == 302
    assert client.get(second).status_code == 404
    assert client.get(f"/admin/invitations/{invitation.pk}/revoke/").status_code == 405  # no GET


def test_refuses_an_email_already_used(client, administrator, gt_pages):
    client.force_login(administrator)
    administrator_email = administrator.email
    response = invite(client, ["SANTE — Éditeurs"], email=administrator_email.upper())
    assert response.status_code == 200 and response.context["form"].has_error("email")
    invite(client, ["SANTE — Éditeurs"])
    again = invite(client, ["SANTE — Éditeurs"])
    assert again.status_code == 200 and Invitation.objects.count() == 1


def test_moderator_invites_for_their_own_group_only(client, moderator_a, gt_pages):
    client.force_login(moderator_a)
    form = client.get("/admin/invitations/add/").content.decode()
    assert "SANTE — Éditeurs" in form and "EDU — Éditeurs" not in form
    assert "Pool Technique" not in form and "Administrateurs" not in form
    refused = invite(client, ["EDU — Éditeurs"])
    assert refused.status_code == 200 and Invitation.objects.count() == 0
    assert invite(client, ["SANTE — Éditeurs"]).status_code == 302
    assert Invitation.objects.count() == 1


def test_moderator_sees_and_manages_only_their_groups_invitations(
    client, administrator, moderator_a, gt_pages
):
    client.force_login(administrator)
    invite(client, ["EDU — Éditeurs"], email="edu@example.org")
    other = Invitation.objects.get()
    client.logout()
    client.force_login(moderator_a)
    assert "edu@example.org" not in client.get("/admin/invitations/?show=all").content.decode()
    client.post(f"/admin/invitations/{other.pk}/revoke/")
    other.refresh_from_db()
    assert other.revoked_at is None


def test_editors_cannot_invite(client, editor_a):
    client.force_login(editor_a)
    assert client.get("/admin/invitations/add/").status_code in (302, 403)
    assert invite(client, ["SANTE — Éditeurs"]).status_code in (302, 403)
    assert Invitation.objects.count() == 0

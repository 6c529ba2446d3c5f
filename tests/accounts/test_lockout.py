"""Sign-in lockout (django-axes): 5 failures for one account from one address lock that pair
for 15 minutes, on every login form; a bilingual message; visible and unlockable by
administrators; password reset throttled; every step in the audit log."""

import datetime
import time

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.utils import timezone
from wagtail.models import ModelLogEntry

from accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN_FORMS = ["/admin/login/", "/django-admin/login/", "/fr/_util/login/"]


def attempt(client, url, username, password, ip="10.0.0.1"):
    return client.post(
        url, {"username": username, "password": password}, REMOTE_ADDR=ip, follow=False
    )


@pytest.fixture
def person(db):
    return UserFactory(username="fatou", password="bon-mot-de-passe-2026", is_staff=True)


@pytest.mark.parametrize("url", LOGIN_FORMS)
def test_five_failures_lock_the_account_from_that_address(client, person, home_fr, url):
    for _ in range(4):
        assert attempt(client, url, "fatou", "faux").status_code == 200
    locked = attempt(client, url, "fatou", "faux")
    assert locked.status_code == 429
    # the right password no longer works from this address…
    response = attempt(client, url, "fatou", "bon-mot-de-passe-2026")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    body = response.content.decode()
    assert "Connexion temporairement bloquée" in body and "Sign-in temporarily locked" in body
    assert "15 minutes" in body
    # …but still does from another one (account + address)
    other = attempt(client, url, "fatou", "bon-mot-de-passe-2026", ip="10.0.0.2")
    assert other.status_code == 302


def test_lockout_ends_after_15_minutes(client, person):
    for _ in range(5):
        attempt(client, "/admin/login/", "fatou", "faux")
    assert attempt(client, "/admin/login/", "fatou", "bon-mot-de-passe-2026").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert attempt(client, "/admin/login/", "fatou", "bon-mot-de-passe-2026").status_code == 302


def test_lockout_is_cheap_and_immediate(client, person):
    for _ in range(5):
        attempt(client, "/admin/login/", "fatou", "faux")
    started = time.perf_counter()
    for _ in range(20):
        assert attempt(client, "/admin/login/", "fatou", "x").status_code == 429
    per_attempt = (time.perf_counter() - started) / 20
    assert per_attempt < 0.5  # refused before any password hashing


def test_locked_accounts_are_listed_and_unlocked_by_an_administrator(client, person, administrator):
    for _ in range(5):
        attempt(client, "/admin/login/", "fatou", "faux")
    client.force_login(administrator)
    listing = client.get("/admin/locked-sign-ins/")
    assert listing.status_code == 200
    assert "fatou" in listing.content.decode() and "10.0.0.1" in listing.content.decode()
    pk = AccessAttempt.objects.get(username="fatou").pk
    assert client.post(f"/admin/locked-sign-ins/{pk}/unlock/").status_code == 302
    client.logout()
    assert attempt(client, "/admin/login/", "fatou", "bon-mot-de-passe-2026").status_code == 302
    actions = set(
        ModelLogEntry.objects.filter(object_id=str(person.pk)).values_list("action", flat=True)
    )
    assert {
        "accounts.login_failed",
        "accounts.locked_out",
        "accounts.unlocked",
        "accounts.login",
    } <= actions


def test_editors_cannot_see_or_unlock(client, person):
    editor = UserFactory(username="editeur")
    client.force_login(editor)
    assert client.get("/admin/locked-sign-ins/").status_code in (302, 403)


def test_password_reset_is_throttled_and_never_tells_who_exists(client, person, settings):
    person.email = "fatou@example.org"
    person.save()
    url = "/admin/password_reset/"
    for _ in range(settings.PASSWORD_RESET_RATE):
        assert client.post(url, {"email": "fatou@example.org"}).status_code == 302
    throttled = client.post(url, {"email": "fatou@example.org"})
    assert throttled.status_code == 429
    assert len(mail.outbox) == settings.PASSWORD_RESET_RATE
    unknown = client.post(url, {"email": "personne@example.org"}, REMOTE_ADDR="10.9.9.9")
    assert unknown.status_code == 302  # same answer as for a real account


def test_password_reset_mail_in_french_and_english(client, person):
    person.email = "fatou@example.org"
    person.save()
    client.post("/admin/password_reset/", {"email": person.email}, HTTP_ACCEPT_LANGUAGE="fr")
    client.post(
        "/admin/password_reset/",
        {"email": person.email},
        HTTP_ACCEPT_LANGUAGE="en",
        REMOTE_ADDR="10.0.0.5",
    )
    assert len(mail.outbox) == 2
    assert "mot de passe" in mail.outbox[0].body.lower()
    assert "password" in mail.outbox[1].body.lower()


def test_an_address_trying_many_usernames_is_refused_before_any_hashing(
    client, person, settings, monkeypatch
):
    """axes locks (account, address) pairs; a new username at every try is counted per address
    (LOGIN_FAILURES_PER_ADDRESS): past the limit, no password is hashed any more."""
    from django.contrib.auth.backends import ModelBackend

    settings.LOGIN_FAILURES_PER_ADDRESS = 8
    for i in range(8):
        assert attempt(client, "/fr/_util/login/", f"inconnu-{i}", "x").status_code == 200
    hashed = []
    original = ModelBackend.authenticate
    monkeypatch.setattr(
        ModelBackend,
        "authenticate",
        lambda self, *a, **kw: hashed.append(1) or original(self, *a, **kw),
    )
    for url in LOGIN_FORMS:
        response = attempt(client, url, "fatou", "bon-mot-de-passe-2026")
        assert response.status_code == 429, url
        body = response.content.decode()
        assert "Too many failed sign-in attempts from your address." in body
        assert "Trop de tentatives de connexion échouées depuis votre adresse." in body
    assert hashed == [] and "_auth_user_id" not in client.session
    # another address is not concerned
    assert (
        attempt(client, "/admin/login/", "fatou", "bon-mot-de-passe-2026", "10.0.0.7").status_code
        == 302
    )


def test_unlocking_also_clears_the_address(client, person, administrator, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 5
    for _ in range(5):
        attempt(client, "/admin/login/", "fatou", "faux")
    client.force_login(administrator)
    pk = AccessAttempt.objects.get(username="fatou").pk
    client.post(f"/admin/locked-sign-ins/{pk}/unlock/")
    client.logout()
    assert attempt(client, "/admin/login/", "fatou", "bon-mot-de-passe-2026").status_code == 302

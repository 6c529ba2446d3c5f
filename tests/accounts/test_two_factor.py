"""Two-factor authentication (TOTP on django-otp): optional for administrators and the Pool
Technique, required when TWO_FACTOR_REQUIRED is on; other users are not concerned."""

import base64
import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

pytestmark = pytest.mark.django_db


def code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def set_up(client, user):
    client.force_login(user)
    page = client.get("/admin/2fa/setup/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "<svg" in body and "otpauth" not in body  # the QR code is drawn here, no third party
    assert not TOTPDevice.objects.filter(user=user).exists()  # nothing written by a GET
    key = re.search(r"<code>([A-Z2-7 ]+)</code>", body).group(1).replace(" ", "")
    secret = base64.b32decode(key + "=" * (-len(key) % 8))
    token = f"{totp(secret):06d}"
    response = client.post("/admin/2fa/setup/", {"token": token, "next": "/admin/"})
    assert response.status_code == 302
    device = TOTPDevice.objects.get(user=user)
    assert device.confirmed and device.bin_key == secret
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)  # as if a minute had passed
    device.refresh_from_db()
    return device


def test_pool_technique_sets_up_totp_then_enters_a_code_each_session(client, pool):
    device = set_up(client, pool)
    assert client.get("/admin/").status_code == 200  # verified in this session
    client.logout()
    client.force_login(pool)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/2fa/verify/?next=%2Fadmin%2Fpages%2F"
    wrong = client.post("/admin/2fa/verify/", {"token": "000000", "next": "/admin/pages/"})
    assert wrong.status_code == 200 and client.get("/admin/").status_code == 302
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    device.refresh_from_db()
    right = client.post("/admin/2fa/verify/", {"token": code(device), "next": "/admin/pages/"})
    assert right.status_code == 302 and right["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200
    assert ModelLogEntry.objects.filter(
        action="accounts.2fa_enabled", object_id=str(pool.pk)
    ).exists()


def test_next_cannot_send_elsewhere(client, pool):
    device = set_up(client, pool)
    client.logout()
    client.force_login(pool)
    response = client.post(
        "/admin/2fa/verify/", {"token": code(device), "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_required_by_the_setting_for_administrators_only(client, settings, administrator, editor_a):
    settings.TWO_FACTOR_REQUIRED = True
    client.force_login(administrator)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/2fa/setup/")
    client.force_login(editor_a)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/2fa/setup/").status_code == 302  # not for editors


def test_optional_by_default_and_can_be_turned_off(client, administrator):
    client.force_login(administrator)
    assert client.get("/admin/").status_code == 200
    set_up(client, administrator)
    client.post("/admin/2fa/setup/", {"action": "remove"})
    assert not TOTPDevice.objects.filter(user=administrator).exists()


def test_public_site_never_asks_for_a_code(client, pool, home_fr):
    set_up(client, pool)
    client.logout()
    client.force_login(pool)
    assert client.get("/fr/").status_code == 200

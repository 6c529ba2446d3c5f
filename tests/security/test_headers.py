"""Security headers: a Content-Security-Policy without inline scripts on public pages (the
admin's own needs documented and limited to the admin), Permissions-Policy, Referrer-Policy,
nosniff; production adds HSTS and secure cookies; private documents are not cacheable."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

pytestmark = pytest.mark.django_db


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_public_pages_have_a_strict_policy(client, home_fr):
    response = client.get("/fr/")
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["style-src"] and "'unsafe-eval'" not in str(policy)
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert "https://tile.openstreetmap.org" in policy["img-src"]
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_public_templates_carry_no_inline_script(client, home_fr):
    import re

    html = client.get("/fr/").content.decode()
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert not re.search(r"\son[a-z]+=", html)  # no inline event handlers


def test_admin_policy_is_the_admins_own(client, superuser):
    client.force_login(superuser)
    response = client.get("/admin/")
    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"]
    assert "blob:" in policy["img-src"]
    assert policy["object-src"] == ["'none'"]


def test_production_settings_harden_transport():
    import os
    import subprocess
    import sys

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production"}
    env.update({"SECRET_KEY": "k3y-" + "z" * 60, "ALLOWED_HOSTS": "ptf-mali.org"})
    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_HTTPONLY)"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django;django.setup();{code}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.split() == ["31536000", "True", "True", "True", "True"], result.stderr


def test_front_end_login_without_next_goes_home(client, home_fr):
    from accounts.factories import UserFactory

    UserFactory(username="visiteur", password="mot-de-passe-solide-2026")
    response = client.post(
        "/fr/_util/login/", {"username": "visiteur", "password": "mot-de-passe-solide-2026"}
    )
    assert response.status_code == 302
    assert client.get(response["Location"], follow=True).status_code == 200


def test_private_documents_are_not_cacheable(client, superuser):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Privé")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    Document = get_document_model()
    document = Document(title="Note", collection=private)
    document.file.save("note.pdf", ContentFile(b"%PDF-1.4 note"), save=False)
    document.save()
    client.force_login(superuser)
    response = client.get(f"/documents/{document.pk}/{document.filename}")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]

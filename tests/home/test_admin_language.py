"""The admin speaks French properly: "Langue" not "Région", no "Root" or "None", the portal's
own help, initials avatars (no third-party avatar service)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Collection, Page

from accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_locale_is_langue_in_french():
    with translation.override("fr"):
        assert gettext("Locale") == "Langue"
        assert gettext("Switch locales") == "Changer de langue"
        assert gettext("Locales") == "Langues"
    with translation.override("en"):
        assert gettext("Locale") == "Locale"


def test_admin_screens_never_say_region_for_a_language(client, superuser, home_fr, home_en):
    client.force_login(superuser)
    for url in (
        reverse("wagtailadmin_explore", args=[home_fr.pk]),
        reverse("wagtailadmin_pages:edit", args=[home_fr.pk]),
        reverse("wagtaildocs:index"),
        "/admin/locales/",
    ):
        body = client.get(url).content.decode()
        assert "Région" not in body and "régions" not in body, url
    assert (
        "Langue" in client.get(reverse("wagtailadmin_explore", args=[home_fr.pk])).content.decode()
    )


def test_no_root_shown(client, superuser, home_fr):
    assert Page.get_first_root_node().title == "Portail PTF Mali"
    assert Collection.get_first_root_node().name == "Portail PTF Mali"
    client.force_login(superuser)
    body = client.get(reverse("wagtailadmin_explore", args=[home_fr.pk])).content.decode()
    assert ">Root<" not in body


def test_help_menu_leads_to_the_portals_help(client, superuser, home_fr):
    client.force_login(superuser)
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("portal_admin_help") in body
    assert "guide.wagtail.org" not in body and "Editor Guide" not in body
    help_page = client.get(reverse("portal_admin_help"))
    assert help_page.status_code == 200
    assert "Aide aux points focaux" in help_page.content.decode()


def test_aging_pages_report_shows_no_none(client, superuser, home_fr):
    home_fr.save_revision().publish()  # published by nobody recorded
    client.force_login(superuser)
    body = client.get("/admin/reports/aging-pages/").content.decode()
    assert home_fr.title in body
    assert not re.search(r">\s*None\s*<", body)  # no "None" shown as text


def test_avatars_are_initials_without_third_party(client, home_fr):
    user = UserFactory(username="awa", first_name="Awa", last_name="<Traoré>", is_superuser=True)
    client.force_login(user)
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "gravatar" not in body
    assert "data:image/svg+xml," in body
    assert "<Traoré>" not in body.split("data:image/svg+xml,", 1)[1][:600]
    from home.admin_language import initials_avatar_url

    assert "%3EAT%3C/text%3E" in initials_avatar_url(user, 50)  # "AT", nothing of the markup

"""Editors work through the Wagtail admin forms."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from accounts.factories import UserFactory
from home.factories import NewsIndexPageFactory
from home.models import NewsPage

pytestmark = pytest.mark.django_db


def test_editor_creates_and_publishes_a_news_page(client, home_fr):
    index = NewsIndexPageFactory(parent=home_fr, slug="actualites")
    moderator = UserFactory(username="moderatrice")
    group = Group.objects.create(name="Rédaction")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=home_fr,
            permission=Permission.objects.get(
                codename=codename, content_type__app_label="wagtailcore"
            ),
        )
    moderator.groups.add(group)
    client.force_login(moderator)

    data = nested_form_data(
        {
            "title": "Revue conjointe 2026",
            "slug": "revue-conjointe-2026",
            "date": "2026-11-20",
            "summary": "La revue conjointe a eu lieu à Bamako.",
            "body": streamfield([("paragraph", rich_text("<p>Compte rendu de la revue.</p>"))]),
            "action-publish": "publish",
        }
    )
    response = client.post(f"/admin/pages/add/home/newspage/{index.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]

    news = NewsPage.objects.get(slug="revue-conjointe-2026")
    assert news.live
    assert news.get_parent().pk == index.pk
    public = client.get("/fr/actualites/revue-conjointe-2026/")
    assert public.status_code == 200
    assert "Compte rendu de la revue." in public.content.decode()
    assert "Revue conjointe 2026" in client.get("/fr/feeds/news.rss").content.decode()


def test_news_page_requires_a_summary(client, home_fr, superuser):
    index = NewsIndexPageFactory(parent=home_fr, slug="actualites")
    client.force_login(superuser)
    data = nested_form_data(
        {
            "title": "Sans résumé",
            "slug": "sans-resume",
            "date": "2026-11-20",
            "summary": "",
            "body": streamfield([]),
            "action-publish": "publish",
        }
    )
    response = client.post(f"/admin/pages/add/home/newspage/{index.pk}/", data)
    assert response.status_code == 200
    assert not NewsPage.objects.filter(slug="sans-resume").exists()


def test_only_one_home_page_per_locale(home_fr, home_en):
    from wagtail.models import Page

    from home.models import HomePage

    assert not HomePage.can_create_at(Page.get_first_root_node())


def test_demo_data_is_idempotent_and_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo_data")
    call_command("load_demo_data", "--force")
    counts = NewsPage.objects.count(), Group.objects.count()
    call_command("load_demo_data", "--force")
    assert (NewsPage.objects.count(), Group.objects.count()) == counts
    assert NewsPage.objects.filter(locale__language_code="en").count() == 12

"""Content translation goes through wagtail-localize."""

import pytest
from wagtail.models import Locale
from wagtail_localize.models import Translation

from home.factories import StandardPageFactory
from home.models import StandardPage

pytestmark = pytest.mark.django_db


def test_page_is_submitted_for_translation_into_english(client, superuser, home_fr, home_en):
    page = StandardPageFactory(parent=home_fr, title="Le Pool Technique", slug="pool-technique")
    client.force_login(superuser)
    en = Locale.objects.get(language_code="en")

    response = client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [en.pk]})
    assert response.status_code == 302

    translated = StandardPage.objects.get(locale=en, translation_key=page.translation_key)
    assert translated.get_parent().pk == home_en.pk
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=en)
    assert translation.enabled
    # The translation editor opens for the English page.
    editor = client.get(f"/admin/pages/{translated.pk}/edit/")
    assert editor.status_code == 200
    assert "Le Pool Technique" in editor.content.decode()

"""A 404 answered by a view outside the language prefix stays a 404 (no redirect to /fr/…)."""

import pytest

pytestmark = pytest.mark.django_db


def test_view_404_outside_language_prefix_is_not_redirected(client, home_fr):
    response = client.get("/iati/NO-SUCH-ORG/activities.xml")
    assert response.status_code == 404


def test_unknown_path_without_prefix_still_redirects_to_the_language(client, home_fr):
    response = client.get("/groupes-thematiques/")
    assert response.status_code == 302
    assert response["Location"] == "/fr/groupes-thematiques/"

import pytest


@pytest.mark.django_db
def test_home_page_in_french(client, home_fr):
    response = client.get("/fr/")
    assert response.status_code == 200
    assert b'<html lang="fr">' in response.content

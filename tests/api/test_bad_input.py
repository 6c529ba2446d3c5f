"""Bad input is a JSON 400 (or 404) with a clear message, never a 500."""

import pytest

pytestmark = pytest.mark.django_db

BAD = [
    ("/api/v2/report-editions/?year=33002483214763", 400, "year is out of range"),
    ("/api/v2/pages/?fields=nonexistent", 400, "unknown fields"),
    ("/api/v2/pages/?fields=title(", 400, "fields error"),
    ("/api/v2/pages/?limit=1000", 400, "limit cannot be higher than 100"),
    ("/api/v2/pages/?limit=-1", 400, "limit must be a positive integer"),
    ("/api/v2/pages/?offset=-5", 400, "offset must be a positive integer"),
    ("/api/v2/pages/?offset=abc", 400, "offset must be a positive integer"),
    ("/api/v2/pages/?locale=de", 400, "locale must be one of"),
    ("/api/v2/documents/?locale=", 400, "locale must be one of"),
    ("/api/v2/pages/?bogus=1", 400, "unknown query parameter"),
    ("/api/v2/pages/?type=nope.Nope", 400, "type doesn't exist"),
    ("/api/v2/pages/?order=nope", 400, "cannot order by"),
    ("/api/v2/activities/?order=title_xx", 400, "cannot order by"),
    ("/api/v2/report-editions/?order=-nope", 400, "cannot order by"),
    ("/api/v2/pages/?child_of=99999999999999999999999", 400, "out of range"),
    ("/api/v2/pages/?id=99999999999999999999999", 400, "out of range"),
    ("/api/v2/pages/?search=a&search_operator=xor", 400, "search_operator"),
    ("/api/v2/pages/?search=%00", 400, "control characters"),
    ("/api/v2/documents/?type=pamphlet", 400, "unknown value"),
    ("/api/v2/documents/?year=twenty", 400, "year must be an integer"),
    ("/api/v2/documents/?sort=random", 400, "sort must be one of"),
    ("/api/v2/documents/?order=title", 400, "unknown query parameter"),
    ("/api/v2/activities/?status=%22%3E%3Cscript%3E", 400, "status: unusable value"),
    ("/api/v2/activities/?year=1800", 400, "year: unusable value"),
    ("/api/v2/activities/?region=Atlantis", 400, "region: unusable value"),
    ("/api/v2/meetings/?when=tomorrow", 400, "when must be"),
    ("/api/v2/meetings/?group=-3", 400, "group is out of range"),
    ("/api/v2/groups/?status=sleeping", 400, "status must be one of"),
    ("/api/v2/groups/?type=home.HomePage", 400, "not a filter"),
    ("/api/v2/report-editions/?overdue=maybe", 400, "overdue must be"),
    ("/api/v2/report-editions/?series=x", 400, "series must be an integer"),
    ("/api/v2/pages/99999999999999999999999/", 404, "not found"),
    ("/api/v2/activities/123456789/", 404, "not found"),
    ("/api/v2/nothing-here/", 404, "no such endpoint"),
]


@pytest.mark.parametrize("url,status,message", BAD)
def test_bad_input_is_a_clear_json_error(api, home_fr, url, status, message):
    response, data = api(url)
    assert response.status_code == status, data
    assert response["Content-Type"].startswith("application/json")
    assert message in data["message"]
    assert response["Cache-Control"] == "no-store"


def test_writes_are_refused(client, home_fr):
    for method in (client.post, client.put, client.delete):
        response = method("/api/v2/pages/")
        assert response.status_code == 405
        assert response.json() == {"message": "this API is read-only"}


def test_five_thousand_characters_and_odd_unicode(api, home_fr):
    response, data = api("/api/v2/documents/?q=" + "é" * 5000)
    assert response.status_code == 400 and "too long" in data["message"]
    response, data = api("/api/v2/pages/?search=%F0%9F%98%80%E2%80%AE%20%27%22%3B--")
    assert response.status_code == 200, data

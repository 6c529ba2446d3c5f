"""Small helpers shared by the test packages (fixtures live in tests/conftest.py)."""


def speak(user, language):
    """Set ``user``'s admin language, as they would in their account settings."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def count_queries(client, url):
    """SQL queries of a second GET of ``url`` (the first warms the cached page chrome:
    navigation, breadcrumbs, translations), and the response (which must be a 200)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response

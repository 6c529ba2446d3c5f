"""Small helpers shared by the test packages (fixtures live in tests/conftest.py)."""


def speak(user, language):
    """Set ``user``'s admin language, as they would in their account settings."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()

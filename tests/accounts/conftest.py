"""Fixtures of the accounts tests: people in every role."""

import pytest
from django.contrib.auth.models import Group

from accounts.factories import UserFactory
from accounts.roles import ADMINISTRATORS, POOL_TECHNIQUE, role_group


@pytest.fixture
def gt_pages(home_fr):
    from groups.factories import GroupIndexPageFactory, ThematicGroupPageFactory

    index = GroupIndexPageFactory(parent=home_fr)
    a = ThematicGroupPageFactory(parent=index, title="Santé", acronym="SANTE", slug="sante")
    b = ThematicGroupPageFactory(parent=index, title="Éducation", acronym="EDU", slug="edu")
    return a, b


def member(username, *group_names, **extra):
    user = UserFactory(username=username, **extra)
    for name in group_names:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def administrator(db):
    user = UserFactory(username="administratrice", email="adm@example.org")
    user.groups.add(role_group(ADMINISTRATORS))
    return user


@pytest.fixture
def other_administrator(db):
    user = UserFactory(username="autre-admin", email="autre@example.org")
    user.groups.add(role_group(ADMINISTRATORS))
    return user


@pytest.fixture
def pool(db):
    user = UserFactory(username="pool", email="pool@example.org")
    user.groups.add(role_group(POOL_TECHNIQUE))
    return user


@pytest.fixture
def moderator_a(gt_pages):
    return member("moderateur-a", "SANTE — Modérateurs")


@pytest.fixture
def editor_a(gt_pages):
    return member("editeur-a", "SANTE — Éditeurs")


@pytest.fixture
def editor_b(gt_pages):
    return member("editeur-b", "EDU — Éditeurs")


@pytest.fixture(autouse=True)
def fresh_cache():
    """Throttle counters live in the cache: each test starts from zero."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()

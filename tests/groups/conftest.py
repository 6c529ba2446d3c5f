"""Fixtures of the groups tests: an index, two GTs (A and B) and their users."""

import pytest

from accounts.factories import UserFactory
from groups.factories import (
    GroupIndexPageFactory,
    OrganisationFactory,
    SubGroupPageFactory,
    ThematicGroupPageFactory,
)


@pytest.fixture
def group_index(home_fr):
    return GroupIndexPageFactory(parent=home_fr)


@pytest.fixture
def gt_a(group_index):
    return ThematicGroupPageFactory(
        parent=group_index, title="Santé", acronym="SANTE", slug="sante"
    )


@pytest.fixture
def gt_b(group_index):
    return ThematicGroupPageFactory(
        parent=group_index, title="Éducation", acronym="EDU", slug="education"
    )


@pytest.fixture
def sgt_a(gt_a):
    return SubGroupPageFactory(parent=gt_a, title="Nutrition", acronym="NUT", slug="nutrition")


@pytest.fixture
def orgs(db):
    return OrganisationFactory.create_batch(4)


def _member_of(group_name, username):
    from django.contrib.auth.models import Group

    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor_a(gt_a):
    return _member_of("SANTE — Éditeurs", "editeur-a")


@pytest.fixture
def moderator_a(gt_a):
    return _member_of("SANTE — Modérateurs", "moderateur-a")


@pytest.fixture
def editor_b(gt_b):
    return _member_of("EDU — Éditeurs", "editeur-b")


@pytest.fixture
def moderator_b(gt_b):
    return _member_of("EDU — Modérateurs", "moderateur-b")

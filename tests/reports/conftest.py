"""Fixtures of the reports tests: the Pool Technique's page, two GTs and an SGT, the Pool user."""

import pytest
from django.contrib.auth.models import Group

from accounts.factories import UserFactory
from groups.factories import GroupIndexPageFactory, SubGroupPageFactory, ThematicGroupPageFactory
from home.factories import StandardPageFactory


@pytest.fixture
def pool_page(home_fr):
    return StandardPageFactory(parent=home_fr, title="Le Pool Technique", slug="pool-technique")


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
def pool_user(gt_a):
    user = UserFactory(username="pool")
    user.groups.add(Group.objects.get(name="Pool Technique"))
    return user


@pytest.fixture
def editor_a(gt_a):
    user = UserFactory(username="editeur-a")
    user.groups.add(Group.objects.get(name="SANTE — Éditeurs"))
    return user


def speak(user, language):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()

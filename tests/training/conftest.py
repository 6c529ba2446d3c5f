"""Fixtures of the training tests: a training section with a module, trainers and editors."""

import pytest

from accounts.factories import UserFactory
from training.factories import TrainingIndexPageFactory, TrainingModulePageFactory


@pytest.fixture
def training_index(home_fr):
    index = TrainingIndexPageFactory(parent=home_fr)
    index.save_revision().publish()
    return index


@pytest.fixture
def module(training_index):
    from training.models import TrainingModulePage

    page = TrainingModulePageFactory(parent=training_index, title="Se connecter", number=1)
    page.save_revision().publish()
    return TrainingModulePage.objects.get(pk=page.pk)


@pytest.fixture
def trainer(db):
    from django.contrib.auth.models import Group

    from accounts.roles import TRAINERS, sync_roles

    sync_roles()
    user = UserFactory(username="formatrice")
    user.groups.add(Group.objects.get(name=TRAINERS))
    return user


@pytest.fixture
def reader(db):
    return UserFactory(username="lecteur")

"""Fixtures of the reports tests: the Pool Technique's page (groups and users: tests/conftest.py)."""

import pytest

from home.factories import StandardPageFactory


@pytest.fixture
def pool_page(home_fr):
    return StandardPageFactory(parent=home_fr, title="Le Pool Technique", slug="pool-technique")

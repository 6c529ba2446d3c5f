import pytest


@pytest.fixture
def library_fr(home_fr):
    from library.factories import make_library_page

    return make_library_page(home_fr)

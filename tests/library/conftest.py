import pytest


@pytest.fixture
def library_fr(home_fr):
    from library.factories import make_library_page

    return make_library_page(home_fr)


@pytest.fixture
def groups_fr(home_fr):
    from groups.models import GroupIndexPage, ThematicGroupPage

    index = GroupIndexPage(title="Groupes thématiques", slug="groupes")
    home_fr.add_child(instance=index)
    created = []
    for acronym, title in (
        ("GT-SANTE", "Santé"),
        ("GT-EDU", "Éducation"),
        ("GT-EAU", "Eau et assainissement"),
    ):
        group = ThematicGroupPage(title=title, slug=acronym.lower(), acronym=acronym)
        index.add_child(instance=group)
        created.append(group)
    return created


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client

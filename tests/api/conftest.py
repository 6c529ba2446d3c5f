"""A small public site for the API tests, with secrets that must never come out of the API.

``build_site(size)`` builds ``size`` of each thing (groups, meetings, documents, images,
activities, editions), public and private side by side: a private page (view restriction), a
draft page, a private group (view restriction, like the training sandbox) with a meeting, a
draft meeting, a live meeting whose latest revision is an unpublished draft, an unlisted
document, a listed one in a group's private collection and one awaiting approval, an image in
a private collection, an unpublished activity, a focal point with an e-mail address and the
pages' and files' owner (a user account with an e-mail address). ``SECRETS`` are the strings
that appear only in those: no API response may contain any of them.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from accounts.factories import UserFactory
from groups.factories import (
    GroupIndexPageFactory,
    MeetingPageFactory,
    OrganisationFactory,
    TermsOfReferencePageFactory,
    ThematicGroupPageFactory,
    add_attendance,
    add_members,
)
from groups.models import GroupFocalPoint
from home.models import StandardPage
from iati_publisher.factories import ActivityFactory, ReportingOrganisationFactory
from library.factories import DocumentFactory, ReportEditionFactory, make_library_page

SECRETS = [
    "Page privée secrète",
    "Brouillon secret",
    "Document non listé secret",
    "Document privé secret",
    "Activité non publiée secrète",
    "point.focal@example.org",
    "Groupe privé secret",
    "Réunion du groupe privé secrète",
    "Réunion en brouillon secrète",
    "Révision non publiée secrète",
    "Document en attente secret",
    "Image privée secrète",
    "proprietaire-secret",
    "proprietaire.secret@example.org",
]


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def build_site(home, size=1, tag=""):
    """``size`` public objects of every kind (and the private ones next to them)."""
    index = GroupIndexPageFactory(parent=home, title=f"Groupes {tag}", slug=f"groupes{tag}")
    orgs = OrganisationFactory.create_batch(3)
    owner = UserFactory(username="proprietaire-secret", email="proprietaire.secret@example.org")
    groups, meetings, documents, activities, images = [], [], [], [], []
    org = ReportingOrganisationFactory(ref=f"XM-DAC-{tag or 0}")
    for n in range(size):
        group = ThematicGroupPageFactory(
            parent=index, title=f"Groupe {tag}{n}", acronym=f"G{tag}{n}", lead_partner=orgs[0]
        )
        add_members(group, orgs)
        GroupFocalPoint.objects.create(
            page=group,
            name=f"Point focal {n}",
            organisation=orgs[1],
            role="Chef de file",
            email="point.focal@example.org",
        )
        groups.append(group)
        for days in (-10, 10):
            meeting = MeetingPageFactory(
                parent=group, start=timezone.now() + datetime.timedelta(days=days)
            )
            add_attendance(meeting, orgs[:2])
            meetings.append(meeting)
        documents.append(DocumentFactory(title=f"Document public {tag}{n}", uploaded_by_user=owner))
        images.append(_image(f"Image publique {tag}{n}", group.get_collection(), owner))
        activities.append(ActivityFactory(reporting_org=org, title_fr=f"Activité {tag}{n}"))
        ReportEditionFactory(edition=f"{tag}{2000 + n}", document=documents[-1])
    group = groups[0]
    private_doc = DocumentFactory(
        title="Document privé secret", collection=group.get_private_collection()
    )
    TermsOfReferencePageFactory(parent=group, document=private_doc)
    DocumentFactory(title="Document non listé secret", is_listed=False)
    DocumentFactory(title="Document en attente secret", review_status="pending")
    _image("Image privée secrète", group.get_private_collection(), owner)
    # A live meeting whose latest revision is a draft: the API shows the published version.
    edited = meetings[0].specific
    edited.title = "Révision non publiée secrète"
    edited.save_revision(user=owner)
    MeetingPageFactory(parent=group, title="Réunion en brouillon secrète", live=False)
    hidden = ThematicGroupPageFactory(
        parent=index, title="Groupe privé secret", acronym=f"GPS{tag}", slug=f"prive{tag}"
    )
    PageViewRestriction.objects.create(
        page=hidden, restriction_type="password", password="mot-de-passe"
    )
    MeetingPageFactory(parent=hidden, title="Réunion du groupe privé secrète")
    private = StandardPage(title="Page privée secrète", slug=f"privee{tag}")
    home.add_child(instance=private)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    draft = StandardPage(title="Brouillon secret", slug=f"brouillon{tag}", live=False)
    home.add_child(instance=draft)
    ActivityFactory(reporting_org=org, title_fr="Activité non publiée secrète", live=False)
    return SimpleNamespace(
        index=index,
        groups=groups,
        meetings=meetings,
        documents=documents,
        activities=activities,
        images=images,
        hidden_group=hidden,
        private_doc=private_doc,
        orgs=orgs,
    )


def _image(title, collection, owner):
    image = get_image_model()(
        title=title, file=get_test_image_file(), collection=collection, uploaded_by_user=owner
    )
    image.save()
    return image


@pytest.fixture
def site(home_fr, home_en):
    make_library_page(home_fr)
    return build_site(home_fr, size=2)


@pytest.fixture
def api(client):
    """GET an API URL and return (response, decoded JSON)."""
    import json

    def get(url, **headers):
        response = client.get(url, **headers)
        body = response.content
        if response.get("Content-Encoding") == "gzip":
            import gzip

            body = gzip.decompress(body)
        return response, (json.loads(body) if body else None)

    return get

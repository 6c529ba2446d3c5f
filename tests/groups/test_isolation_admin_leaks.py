"""The isolation matrix, admin listings part: titles of pages, documents and images of another
group are never shown — bulk-action confirmation pages, reports, searches, choosers and
listings — to an editor or a moderator of group A; the Pool Technique's internal documents are
served to its group only. Counted: ROLES × ACTIONS × CONTENT TYPES (see ``test_matrix_size``)."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction

from accounts.roles import POOL_TECHNIQUE, role_group

from .test_isolation import make_group_pages

pytestmark = pytest.mark.django_db
SECRET = "SECRETB"
MARK = f"{SECRET} confidentiel"  # in every title; searches use SECRET alone (echoed)

PAGE_BULK = ["delete", "unpublish", "move", "publish"]
COLLECTION_BULK = ["delete", "add_tags", "add_to_collection"]
LISTINGS = [
    "/admin/",
    "/admin/pages/search/?q={q}",
    "/admin/documents/?q={q}",
    "/admin/images/?q={q}",
    "/admin/documents/chooser/results/?q={q}",
    "/admin/images/chooser/results/?q={q}",
    "/admin/choose-page/search/?q={q}",
    "/admin/api/main/pages/?search={q}",
    "/admin/reports/site-history/",
    "/admin/reports/aging-pages/",
    "/admin/reports/locked/",
    "/admin/reports/workflow/",
    "/admin/reports/workflow_tasks/",
    "/admin/reports/page-types-usage/",
    "/admin/reports/page-types-usage/results/",
    "/admin/workflows/tasks/index/",
]


@pytest.fixture
def b_content(gt_b, editor_b):
    pages = make_group_pages(gt_b)
    for page in pages:
        page = page.specific
        page.title = f"{MARK} {type(page).__name__}"
        revision = page.save_revision(user=editor_b, clean=False)
        assert revision.content["title"].startswith(MARK)
    access = gt_b.get_access()
    document = get_document_model()(title=f"{MARK} note", collection=access.private_collection)
    document.file.save("note.pdf", ContentFile(b"%PDF-1.4 x"), save=False)
    document.save()
    image = get_image_model()(
        title=f"{MARK} photo", file=get_test_image_file(), collection=access.private_collection
    )
    image.save()
    return {"pages": pages, "document": document, "image": image}


def leaked(body):
    return MARK in body


@pytest.fixture(params=["editor", "moderator"])
def group_a_user(request, editor_a, moderator_a):
    return editor_a if request.param == "editor" else moderator_a


def test_bulk_confirmation_pages_hide_other_groups_titles(client, group_a_user, b_content):
    client.force_login(group_a_user)
    for page in b_content["pages"]:
        for action in PAGE_BULK:
            response = client.get(f"/admin/bulk/wagtailcore/page/{action}/?id={page.pk}")
            assert not leaked(response.content.decode()), (action, type(page.specific).__name__)
    for kind, obj in (("document", b_content["document"]), ("image", b_content["image"])):
        app = "library"
        model = "customdocument" if kind == "document" else "customimage"
        for action in COLLECTION_BULK:
            response = client.get(f"/admin/bulk/{app}/{model}/{action}/?id={obj.pk}")
            assert not leaked(response.content.decode()), (kind, action)
            client.post(f"/admin/bulk/{app}/{model}/{action}/?id={obj.pk}", {"tags": "x"})
        assert type(obj).objects.filter(pk=obj.pk).exists()


def test_listings_and_reports_hide_other_groups_titles(client, group_a_user, b_content):
    client.force_login(group_a_user)
    for url in LISTINGS:
        response = client.get(url.format(q=SECRET), follow=True)
        assert response.status_code in (200, 403, 404), url
        assert not leaked(response.content.decode()), url


def test_own_group_still_sees_its_own(client, editor_b, b_content):
    client.force_login(editor_b)
    page = b_content["pages"][1]
    response = client.get(f"/admin/bulk/wagtailcore/page/delete/?id={page.pk}")
    assert MARK in response.content.decode()
    response = client.get(
        f"/admin/bulk/library/customdocument/add_tags/?id={b_content['document'].pk}"
    )
    assert MARK in response.content.decode()
    report = client.get("/admin/reports/page-types-usage/").content.decode()
    assert MARK in report


def test_pool_technique_internal_documents_are_for_its_group_only(client, editor_a, group_index):
    from library.demo import restrict_to_pool_technique

    internal = Collection.get_first_root_node().add_child(
        name="Documents internes du Pool Technique"
    )
    restrict_to_pool_technique(internal)
    restriction = CollectionViewRestriction.objects.get(collection=internal)
    assert restriction.restriction_type == CollectionViewRestriction.GROUPS
    document = get_document_model()(title="Note interne", collection=internal)
    document.file.save("interne.pdf", ContentFile(b"%PDF-1.4 interne"), save=False)
    document.save()
    url = f"/documents/{document.pk}/{document.filename}"
    client.force_login(editor_a)
    assert client.get(url).status_code in (302, 403)
    from accounts.factories import UserFactory

    pool = UserFactory(username="pool-doc")
    pool.groups.add(role_group(POOL_TECHNIQUE))
    client.force_login(pool)
    assert client.get(url).status_code == 200


def test_matrix_size():
    """Figures for the closing note: roles × actions × content types covered here and in
    ``test_isolation.py`` (16 page actions × 8 page types for an editor of A, plus these)."""
    roles = 2  # editor and moderator of group A
    page_types = 8
    actions = len(PAGE_BULK) * page_types + len(COLLECTION_BULK) * 2 + len(LISTINGS)
    assert roles * actions == 2 * (32 + 6 + 16)

"""Documents moderated like pages, through the admin HTTP endpoints, for every role:
a focal point's document waits for its group's moderators (or the Pool Technique); nobody
approves another group's documents; publishers publish directly."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Locale, ModelLogEntry

from groups.models import Organisation
from library.models import Audience, CustomDocument, DocumentLanguage, ReviewStatus
from library.pdf import make_pdf
from library.queries import visible_documents

pytestmark = pytest.mark.django_db


@pytest.fixture
def upload(client, django_capture_on_commit_callbacks):
    """Upload through the admin's add form; the e-mails sent after the commit go out."""

    def upload(group, organisation, title="Revue sectorielle santé 2026", **overrides):
        data = {
            "title": title,
            "collection": group.get_collection().pk,
            "file": SimpleUploadedFile("revue.pdf", make_pdf([title])),
            **metadata(organisation, **overrides),
        }
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("wagtaildocs:add"), data)
        assert response.status_code == 302, response.content.decode()[:3000]
        return CustomDocument.objects.get(title=title)

    return upload


@pytest.fixture
def organisation(db):
    return Organisation.objects.create(
        name="Fonds des Nations unies pour l'enfance",
        acronym="UNICEF",
        locale=Locale.objects.get(language_code="fr"),
    )


def metadata(organisation, **overrides):
    data = {
        "description": "Compte rendu de la revue sectorielle.",
        "document_type": "report",
        "publication_date": "2026-11-20",
        "issuing_organisations": [organisation.pk],
        "languages": [DocumentLanguage.objects.get(code="fr").pk],
        "audiences": [Audience.objects.get(code="partners").pk],
        "country_scope": "mali",
        "is_listed": "on",
        "tags": "",
    }
    data.update(overrides)
    return data


def denied(response):
    """Wagtail's admin answers a PermissionDenied with a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def is_public(document):
    return visible_documents(None).filter(pk=document.pk).exists()


def test_editor_upload_waits_for_the_moderators(
    upload, client, gt_a, editor_a, moderator_a, pool_user, organisation
):
    moderator_a.email = "moderateur@example.org"
    moderator_a.save()
    client.force_login(editor_a)
    form = client.get(reverse("wagtaildocs:add")).content.decode()
    assert "Demander l’affichage dans la bibliothèque publique" in form
    document = upload(gt_a, organisation)
    assert document.review_status == ReviewStatus.PENDING and document.is_listed
    assert document.submitted_at is not None
    assert not is_public(document)
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["moderateur@example.org", "pool@example.org"]
    assert "Document à approuver" in mail.outbox[0].subject
    assert "/admin/library/review/" in mail.outbox[0].body
    assert ModelLogEntry.objects.filter(action="library.document_submitted").exists()


def test_moderator_approves_with_confirmation_and_uploader_is_told(
    upload, client, gt_a, editor_a, moderator_a, organisation, home_fr
):
    editor_a.email = "editeur@example.org"
    editor_a.save()
    client.force_login(editor_a)
    document = upload(gt_a, organisation)
    mail.outbox.clear()

    client.force_login(moderator_a)
    queue = client.get(reverse("library_review_queue"))
    assert queue.status_code == 200
    assert document.title in queue.content.decode()
    response = client.post(
        reverse("library_review_approve", args=[document.pk]), {"comment": ""}, follow=True
    )
    assert "approuvé" in response.content.decode()  # the confirmation message
    document.refresh_from_db()
    assert document.review_status == ReviewStatus.APPROVED
    assert document.reviewed_by == moderator_a
    assert is_public(document)
    assert [m.to for m in mail.outbox] == [["editeur@example.org"]]
    assert "Document approuvé" in mail.outbox[0].subject
    assert document.title not in client.get(reverse("library_review_queue")).content.decode()


def test_reject_needs_a_comment_which_reaches_the_uploader(
    upload, client, gt_a, editor_a, moderator_a, organisation
):
    editor_a.email = "editeur@example.org"
    editor_a.save()
    client.force_login(editor_a)
    document = upload(gt_a, organisation)
    mail.outbox.clear()
    client.force_login(moderator_a)
    url = reverse("library_review_reject", args=[document.pk])
    response = client.post(url, {"comment": "  "}, follow=True)
    assert "Indiquez pourquoi" in response.content.decode()
    document.refresh_from_db()
    assert document.review_status == ReviewStatus.PENDING and not mail.outbox

    response = client.post(url, {"comment": "Il manque les annexes."}, follow=True)
    assert "rejeté" in response.content.decode()
    document.refresh_from_db()
    assert document.review_status == ReviewStatus.REJECTED and not is_public(document)
    assert "Il manque les annexes." in mail.outbox[0].body
    # The uploader sees the decision and the comment on the document's form.
    client.force_login(editor_a)
    form = client.get(reverse("wagtaildocs:edit", args=[document.pk])).content.decode()
    assert "Rejeté : Il manque les annexes." in form


def test_an_editor_changing_an_approved_document_sends_it_back(
    upload, client, gt_a, editor_a, moderator_a, organisation
):
    client.force_login(moderator_a)
    document = upload(gt_a, organisation)  # a moderator publishes directly
    assert document.review_status == ReviewStatus.APPROVED and is_public(document)

    client.force_login(editor_a)
    data = {
        "title": "Revue sectorielle santé 2026 (version corrigée)",
        "collection": document.collection_id,
        **metadata(organisation),
    }
    response = client.post(reverse("wagtaildocs:edit", args=[document.pk]), data)
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.review_status == ReviewStatus.PENDING and not is_public(document)


@pytest.mark.parametrize("who", ["pool", "superuser"])
def test_pool_technique_and_administrators_publish_directly(
    upload, client, gt_a, organisation, pool_user, superuser, who
):
    client.force_login(pool_user if who == "pool" else superuser)
    document = upload(gt_a, organisation)
    assert document.review_status == ReviewStatus.APPROVED and is_public(document)
    assert not mail.outbox


def test_pool_technique_approves_any_group(
    upload, client, gt_a, gt_b, editor_b, pool_user, organisation
):
    client.force_login(editor_b)
    document = upload(gt_b, organisation)
    client.force_login(pool_user)
    queue = client.get(reverse("library_review_queue")).content.decode()
    assert f'data-document="{document.pk}"' in queue
    client.post(reverse("library_review_approve", args=[document.pk]))
    document.refresh_from_db()
    assert document.review_status == ReviewStatus.APPROVED


def test_matrix_nobody_approves_another_groups_documents(
    upload, client, gt_a, gt_b, editor_a, moderator_a, editor_b, moderator_b, organisation
):
    """Isolation matrix, documents: every role of group A against group B's pending document."""
    client.force_login(editor_b)
    document = upload(gt_b, organisation)
    for user in (editor_a, moderator_a, editor_b):
        client.force_login(user)
        queue = client.get(reverse("library_review_queue"))
        if user == moderator_a:
            assert queue.status_code == 200
            assert f'data-document="{document.pk}"' not in queue.content.decode()
        else:
            assert denied(queue)  # editors approve nothing
        for name in ("library_review_approve", "library_review_reject"):
            response = client.post(reverse(name, args=[document.pk]), {"comment": "non"})
            assert denied(response), (user.username, name)
        document.refresh_from_db()
        assert document.review_status == ReviewStatus.PENDING
    # The queue's actions only accept POST.
    client.force_login(moderator_b)
    assert client.get(reverse("library_review_approve", args=[document.pk])).status_code == 405
    queue = client.get(reverse("library_review_queue")).content.decode()
    assert f'data-document="{document.pk}"' in queue


def test_editors_never_hold_the_approval_permission(gt_a, editor_a, moderator_a):
    from wagtail.models import GroupCollectionPermission

    from groups.permissions import document_publish_permission, provision_group
    from library.moderation import is_reviewer

    assert not is_reviewer(editor_a) and is_reviewer(moderator_a)
    # Drift repaired: approval given by hand to the editors is taken back.
    access = gt_a.get_access()
    GroupCollectionPermission.objects.create(
        group=access.editors,
        collection=access.collection,
        permission=document_publish_permission(),
    )
    changes = []
    provision_group(gt_a, changes)
    assert any("approval" in change for change in changes)
    assert not GroupCollectionPermission.objects.filter(
        group=access.editors, permission=document_publish_permission()
    ).exists()


def test_review_queue_query_count_is_constant(
    upload, client, gt_a, editor_a, moderator_a, organisation, django_assert_max_num_queries
):
    client.force_login(editor_a)
    for i in range(3):
        upload(gt_a, organisation, title=f"Document {i}")
    client.force_login(moderator_a)
    with django_assert_max_num_queries(20) as few:
        assert client.get(reverse("library_review_queue")).status_code == 200
        first = len(few)
    client.force_login(editor_a)
    for i in range(3, 12):
        upload(gt_a, organisation, title=f"Document {i}")
    client.force_login(moderator_a)
    with django_assert_max_num_queries(first):
        response = client.get(reverse("library_review_queue"))
    assert response.content.decode().count('class="review-row"') == 12

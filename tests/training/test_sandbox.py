"""The sandbox: reset idempotent and confined; trainees isolated from real groups through the
admin HTTP endpoints; a reset while a trainee edits leaves no orphan revision or lock."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.models import Page, Revision, TaskState, WorkflowState

from accounts.factories import UserFactory
from groups.factories import GroupIndexPageFactory, MeetingPageFactory, ThematicGroupPageFactory
from groups.models import GroupNewsPage
from training.models import LessonProgress
from training.sandbox import SandboxError, reset_sandbox, sandbox_pages, sandbox_root

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def real_group(home_fr, home_en):
    from home.demo import ensure_translation

    index = GroupIndexPageFactory(parent=home_fr)
    index.save_revision().publish()
    ensure_translation(index, "en", title="Thematic groups", slug="thematic-groups")
    gt = ThematicGroupPageFactory(parent=index, title="Santé", acronym="SANTE", slug="sante")
    gt.save_revision().publish()
    meeting = MeetingPageFactory(parent=gt, title="Réunion santé")
    meeting.save_revision().publish()
    return gt


def snapshot_outside():
    """Everything outside the sandbox that a reset must not touch."""
    inside = [p.path for p in sandbox_pages()]
    pages = sorted(
        (p.pk, p.path, p.title, p.live, p.latest_revision_id)
        for p in Page.objects.all()
        if not any(p.path.startswith(path) for path in inside)
    )
    users = sorted(
        (u.pk, u.username, u.password, u.is_active)
        for u in User.objects.filter(trainee_account__isnull=True)
    )
    return pages, users


def test_reset_creates_sandbox_and_trainees_idempotent_and_confined(real_group, superuser):
    first = reset_sandbox(3)
    assert [name for name, _ in first] == ["stagiaire-01", "stagiaire-02", "stagiaire-03"]
    root = sandbox_root()
    assert {p.locale.language_code for p in sandbox_pages()} == {"fr", "en"}
    children = sorted(Page.objects.child_of(root).values_list("slug", flat=True))
    assert len(children) == 4
    before = snapshot_outside()
    second = reset_sandbox(3)
    assert snapshot_outside() == before
    assert [p for _, p in second] != [p for _, p in first]  # new one-time passwords
    assert sorted(Page.objects.child_of(sandbox_root()).values_list("slug", flat=True)) == children
    assert Page.objects.descendant_of(sandbox_root("en")).count() == 4
    assert User.objects.filter(trainee_account__isnull=False, is_active=True).count() == 3
    reset_sandbox(1)  # fewer trainees: the others are deactivated
    assert list(
        User.objects.filter(trainee_account__isnull=False, is_active=True).values_list(
            "username", flat=True
        )
    ) == ["stagiaire-01"]
    assert snapshot_outside() == before


def test_sandbox_invisible_to_public(client, real_group):
    reset_sandbox(1)
    root = sandbox_root()
    assert client.get(root.url).status_code in (302, 403)
    index = client.get(real_group.get_parent().url).content.decode()
    assert "Santé" in index and "Bac à sable" not in index


def test_refuses_to_take_over_a_real_account(real_group):
    UserFactory(username="stagiaire-02")
    with pytest.raises(SandboxError):
        reset_sandbox(3)
    assert sandbox_root() is None  # nothing written


def test_command_prints_passwords_and_fails_clearly(real_group, capsys):
    call_command("reset_training_sandbox", "--trainees", "2")
    out = capsys.readouterr().out
    assert "stagiaire-01" in out and "stagiaire-02" in out
    user = User.objects.get(username="stagiaire-02")
    password = [line.split("\t")[1] for line in out.splitlines() if "stagiaire-02" in line][0]
    assert user.check_password(password.strip())


def test_reset_while_trainee_edits_leaves_no_orphan_revision_or_lock(client, real_group):
    reset_sandbox(1)
    trainee = User.objects.get(username="stagiaire-01")
    page = Page.objects.child_of(sandbox_root()).first().specific
    client.force_login(trainee)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    assert client.post(f"/admin/pages/{page.pk}/lock/").status_code in (200, 302)
    page.refresh_from_db()
    assert page.locked and page.locked_by == trainee
    page.title = "Brouillon du stagiaire"
    page.save_revision(user=trainee)
    sandbox_ids = [str(p.pk) for p in Page.objects.descendant_of(sandbox_root())]
    # A document uploaded by the trainee in the sandbox collection.
    access = sandbox_root().get_access()
    document = get_document_model()(title="Exercice", collection=access.collection)
    document.file.save("exercice.pdf", ContentFile(b"%PDF-1.4 exercice"), save=False)
    document.save()
    LessonProgress.objects.create(user=trainee, module_key=page.translation_key, lesson_id="x")

    # The news item is submitted for moderation by the trainee (a workflow and a task state).
    news = Page.objects.child_of(sandbox_root()).type(GroupNewsPage).first().specific
    news.save_revision(user=trainee)
    news.get_workflow().start(news, trainee)
    assert WorkflowState.objects.filter(object_id=str(news.pk)).exists()
    edit_form = {"title": "Envoyé après la réinitialisation", "slug": page.slug}

    reset_sandbox(1)
    # The trainee's edit screen, still open, is sent after the reset: refused, nothing created.
    assert client.post(f"/admin/pages/{page.pk}/edit/", edit_form).status_code in (302, 404)
    assert not Page.objects.filter(title="Envoyé après la réinitialisation").exists()
    assert not Revision.page_revisions.filter(object_id__in=sandbox_ids).exists()
    assert not WorkflowState.objects.filter(object_id__in=sandbox_ids).exists()
    assert not TaskState.objects.filter(revision__object_id__in=sandbox_ids).exists()
    assert not Page.objects.filter(locked=True).exists()
    assert not get_document_model().objects.filter(collection=access.collection).exists()
    assert not LessonProgress.objects.filter(user=trainee).exists()
    root = sandbox_root()
    assert root._revisions.count() == 1 and not root.has_unpublished_changes


def test_trainee_isolation_through_admin(client, real_group):
    reset_sandbox(1)
    trainee = User.objects.get(username="stagiaire-01")
    client.force_login(trainee)
    real_pages = [real_group, *Page.objects.child_of(real_group)]
    for page in real_pages:
        for url in (
            f"/admin/pages/{page.pk}/edit/",
            f"/admin/pages/{page.pk}/add_subpage/",
            f"/admin/pages/{page.pk}/delete/",
            f"/admin/pages/{page.pk}/move/",
            f"/admin/pages/{page.pk}/history/",
        ):
            assert client.get(url).status_code in (302, 403, 404), url
        client.post(f"/admin/pages/{page.pk}/edit/", {"title": "piraté", "slug": page.slug})
        assert Page.objects.get(pk=page.pk).title == page.title
    explorer = client.get(f"/admin/pages/{real_group.get_parent().pk}/").content.decode()
    assert "Bac à sable" in explorer and "Santé" not in explorer
    chooser = client.get("/admin/choose-page/?q=Santé").content.decode()
    assert "Réunion santé" not in chooser
    real_collection = real_group.get_access().collection
    document = get_document_model()(title="Note interne santé", collection=real_collection)
    document.file.save("note.pdf", ContentFile(b"%PDF-1.4 note"), save=False)
    document.save()
    assert client.get(f"/admin/documents/edit/{document.pk}/").status_code in (302, 403, 404)
    assert "Note interne santé" not in client.get("/admin/documents/").content.decode()
    assert client.get("/admin/users/").status_code in (302, 403)
    assert client.get("/admin/training/sandbox/").status_code in (302, 403)
    # Positive control: the trainee edits the sandbox.
    own = Page.objects.child_of(sandbox_root()).first()
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200


def test_trainer_resets_from_the_admin_button(client, trainer, real_group):
    client.force_login(trainer)
    assert client.get("/admin/training/sandbox/").status_code == 200
    response = client.post("/admin/training/sandbox/", {"trainees": "2"})
    body = response.content.decode()
    assert response.status_code == 200 and "stagiaire-02" in body
    assert "no-store" in response["Cache-Control"]
    assert client.post("/admin/training/sandbox/", {"trainees": "500"}).status_code == 200
    assert User.objects.filter(trainee_account__isnull=False, is_active=True).count() == 2
    # A trainer edits the sandbox pages (to check the trainees' work).
    page = Page.objects.child_of(sandbox_root()).first()
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200

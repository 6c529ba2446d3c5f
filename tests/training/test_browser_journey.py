"""Journey in Chromium: a trainee signs in to the sandbox, follows module 1 (edits the sandbox
page as its exercise asks, ticks every lesson) and the trainer sees the progress."""

import re

import pytest

from accounts.factories import UserFactory


def sign_in(page, base, username, password):
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_trainee_follows_module_one_and_trainer_sees_progress(browser, live_server, home_fr):
    from django.contrib.auth.models import Group

    from accounts.roles import TRAINERS, sync_roles
    from groups.factories import GroupIndexPageFactory
    from home.demo import english_home, ensure_translation
    from training.demo import ensure_index, ensure_modules
    from training.factories import SessionParticipantFactory, TrainingSessionPageFactory
    from training.models import LessonProgress
    from training.sandbox import reset_sandbox, sandbox_root

    english_home()
    sync_roles()
    index = GroupIndexPageFactory(parent=home_fr)
    index.save_revision().publish()
    ensure_translation(index, "en", title="Thematic groups", slug="thematic-groups")
    ((username, password),) = reset_sandbox(1)
    training = ensure_index()
    module = ensure_modules(training, images={})[0]
    session = TrainingSessionPageFactory(parent=training, title="Session de décembre")
    session.modules.add(module)
    session.save_revision().publish()
    from django.contrib.auth import get_user_model

    trainee = get_user_model().objects.get(username=username)
    SessionParticipantFactory(page=session, user=trainee, attendance="present")
    trainer = UserFactory(username="formatrice", password="formation-2026")
    trainer.groups.add(Group.objects.get(name=TRAINERS))
    base = live_server.url

    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    sign_in(page, base, username, password)
    assert module.title in page.content()  # "your next module" on the admin home
    # Lesson 3's exercise: edit the sandbox group's page and save a draft.
    sandbox = sandbox_root()
    page.goto(f"{base}/admin/pages/{sandbox.pk}/edit/")
    assert "Lire la leçon" in page.content()  # the help panel links to the lesson
    page.fill("#id_title", "Bac à sable — exercice du stagiaire")
    page.get_by_role("button", name=re.compile("Enregistrer le brouillon|Save draft")).first.click()
    page.wait_for_load_state("networkidle")
    sandbox.refresh_from_db()
    assert sandbox.has_unpublished_changes
    # Follow the module, ticking every lesson.
    page.goto(base + module.url)
    for _ in module.lesson_list():
        page.get_by_role(
            "button", name=re.compile("J’ai fait cette leçon|I have done this lesson")
        ).first.click()
        page.wait_for_load_state("networkidle")
    body = page.content()
    assert "Leçons faites : 3 sur 3" in body
    page.screenshot(path="test-results/training-trainee-module-1.png", full_page=True)
    assert LessonProgress.objects.filter(user=trainee).count() == 3
    context.close()

    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    sign_in(page, base, "formatrice", "formation-2026")
    page.goto(f"{base}/admin/training/progress/")
    row = page.locator("tr", has_text=username)
    assert "3/3" in row.inner_text()
    page.goto(base + session.url)
    assert "3/3" in page.locator("tr", has_text=username).inner_text()
    context.close()

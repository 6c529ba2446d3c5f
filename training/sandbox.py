"""The training sandbox: a "Bac à sable" GT invisible to the public and to real groups' editors,
wiped and rebuilt from a template, with N trainee accounts (editor rights in the sandbox only).

``reset_sandbox(trainees)`` (the ``reset_training_sandbox`` command and the trainers' admin
button) does, in one transaction:
1. makes sure the sandbox GT exists in every locale that has a group index, restricted to its
   own groups, the trainers and the Pool Technique (``PageViewRestriction``), provisioned like
   any group (``groups.permissions``: editors, moderators, collections, workflow);
2. deletes every page under it (their revisions, workflow states, comments and locks go with
   them), the sandbox GT's own drafts, workflows, comments and lock, and the documents and
   images of its collections; then recreates the template pages;
3. creates or updates the trainee accounts ``stagiaire-01…N`` with new one-time passwords, in
   the sandbox editors' group only; trainee accounts beyond N are deactivated; their progress
   is cleared (a new cohort starts from zero).

It never touches a page, document, image or user outside the sandbox: a username of the
series that belongs to a real account (no ``TraineeAccount``) is refused before anything is
written. Idempotent: re-running leaves the same pages and the same N accounts.
"""

import datetime
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, WorkflowState

from accounts.roles import POOL_TECHNIQUE, TRAINERS

SANDBOX_ACRONYM = "BAC-A-SABLE"
SANDBOX_SLUG = "bac-a-sable"
TRAINEE_PREFIX = "stagiaire-"
TITLES = {"fr": "Bac à sable (formation)", "en": "Sandbox (training)"}
MANDATE = {
    "fr": "<p>Espace d’entraînement des stagiaires. Tout ce qui est fait ici est effacé à "
    "chaque réinitialisation.</p>",
    "en": "<p>Practice space for trainees. Everything done here is wiped at each reset.</p>",
}


class SandboxError(ImproperlyConfigured):
    pass


def sandbox_root(language_code="fr"):
    from groups.models import ThematicGroupPage

    return (
        ThematicGroupPage.objects.filter(
            acronym=SANDBOX_ACRONYM, locale__language_code=language_code
        )
        .order_by("path")
        .first()
    )


def sandbox_pages():
    """The sandbox GT page in every locale (empty list if it does not exist)."""
    from groups.models import ThematicGroupPage

    return list(ThematicGroupPage.objects.filter(acronym=SANDBOX_ACRONYM).order_by("path"))


def editors_group():
    from groups.permissions import editors_name

    return Group.objects.get(name=editors_name(SANDBOX_ACRONYM))


def _restrict(page, access):
    restriction = PageViewRestriction.objects.filter(page=page).first()
    if restriction is None:
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
    restriction.restriction_type = PageViewRestriction.GROUPS
    restriction.save()
    restriction.groups.set(
        [
            access.editors,
            access.moderators,
            Group.objects.get(name=TRAINERS),
            Group.objects.get(name=POOL_TECHNIQUE),
        ]
    )


def ensure_sandbox():
    """The French sandbox GT (created with its translations when missing), provisioned."""
    from accounts.roles import sync_roles
    from groups.models import GroupIndexPage, ThematicGroupPage
    from groups.permissions import provision_group

    sync_roles()
    root = sandbox_root()
    if root is None:
        index = GroupIndexPage.objects.filter(locale__language_code="fr").first()
        if index is None:
            raise SandboxError(
                _("No thematic groups index in French: create it before the sandbox.")
            )
        root = ThematicGroupPage(
            title=TITLES["fr"], slug=SANDBOX_SLUG, acronym=SANDBOX_ACRONYM, mandate=MANDATE["fr"]
        )
        index.add_child(instance=root)
        root.save_revision().publish()
    for locale in Locale.objects.exclude(pk=root.locale_id):
        if not GroupIndexPage.objects.filter(locale=locale).exists():
            continue
        if not root.get_translations().filter(locale=locale).exists():
            translated = root.copy_for_translation(locale)
            code = locale.language_code
            translated.title = TITLES.get(code, TITLES["en"])
            translated.mandate = MANDATE.get(code, MANDATE["en"])
            translated.save_revision().publish()
    access = provision_group(root)
    for page in sandbox_pages():
        _restrict(page, access)
    from .permissions import provision_trainers

    provision_trainers()
    return ThematicGroupPage.objects.get(pk=root.pk)


def _template_specs(today):
    """[(model, fields in French, fields in English)] of the pages every reset recreates."""
    from groups.models import GroupNewsPage, MeetingPage, TermsOfReferencePage, WorkProgrammePage

    start = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=14), datetime.time(9, 30))
    )
    year = today.year
    return [
        (
            TermsOfReferencePage,
            {"title": "Termes de référence", "slug": "termes-de-reference"},
            {"title": "Terms of reference", "slug": "terms-of-reference"},
        ),
        (
            WorkProgrammePage,
            {"title": f"Programme de travail {year}", "slug": f"programme-{year}", "year": year},
            {"title": f"Work programme {year}", "slug": f"work-programme-{year}"},
        ),
        (
            MeetingPage,
            {
                "title": "Réunion d’exercice",
                "slug": "reunion-exercice",
                "start": start,
                "place": "Bamako, salle du Pool Technique",
            },
            {
                "title": "Practice meeting",
                "slug": "practice-meeting",
                "place": "Bamako, Pool Technique room",
            },
        ),
        (
            GroupNewsPage,
            {
                "title": "Actualité à modifier",
                "slug": "actualite-exercice",
                "summary": "Modifiez ce résumé puis soumettez la page à la modération.",
            },
            {
                "title": "News item to edit",
                "slug": "practice-news",
                "summary": "Edit this summary, then submit the page for moderation.",
            },
        ),
    ]


def _template_pages(root, translations):
    """Recreate the template pages under the French ``root`` and translate them."""
    pages = []
    for model, fields_fr, fields_en in _template_specs(timezone.localdate()):
        page = model(**fields_fr)
        root.add_child(instance=page)
        page.save_revision().publish()
        pages.append(page)
        for translated_root in translations:
            copy = page.copy_for_translation(translated_root.locale)
            for name, value in fields_en.items():
                setattr(copy, name, value)
            copy.save_revision().publish()
    return pages


def _wipe(root):
    """Delete everything under ``root`` and reset ``root`` itself to its template."""
    descendants = Page.objects.descendant_of(root)
    for page in descendants.order_by("-depth"):  # deepest first: treebeard-safe, one by one
        page.specific.delete()
    root = type(root).objects.get(pk=root.pk)
    WorkflowState.objects.for_instance(root).delete()
    root.wagtail_admin_comments.all().delete()
    code = root.locale.language_code
    root.title = TITLES.get(code, TITLES["en"])
    root.mandate = MANDATE.get(code, MANDATE["en"])
    root.locked, root.locked_by, root.locked_at = False, None, None
    root.has_unpublished_changes = False
    revision = root.save_revision()
    revision.publish()
    root._revisions.exclude(pk=revision.pk).delete()  # no draft of a trainee survives
    return type(root).objects.get(pk=root.pk)


def _wipe_collections(access):
    collections = [c for c in (access.collection, access.private_collection) if c is not None]
    for model in (get_document_model(), get_image_model()):
        for item in model.objects.filter(collection__in=collections):
            item.delete()  # deletes the file too (Wagtail's post_delete)


def _check_usernames(n):
    User = get_user_model()
    names = [f"{TRAINEE_PREFIX}{i:02d}" for i in range(1, n + 1)]
    clash = list(
        User.objects.filter(username__in=names, trainee_account__isnull=True).values_list(
            "username", flat=True
        )
    )
    if clash:
        raise SandboxError(
            _("These accounts exist and are not trainee accounts, nothing was changed: %(names)s")
            % {"names": ", ".join(sorted(clash))}
        )
    return names


def _trainees(names, editors):
    from .models import LessonProgress, TraineeAccount

    User = get_user_model()
    credentials = []
    for i, name in enumerate(names, start=1):
        password = secrets.token_urlsafe(9)
        user = User.objects.filter(username=name).first()
        if user is None:
            user = User(username=name)
        user.first_name = _("Trainee")
        user.last_name = f"{i:02d}"
        user.email = ""
        user.is_active, user.is_staff, user.is_superuser = True, False, False
        user.set_password(password)
        user.save()
        TraineeAccount.objects.update_or_create(user=user)
        user.groups.set([editors])
        user.user_permissions.clear()
        credentials.append((name, password))
    extra = User.objects.filter(trainee_account__isnull=False).exclude(username__in=names)
    for user in extra:
        user.groups.clear()
        user.is_active = False
        user.set_unusable_password()
        user.save()
    trainees = User.objects.filter(trainee_account__isnull=False)
    LessonProgress.objects.filter(user__in=trainees).delete()
    Page.objects.filter(locked_by__in=trainees).update(locked=False, locked_by=None, locked_at=None)
    return credentials


@transaction.atomic
def reset_sandbox(trainees=10):
    """Wipe and rebuild the sandbox, (re)create ``trainees`` accounts; return their passwords."""
    if trainees < 0 or trainees > 200:
        raise SandboxError(_("The number of trainees must be between 0 and 200."))
    names = _check_usernames(trainees)
    root = ensure_sandbox()
    access = root.get_access()
    roots = [_wipe(page) for page in sandbox_pages()]
    french = next(page for page in roots if page.pk == root.pk)
    _template_pages(french, [page for page in roots if page.pk != root.pk])
    _wipe_collections(access)
    return _trainees(names, access.editors)

"""Demo content of the training app (idempotent): the "Formation" section and its five modules
in French, translated into English through wagtail-localize; a past session with attendance and
evaluations; the ``formateur`` demo account; the sandbox with its practice pages.

Screenshots: lessons show the captures found in the "Formation" image collection (titled
``formation:<key>``), made from the running product by ``manage.py take_screenshots``
(``make screenshots``), which then calls ``attach_screenshots`` again.
"""

import datetime
import uuid

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.images import get_image_model

from accounts.demo import DEMO_PASSWORD
from accounts.roles import TRAINERS, role_group
from home.models import HomePage

from .demo_content import en as content_en
from .demo_content import fr as content_fr
from .localize import sync_translations, translate_page
from .models import (
    Attendance,
    Audience,
    Level,
    SessionParticipant,
    TrainingIndexPage,
    TrainingModulePage,
    TrainingSessionPage,
)

NAMESPACE = uuid.UUID("6f1c9b7e-8d2a-4c1b-9e55-5b7f0e0a7a11")
# number, level, audience, duration (minutes)
META = [
    (1, Level.BASIC, Audience.FOCAL_POINT, 45),
    (2, Level.BASIC, Audience.FOCAL_POINT, 60),
    (3, Level.BASIC, Audience.MODERATOR, 45),
    (4, Level.INTERMEDIATE, Audience.ADMINISTRATOR, 90),
    (5, Level.BASIC, Audience.FOCAL_POINT, 60),
]
INDEX_FR = {
    "title": "Formation",
    "slug": "formation",
    "intro": "<p>Des modules courts pour apprendre à faire vivre le portail de votre groupe : "
    "chaque leçon se pratique dans le bac à sable, chaque module a son support PDF.</p>",
}
INDEX_EN = {
    "title": "Training",
    "slug": "training",
    "intro": "<p>Short modules to learn how to keep your group's portal alive: every lesson "
    "is practised in the sandbox, every module has its PDF handout.</p>",
}


def screenshot_images(language="fr"):
    """{key: image} of the captures of ``language``'s admin in the "Formation" collection."""
    prefix = "formation:" if language == "fr" else f"formation:{language}:"
    found = {}
    for image in get_image_model().objects.filter(title__startswith=prefix):
        key = image.title[len(prefix) :]
        if ":" not in key:  # formation:en:… is not a French key
            found[key] = image
    return found


def translated_screenshots(french):
    """{language: {French capture pk: that language's capture pk}} for the translations."""
    overrides = {}
    for language in ("en",):
        images = screenshot_images(language)
        mapping = {french[key].pk: image.pk for key, image in images.items() if key in french}
        if mapping:
            overrides[language] = mapping
    return overrides


def lessons_value(number, spec, images):
    lessons = []
    for i, lesson in enumerate(spec["lessons"], start=1):
        lessons.append(
            {
                "type": "lesson",
                "id": str(uuid.uuid5(NAMESPACE, f"module-{number}-lesson-{i}")),
                "value": {
                    "title": lesson["title"],
                    "text": lesson["text"],
                    "exercise": lesson["exercise"],
                    # ListBlock items with stable ids (the block format), so wagtail-localize
                    # extracts each image as an overridable segment (English captures).
                    "screenshots": [
                        {
                            "type": "item",
                            "id": str(uuid.uuid5(NAMESPACE, f"module-{number}-lesson-{i}-{key}")),
                            "value": {"image": images[key].pk, "caption": caption},
                        }
                        for key, caption in lesson["shots"]
                        if key in images
                    ],
                },
            }
        )
    return lessons


def checklist_value(number, spec):
    return [
        {"type": "item", "value": item, "id": str(uuid.uuid5(NAMESPACE, f"m{number}-c{i}"))}
        for i, item in enumerate(spec["checklist"])
    ]


def module_fields(number, spec, images):
    return {
        "title": spec["title"],
        "slug": spec["slug"],
        "summary": spec["summary"],
        "objectives": spec["objectives"],
        "prerequisites": spec["prerequisites"],
        "lessons": lessons_value(number, spec, images),
        "checklist": checklist_value(number, spec),
    }


def ensure_index():
    home_fr = HomePage.objects.get(locale__language_code="fr")
    index = TrainingIndexPage.objects.filter(locale=home_fr.locale).first()
    if index is None:
        index = TrainingIndexPage(show_in_menus=True, **INDEX_FR)
        home_fr.add_child(instance=index)
        index.save_revision().publish()
    if not index.get_translations().exists():
        translate_page(index, TrainingIndexPage(**INDEX_EN), "en")
    return index


def ensure_modules(index, images=None):
    images = screenshot_images() if images is None else images
    modules = []
    for (number, level, audience, minutes), spec_fr, spec_en in zip(
        META, content_fr.MODULES, content_en.MODULES, strict=True
    ):
        page = TrainingModulePage.objects.child_of(index).filter(number=number).first()
        fields = module_fields(number, spec_fr, images)
        if page is None:
            page = TrainingModulePage(
                number=number, level=level, audience=audience, duration_minutes=minutes, **fields
            )
            index.add_child(instance=page)
            page.save_revision().publish()
        page = page.specific
        if not page.get_translations().exists():
            translate_page(page, TrainingModulePage(**module_fields(number, spec_en, images)), "en")
        modules.append(page)
    return modules


def _shots(items):
    """(id, image, caption) of ListBlock items, in the block format or the older plain one."""
    return [
        (
            item.get("id"),
            item.get("value", item).get("image"),
            item.get("value", item).get("caption"),
        )
        for item in items
    ]


def attach_screenshots(images=None):
    """Put the current captures into the demo modules' lessons, republish, sync translations.

    Only lessons whose screenshots list is empty or made of captures are touched: an image an
    editor chose by hand is kept."""
    images = screenshot_images() if images is None else images
    capture_ids = {image.pk for image in images.values()}
    overrides = translated_screenshots(images)
    changed = []
    for number, spec in enumerate(content_fr.MODULES, start=1):
        page = TrainingModulePage.objects.filter(locale__language_code="fr", number=number).first()
        if page is None:
            continue
        by_id = {b["id"]: b for b in lessons_value(number, spec, images)}
        raw = [dict(block) for block in page.lessons.raw_data]
        dirty = False
        for block in raw:
            wanted = by_id.get(block["id"])
            current = block["value"].get("screenshots") or []
            ours = all((shot.get("value", shot).get("image") in capture_ids) for shot in current)
            if wanted is None or not ours:
                continue
            new = wanted["value"]["screenshots"]
            if _shots(current) != _shots(new):
                block["value"]["screenshots"] = new
                dirty = True
        if dirty:
            page.lessons = raw
            page.save_revision().publish()
            changed.append(page)
        # English captures in the English translation (only saved when something changed).
        translated = sync_translations(page, image_overrides=overrides, changed=dirty)
        if translated and not dirty:
            changed.append(page)
    return changed


def ensure_trainer():
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username="formateur",
        defaults={
            "first_name": "Oumar",
            "last_name": "Sangaré",
            "email": "formateur@demo.ptf-mali.org",
            "organisation_name": "Pool Technique des PTF",
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    user.groups.add(role_group(TRAINERS))
    return user


def ensure_session(index, modules, trainer):
    if TrainingSessionPage.objects.child_of(index).exists():
        return
    start = timezone.make_aware(
        datetime.datetime.combine(
            timezone.localdate() - datetime.timedelta(days=20), datetime.time(9, 0)
        )
    )
    session = TrainingSessionPage(
        title="Session de formation des points focaux",
        slug="session-points-focaux",
        start=start,
        end=start + datetime.timedelta(hours=4),
        place="Bamako, salle de réunion du Pool Technique",
        trainer=trainer,
    )
    index.add_child(instance=session)
    session.modules.set(modules[:3])
    User = get_user_model()
    rows = [
        ("editeur-sante", Attendance.PRESENT, 5, "Très concret, merci pour le bac à sable."),
        ("editeur-education", Attendance.PRESENT, 4, "Prévoir plus de temps pour la modération."),
        ("moderateur-sante", Attendance.ABSENT, None, ""),
    ]
    for i, (username, attendance, score, comments) in enumerate(rows):
        user = User.objects.filter(username=username).first()
        if user is not None:
            session.participants.add(
                SessionParticipant(
                    user=user, attendance=attendance, score=score, comments=comments, sort_order=i
                )
            )
    session.save_revision().publish()


def build(command):
    from .sandbox import reset_sandbox, sandbox_root

    index = ensure_index()
    modules = ensure_modules(index)
    trainer = ensure_trainer()
    ensure_session(index, modules, trainer)
    if sandbox_root() is None:
        reset_sandbox(0)  # the practice pages; trainee accounts are created by the trainer

"""Screenshots of the running product for the training modules, taken by Playwright driving
Debian's Chromium (never a downloaded browser).

``SHOTS`` lists each capture: its key (the image is titled ``formation:<key>`` in the
"Formation" collection), the demo account it is taken as (``None``: anonymous), how to find the
URL in the current database, and an optional action before the capture (opening a menu).
``take_screenshots`` runs in three steps so that no ORM call happens while Playwright's event
loop runs: ``prepare`` (URLs and sign-in cookies), ``capture`` (the browser, PNG bytes) and
``store`` (images created or their file replaced, so pages that show them stay linked).
"""

import os
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.core.files.images import ImageFile
from django.urls import reverse

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1280, "height": 800}
# The admin draws its sidebar and initialises tabs in JavaScript after "networkidle": without
# waiting for it, a capture can show an empty form (seen on the IATI activity editor).
ADMIN_READY = ".sidebar-main-menu"
SETTLE_MS = 800
PREFIX = "formation:"


def _group(acronym="SANTE"):
    from groups.models import ThematicGroupPage

    return ThematicGroupPage.objects.filter(acronym=acronym, locale__language_code="fr").first()


def _child(model_name, acronym="SANTE"):
    from django.apps import apps

    group = _group(acronym)
    model = apps.get_model("groups", model_name)
    return model.objects.descendant_of(group).order_by("-pk").first() if group else None


def _edit(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk]) if page else None


def _first_activity():
    from iati_publisher.models import Activity

    activity = Activity.objects.order_by("pk").first()
    return (
        reverse("wagtailsnippets_iati_publisher_activity:edit", args=[activity.pk])
        if activity
        else None
    )


def _library(language="fr"):
    from library.models import LibraryPage

    page = LibraryPage.objects.filter(locale__language_code=language).live().first()
    return page.url if page else None


def _group_document(acronym="SANTE"):
    from wagtail.documents import get_document_model

    group = _group(acronym)
    access = group.get_access() if group else None
    document = (
        get_document_model().objects.filter(collection=access.collection).order_by("pk").first()
        if access
        else None
    )
    return reverse("wagtaildocs:edit", args=[document.pk]) if document else None


def _history(page):
    return reverse("wagtailadmin_pages:history", args=[page.pk]) if page else None


def _agenda(language="fr"):
    from groups.models import GroupIndexPage

    index = GroupIndexPage.objects.filter(locale__language_code=language).live().first()
    return index.url + "agenda/" if index else None


def _show_metadata(page):
    """Scroll the document form to its metadata (type, date, issuers, languages, groups)."""
    page.evaluate(
        "document.querySelector('[name=document_type]')"
        "?.closest('.w-field__wrapper, .w-field, div')?.scrollIntoView(); window.scrollBy(0, -90)"
    )
    page.wait_for_timeout(300)


def _open_actions(page):
    page.locator("[data-w-dropdown-target=toggle]").last.click()
    page.wait_for_timeout(300)


SHOTS = [
    {"key": "m1-login", "user": None, "url": lambda: reverse("wagtailadmin_login")},
    {
        "key": "m1-explorer",
        "user": "editeur-sante",
        "url": lambda: reverse("wagtailadmin_explore", args=[_group().get_parent().pk]),
    },
    {"key": "m1-edit", "user": "editeur-sante", "url": lambda: _edit(_group())},
    {"key": "m2-documents", "user": "editeur-sante", "url": lambda: reverse("wagtaildocs:index")},
    {
        "key": "m2-add-document",
        "user": "editeur-sante",
        "url": lambda: reverse("wagtaildocs:add_multiple"),
    },
    {
        "key": "m2-document-edit",
        "user": "editeur-sante",
        "url": _group_document,
        "action": _show_metadata,
    },
    {"key": "m2-library", "user": None, "url": _library, "public": True},
    {
        "key": "m3-submit",
        "user": "editeur-sante",
        "url": lambda: _edit(_child("GroupNewsPage")),
        "action": _open_actions,
    },
    {"key": "m3-review", "user": "moderateur-sante", "url": lambda: reverse("wagtailadmin_home")},
    {
        "key": "m3-history",
        "user": "editeur-sante",
        "url": lambda: _history(_child("GroupNewsPage")),
    },
    {
        "key": "m4-activities",
        "user": "admin",
        "url": lambda: reverse("wagtailsnippets_iati_publisher_activity:list"),
    },
    {"key": "m4-activity-edit", "user": "admin", "url": _first_activity},
    {"key": "m4-validation", "user": "admin", "url": lambda: reverse("iati_report:index")},
    {"key": "m5-members", "user": "moderateur-sante", "url": lambda: reverse("groups_membership")},
    {"key": "m5-agenda", "user": None, "url": _agenda, "public": True},
    {"key": "m5-meeting", "user": "editeur-sante", "url": lambda: _edit(_child("MeetingPage"))},
    {
        "key": "m5-workprogramme",
        "user": "editeur-sante",
        "url": lambda: _edit(_child("WorkProgrammePage")),
    },
]


def session_cookie(username):
    """A signed-in session for the demo account ``username`` (no password needed)."""
    user = get_user_model().objects.get(username=username)
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return store.session_key


def prepare(shots=None, only=None, language="fr"):
    """[(key, url path or None, cookie or None, action)] for the shots that can be taken
    (public pages in ``language``)."""
    plan = []
    cookies = {}
    for shot in shots or SHOTS:
        if only and shot["key"] not in only:
            continue
        try:
            url = shot["url"](language) if shot.get("public") else shot["url"]()
        except Exception:  # noqa: BLE001 - the demo object is missing: reported, not fatal
            url = None
        user = shot["user"]
        if user and user not in cookies:
            exists = get_user_model().objects.filter(username=user).exists()
            cookies[user] = session_cookie(user) if exists else None
        plan.append((shot["key"], url, cookies.get(user) if user else None, shot.get("action")))
    return plan


def capture(base_url, plan, language="fr"):
    """{key: PNG bytes} for each planned shot (no ORM call here)."""
    from urllib.parse import urlparse

    from playwright.sync_api import sync_playwright

    host = urlparse(base_url).hostname
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for key, url, cookie, action in plan:
                if url is None:
                    continue
                context = browser.new_context(viewport=VIEWPORT, locale=language)
                context.add_cookies(
                    [
                        {
                            "name": settings.LANGUAGE_COOKIE_NAME,
                            "value": language,
                            "domain": host,
                            "path": "/",
                        }
                    ]
                    + (
                        [
                            {
                                "name": settings.SESSION_COOKIE_NAME,
                                "value": cookie,
                                "domain": host,
                                "path": "/",
                            }
                        ]
                        if cookie
                        else []
                    )
                )
                page = context.new_page()
                page.goto(base_url.rstrip("/") + url, wait_until="networkidle")
                if cookie and url.startswith("/admin/"):
                    page.wait_for_selector(ADMIN_READY, timeout=15000)
                page.wait_for_timeout(SETTLE_MS)
                if action is not None:
                    action(page)
                results[key] = page.screenshot(type="png")
                context.close()
        finally:
            browser.close()
    return results


def image_title(key, language="fr"):
    """``formation:<key>`` for the French captures, ``formation:<language>:<key>`` otherwise."""
    return PREFIX + (key if language == "fr" else f"{language}:{key}")


def store(pngs, language="fr"):
    """Create or update the images ``image_title(key, language)`` in the "Formation" collection."""
    import io

    from wagtail.images import get_image_model

    from .permissions import training_collection

    Image = get_image_model()
    collection = training_collection()
    saved = {}
    for key, data in pngs.items():
        title = image_title(key, language)
        image = Image.objects.filter(title=title).first() or Image(
            title=title, collection=collection
        )
        if image.pk:
            image.renditions.all().delete()
            if image.file:
                image.file.delete(save=False)
        suffix = key if language == "fr" else f"{language}-{key}"
        image.file = ImageFile(io.BytesIO(data), name=f"formation-{suffix}.png")
        image._set_image_file_metadata()  # width, height, size and hash of the new file
        image.collection = collection
        image.save()
        saved[key] = image
    return saved

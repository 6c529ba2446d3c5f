"""The editing journeys of issue 14, driven in Chromium through the real admin (French).

Shared by ``tests/browser/test_editing_journeys.py`` (which asserts on them) and
``bench/bench_editing_clicks.py`` (which replays the same tests and prints the clicks per
task). Every journey runs in its own browser context whose requests go through ``Watch``: any
request to a host other than 127.0.0.1/localhost is aborted and recorded, failed requests
(network failure or status ≥ 400) and console errors are recorded too.

Clicks are counted by ``Clicks``: each ``click`` is one; picking a file is the click that opens
the system dialog plus one in it; a native ``<select>`` is two (open, choose). Typing (``fill``,
the keyboard) is not counted. Signing in is not part of a task.

Data: the shared fixtures (site root, the SANTE group, its editor and moderator) and the
project's factories; ``build_site`` adds what the journeys need (10 member organisations, one
focal point, UNICEF, the library page, the fixed lists that a transactional test's flush
removes). No SQL of its own beyond that set-up.
"""

import importlib
import json
import re
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

PASSWORD = "password"  # accounts.factories.UserFactory's
CONTEXT = {"locale": "fr-FR", "viewport": {"width": 1280, "height": 900}}
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
OUTPUT = Path(__file__).resolve().parents[2] / "test-results" / "editing"
CLICKS_FILE = OUTPUT / "clicks.json"
DOCUMENT_TITLE = "Revue sectorielle santé 2026"
ABSENT, EXCUSED = 0, 1  # rows of the meeting set to absent and excused (the others: present)


# --- Data --------------------------------------------------------------------------------------


def build_site(home_fr, group, editor, moderator):
    """The SANTE group with 10 member organisations (one with a focal point), UNICEF among the
    organisations, the public library; returns what the journeys need."""
    from groups.factories import OrganisationFactory, add_members
    from groups.models import GroupFocalPoint
    from library.factories import make_library_page

    # The audiences and languages are created by a migration, which a transactional test's
    # flush removes: seed them again the migration's way.
    seed = importlib.import_module("library.migrations.0003_seed_audiences_languages").seed
    from django.apps import apps

    seed(apps, None)
    members = [OrganisationFactory(name=f"Partenaire {i:02d}") for i in range(10)]
    add_members(group, members)
    GroupFocalPoint.objects.create(
        page=group, name="Awa Traoré", organisation=members[0], sort_order=0
    )
    unicef = OrganisationFactory(name="Fonds des Nations unies pour l’enfance", acronym="UNICEF")
    library = make_library_page(home_fr)
    return {
        "group": group,
        "editor": editor.username,
        "moderator": moderator.username,
        "members": members,
        "unicef": unicef,
        "library": library,
    }


# --- Browser helpers ---------------------------------------------------------------------------


class Watch:
    """Aborts and records every request leaving 127.0.0.1/localhost; records failed requests
    and console errors of every page of ``context``."""

    def __init__(self, context):
        self.blocked, self.failed, self.console = [], [], []
        context.route("**/*", self._route)
        context.on("page", self._page)
        for page in context.pages:
            self._page(page)

    def _route(self, route):
        url = route.request.url
        if urlsplit(url).hostname in LOCAL_HOSTS or url.startswith(("data:", "blob:")):
            return route.continue_()
        self.blocked.append(url)
        return route.abort()

    def _page(self, page):
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.console.append(f"pageerror: {error}"))
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)

    def _console(self, message):
        if message.type == "error":
            self.console.append(f"{message.text} ({message.location.get('url', '')})")

    def _request_failed(self, request):
        # net::ERR_ABORTED is the browser cancelling a request itself (the page navigated
        # away before the favicon or a prefetch arrived): nothing failed on the server or
        # the network. A refused, reset or timed-out request is still a failure, and an
        # error status is caught by _response.
        if request.url not in self.blocked and request.failure != "net::ERR_ABORTED":
            self.failed.append(f"{request.url}: {request.failure}")

    def _response(self, response):
        if response.status >= 400:
            self.failed.append(f"{response.url}: {response.status}")

    def problems(self):
        return {"blocked": self.blocked, "failed": self.failed, "console": self.console}


class Clicks:
    """Every click of a task goes through here (see the module docstring for what counts)."""

    def __init__(self, page):
        self.page = page
        self.count = 0
        self.log = []

    @staticmethod
    def _label(target):
        found = re.search(r"selector='(.*)'>$", str(target))
        return found.group(1) if found else str(target)

    def _locator(self, target):
        return self.page.locator(target) if isinstance(target, str) else target

    def click(self, target, **kwargs):
        self._locator(target).click(**kwargs)
        self.count += 1
        self.log.append(self._label(target))

    def pick_file(self, button, files):
        with self.page.expect_file_chooser() as chooser:
            self.click(button, force=True)
        chooser.value.set_files(files)
        self.count += 1  # the file, chosen in the system dialog
        self.log.append("file chosen in the dialog")

    def select(self, target, value):
        self._locator(target).select_option(value)
        self.count += 2  # open the list, choose
        self.log.append(f"select {value}")


def open_context(browser):
    context = browser.new_context(**CONTEXT)
    return context, Watch(context)


@contextmanager
def task(browser, base, username):
    """A signed-in user's task in its own watched context: ``(page, clicks)``; on
    exit the context is closed and nothing may have been blocked, failed or logged an error."""
    context, watch = open_context(browser)
    page = sign_in(context, base, username)
    yield page, Clicks(page)
    context.close()
    assert watch.problems() == {"blocked": [], "failed": [], "console": []}, watch.problems()


def sign_in(context, base, username):
    page = context.new_page()
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/")
    return page


def message(page):
    """The admin's confirmation messages, as shown."""
    messages = page.locator(".messages")
    messages.first.wait_for()
    return " ".join(messages.all_inner_texts())


def record(task, clicks, **extra):
    """Keep a task's clicks for the closing note (read by bench/bench_editing_clicks.py)."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    data = json.loads(CLICKS_FILE.read_text()) if CLICKS_FILE.exists() else {}
    data[task] = {"clicks": clicks.count, "log": clicks.log, **extra}
    CLICKS_FILE.write_text(json.dumps(data, indent=1, ensure_ascii=False))
    print(f"\n{task}: {clicks.count} clicks — {clicks.log}")
    return {"clicks": clicks.count, "log": clicks.log, **extra}


def anonymous(browser, base, paths):
    """``{path: (status, text)}`` as a visitor who is not signed in sees them (watched too)."""
    context, watch = open_context(browser)
    page = context.new_page()
    seen = {}
    for path in paths:
        response = page.goto(base + path)
        seen[path] = (response.status, response.text())
    context.close()
    assert watch.problems() == {"blocked": [], "failed": [], "console": []}, watch.problems()
    return seen


def public(browser, base, site, title):
    """Whether ``title`` is in the public library, on the group page and in the group's feed."""
    paths = {
        "library": site["library"].url,
        "group": site["group"].url,
        "feed": site["group"].url + "rss/",
    }
    seen = anonymous(browser, base, paths.values())
    assert all(status == 200 for status, _text in seen.values()), seen
    return {name: title in seen[path][1] for name, path in paths.items()}


# --- Journeys ----------------------------------------------------------------------------------


def open_main_screens(browser, base, site):
    """Journey 1: the editor's and the moderator's main screens, offline."""
    from groups.models import MeetingPage

    group = site["group"]
    context, watch = open_context(browser)
    page = sign_in(context, base, site["editor"])
    screens = []

    def visit(path, check):
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        check()
        screens.append(path)

    visit("/admin/", lambda: page.get_by_text(f"Mon groupe : {group.acronym}").wait_for())
    visit(f"/admin/pages/{group.pk}/", lambda: page.get_by_text("Santé").first.wait_for())
    visit(f"/admin/pages/{group.pk}/edit/", lambda: page.locator("#id_acronym").wait_for())
    page.goto(base + "/admin/")
    page.get_by_role("button", name="Ajouter une réunion").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    page.wait_for_load_state("networkidle")
    screens.append("new meeting")
    # The document chooser, from the meeting's "minutes" field.
    page.get_by_role("button", name="Choisir un document").click()
    page.locator(".modal-dialog").get_by_text("Choisir un document").first.wait_for()
    page.wait_for_load_state("networkidle")
    screens.append("document chooser")
    visit(
        "/admin/documents/multiple/add/",
        lambda: page.locator("#fileupload").wait_for(state="attached"),
    )
    visit("/admin/documents/add/", lambda: page.locator("#id_title").wait_for())
    # The organisation chooser, from the document's issuing organisations.
    page.get_by_role("button", name="Ajouter des organisations").click()
    page.locator(".modal-dialog").get_by_text("UNICEF").first.wait_for()
    page.wait_for_load_state("networkidle")
    screens.append("organisation chooser")
    visit("/admin/documents/", lambda: page.locator("main").wait_for())
    context.close()
    meeting = MeetingPage.objects.child_of(group).get()
    meeting.get_workflow().start(meeting, meeting.owner)  # something for the moderator to see

    context, moderator_watch = open_context(browser)
    page = sign_in(context, base, site["moderator"])
    visit("/admin/", lambda: page.get_by_text("En attente de votre vérification").wait_for())
    truncated = sidebar_labels_cut(page)
    visit(
        "/admin/library/review/", lambda: page.get_by_text("Documents à approuver").first.wait_for()
    )
    visit(f"/admin/pages/{meeting.pk}/edit/", lambda: page.locator("#id_title").wait_for())
    context.close()
    problems = watch.problems()
    for key, values in moderator_watch.problems().items():
        problems[key] += values
    return {"screens": len(screens), "truncated": truncated, **problems}


def sidebar_labels_cut(page):
    """The admin sidebar's menu labels that the expanded sidebar cuts with an ellipsis (the
    issue found "Membres de mes g…"): a label whose text is wider than its box."""
    page.locator("[data-wagtail-sidebar] .menuitem-label").first.wait_for()
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-wagtail-sidebar] .menuitem-label')]
            .filter((el) => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
            .map((el) => el.textContent.trim())"""
    )


def submit_for_moderation(page, clicks):
    """The editor's action menu: "Plus d'actions", then "Soumettre à … Modération"."""
    clicks.click(page.get_by_role("button", name="Plus d'actions"))
    clicks.click(page.get_by_role("button", name=re.compile(r"^Soumettre")))
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    return message(page)


def record_meeting(browser, base, site):
    """Journey 2: the focal point records a 10-member meeting and submits it."""
    with task(browser, base, site["editor"]) as (page, clicks):
        clicks.click(page.get_by_role("button", name="Ajouter une réunion"))
        page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
        page.fill("#id_place", "Ministère de la Santé, Bamako")
        clicks.click(f"input[name='attendances-{ABSENT}-status'][value='absent']")
        clicks.click(f"input[name='attendances-{EXCUSED}-status'][value='excused']")
        shown = submit_for_moderation(page, clicks)
    return record("meeting (10 members), recorded and submitted", clicks, message=shown)


def approve_meeting(browser, base, site):
    """Journey 3: the moderator approves the meeting from the admin home."""
    from groups.models import MeetingPage

    meeting = MeetingPage.objects.child_of(site["group"]).get()
    with task(browser, base, site["moderator"]) as (page, clicks):
        row = page.locator("tr", has_text=meeting.title).last
        clicks.click(row.locator("[data-w-dropdown-target=toggle]"))
        clicks.click(row.get_by_role("button", name="Approuver", exact=True))
        page.wait_for_load_state("networkidle")
        shown = message(page)
    status = anonymous(browser, base, [meeting.url])[meeting.url][0]
    return record("approve (a meeting)", clicks, message=shown, public_status=status)


def upload_document(browser, base, site):
    """Journey 4a: the focal point uploads a document with its metadata, asks for the library."""
    from library.pdf import make_pdf

    pdf = {"name": "revue.pdf", "mimeType": "application/pdf", "buffer": make_pdf([DOCUMENT_TITLE])}
    with task(browser, base, site["editor"]) as (page, clicks):
        clicks.click(page.get_by_role("link", name="Déposer un document"))
        # The button's transparent file input lies over it (Wagtail's): Playwright's check that
        # the button itself receives the click is skipped, the click lands where a user's would.
        button = page.get_by_role("button", name="Ou choisissez depuis votre ordinateur")
        clicks.pick_file(button, pdf)
        form = page.locator("#upload-list li form")
        form.wait_for()
        form.locator("[name$='-title']").fill(DOCUMENT_TITLE)
        form.locator("[name$='-description']").fill("Compte rendu de la revue sectorielle.")
        clicks.select(form.locator("[name$='-document_type']"), "report")
        form.locator("[name$='-publication_date']").fill("2026-11-20")
        clicks.click(form.get_by_role("button", name="Ajouter des organisations"))
        modal = page.locator(".modal-dialog")
        modal.locator("input[name=q]").fill("unicef")
        result = modal.locator("tr", has_text="UNICEF")
        result.wait_for()
        clicks.click(result.locator("input[type=checkbox]"))
        clicks.click(modal.get_by_role("button", name="Confirmer la sélection"))
        form.get_by_text("UNICEF").wait_for()
        clicks.click(form.get_by_label("Français"))
        clicks.click(form.get_by_label("Partenaires techniques et financiers"))
        clicks.click(form.get_by_label("Santé"))
        clicks.click(form.get_by_label("Demander l’affichage dans la bibliothèque publique"))
        clicks.click(form.get_by_role("button", name="Mettre à jour"))
        page.locator(".messages", has_text="Document mis à jour.").wait_for()
        found = public(browser, base, site, DOCUMENT_TITLE)
    return record("upload a document with metadata", clicks, public=found)


def approve_document(browser, base, site):
    """Journey 4b: the moderator approves it in the documents queue."""
    with task(browser, base, site["moderator"]) as (page, clicks):
        clicks.click(page.get_by_role("link", name="Documents à approuver").last)
        row = page.locator("tr.review-row", has_text=DOCUMENT_TITLE)
        clicks.click(row.get_by_role("button", name="Approuver"))
        page.wait_for_load_state("networkidle")
        shown = message(page)
        found = public(browser, base, site, DOCUMENT_TITLE)
    return record("approve (a document)", clicks, message=shown, public=found)


def edit_group_page(browser, base, site):
    """The focal point edits the group page and submits it (clicks for the closing note)."""
    with task(browser, base, site["editor"]) as (page, clicks):
        clicks.click(page.get_by_role("link", name="Modifier la page du groupe"))
        page.fill("#id_dac_sector_codes", "12220, 12240")
        shown = submit_for_moderation(page, clicks)
    return record("edit the group page and submit", clicks, message=shown)

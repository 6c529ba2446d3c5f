"""Benchmark and HTTP audit of the accounts and security work (issue 9), production settings.

Prints:
1. the lockout on the three login forms: the status of 5 wrong passwords then the right one,
   the right one from another address, the CPU of one refused attempt before and after the
   lock (real password hasher), and when the lock ends (attempt times shifted back);
2. the Content-Security-Policy and the other security headers of a public and an admin page;
3. a sweep of the "Broken" list of the issue, each one replayed through HTTP with the demo
   accounts (expected answer / answer seen).

Needs the demo data in the database (``make demo`` or ``manage.py load_demo_data``); it writes a
few throwaway rows (a user, lockout attempts, a news page) and removes them.
The only departure from production: static files without the manifest (no collectstatic).

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/ptf_accounts \
       REDIS_URL=redis://127.0.0.1:6379/5 .venv/bin/python bench/bench_accounts.py
"""

import datetime
import io
import os
import resource
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
os.environ.setdefault("SECRET_KEY", "bench-" + "k" * 60)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

LOGIN_FORMS = ["/admin/login/", "/django-admin/login/", "/fr/_util/login/"]
PASSWORD = "bench-Mot-de-passe-2026"


def setup():
    import django

    django.setup()
    from django.test.utils import override_settings, setup_test_environment

    setup_test_environment()  # the test client's response.context; e-mails kept in memory
    override_settings(
        STORAGES={
            **__import__("django.conf").conf.settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        ALLOWED_HOSTS=["testserver"],
    ).enable()


def client():
    from django.test import Client

    # as behind nginx: production redirects plain HTTP to HTTPS
    return Client(HTTP_X_FORWARDED_PROTO="https")


def post_login(c, url, username, password, ip):
    return c.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)


def cpu_of(func, repeat):
    started = time.process_time()
    wall = time.perf_counter()
    for _ in range(repeat):
        result = func()
    return (time.process_time() - started) / repeat, (time.perf_counter() - wall) / repeat, result


def lock_one_form(url, user):
    from axes.models import AccessAttempt

    from accounts.security import reset_address_failures

    AccessAttempt.objects.filter(username=user.username).delete()
    reset_address_failures("10.1.1.1")  # each form measured from a clean address
    c = client()
    codes = []

    def wrong():
        codes.append(post_login(c, url, user.username, "faux", "10.1.1.1").status_code)

    cpu_before, wall_before, _ = cpu_of(wrong, 4)
    wrong()
    right = post_login(c, url, user.username, PASSWORD, "10.1.1.1")
    cpu_after, wall_after, _ = cpu_of(wrong, 10)
    other = post_login(client(), url, user.username, PASSWORD, "10.1.1.2")
    print(f"{url:24} 5 wrong: {codes[:5]}  right one: {right.status_code}  "
          f"from another address: {other.status_code}")  # fmt: skip
    print(f"{'':24} CPU per refused attempt: {cpu_before * 1000:.0f} ms before the lock "
          f"(wall {wall_before * 1000:.0f} ms), {cpu_after * 1000:.1f} ms once locked "
          f"(wall {wall_after * 1000:.1f} ms)")  # fmt: skip


def lockout():
    from axes.models import AccessAttempt
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    print("== 1. Lockout (django-axes)")
    print(f"hasher: {settings.PASSWORD_HASHERS[0].rsplit('.', 1)[-1]}, limit "
          f"{settings.AXES_FAILURE_LIMIT}, cool-off {settings.AXES_COOLOFF_TIME}, "
          f"parameters {settings.AXES_LOCKOUT_PARAMETERS}")  # fmt: skip
    User = get_user_model()
    user = User.objects.filter(username="bench-lockout").first() or User(username="bench-lockout")
    user.is_staff = True
    user.set_password(PASSWORD)
    user.save()
    try:
        for url in LOGIN_FORMS:
            lock_one_form(url, user)
        # When does the lock end? Shift the stored attempts back instead of waiting.
        url = LOGIN_FORMS[0]
        AccessAttempt.objects.filter(username=user.username).delete()
        from accounts.security import reset_address_failures

        reset_address_failures("10.1.1.1")
        c = client()
        for _ in range(5):
            post_login(c, url, user.username, "faux", "10.1.1.1")
        locked_at = timezone.now()
        for minutes, seconds in ((14, 50), (15, 10)):
            delta = datetime.timedelta(minutes=minutes, seconds=seconds)
            AccessAttempt.objects.filter(username=user.username).update(
                attempt_time=locked_at - delta
            )
            status = post_login(client(), url, user.username, PASSWORD, "10.1.1.1").status_code
            print(f"right password {minutes} min {seconds} s after the lock: {status}")
        # An attacker who changes the username at every try: counted per address.
        limit = settings.LOGIN_FAILURES_PER_ADDRESS
        statuses = []

        def spray():
            name = f"nobody-{time.time_ns()}"
            statuses.append(post_login(client(), url, name, "x", "10.1.1.9").status_code)

        cpu_unknown, _wall, _ = cpu_of(spray, limit)
        cpu_blocked, _wall, _ = cpu_of(spray, 10)
        print(f"new username at every try from one address: {limit} tries at "
              f"{cpu_unknown * 1000:.0f} ms CPU each ({sorted(set(statuses[:limit]))}), then "
              f"{sorted(set(statuses[limit:]))} at {cpu_blocked * 1000:.1f} ms")  # fmt: skip
    finally:
        AccessAttempt.objects.filter(username__startswith="nobody-").delete()
        from accounts.security import reset_address_failures

        for address in ("10.1.1.1", "10.1.1.2", "10.1.1.9"):
            reset_address_failures(address)
        AccessAttempt.objects.filter(username=user.username).delete()
        user.delete()


def headers():
    print("\n== 2. Security headers")
    from django.contrib.auth import get_user_model

    c = client()
    for url in ("/fr/", "/admin/login/"):
        response = c.get(url)
        print(f"{url} -> {response.status_code}")
        for name in (
            "Content-Security-Policy",
            "Permissions-Policy",
            "Referrer-Policy",
            "X-Content-Type-Options",
            "Strict-Transport-Security",
            "Cross-Origin-Opener-Policy",
            "X-Frame-Options",
        ):
            print(f"  {name}: {response.get(name, '—')}")
    admin = get_user_model().objects.get(username="admin")
    c.force_login(admin)
    print(f"/admin/ (signed in) CSP: {c.get('/admin/').get('Content-Security-Policy')}")


def zip_bomb(size=1024 * 1024 * 1024):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b" " * (1024 * 1024)
            for _ in range(size // len(chunk)):
                member.write(chunk)
    return buffer.getvalue()


def docm_renamed():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types>macroEnabled</Types>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0")
    return buffer.getvalue()


class Sweep:
    def __init__(self):
        self.rows = []

    def check(self, what, ok, seen):
        self.rows.append((what, ok))
        print(f"[{'ok' if ok else 'FAIL'}] {what}: {seen}")


def upload(c, name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.models import Collection

    from groups.models import GroupAccess

    access = GroupAccess.objects.exclude(private_collection=None).first()
    collection = access.private_collection if access else Collection.get_first_root_node()
    return c.post(
        "/admin/documents/add/",
        {
            "title": "Bench",
            "file": SimpleUploadedFile(name, data),
            "collection": collection.pk,
            "country_scope": "mali",
        },
    )


def file_errors(response):
    context = getattr(response, "context", None)
    form = context.get("form") if context else None
    return list(form.errors.get("file", [])) if form is not None else []


def sweep():  # noqa: C901, PLR0915 — one replay per bullet, in the issue's order
    from django.contrib.auth import get_user_model
    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction, Page

    from accounts.roles import POOL_TECHNIQUE

    print("\n== 3. The issue's 'Broken' list, replayed through HTTP (demo accounts)")
    s = Sweep()
    users = {u.username: u for u in get_user_model().objects.all()}

    def signed(username):
        c = client()
        c.force_login(users[username])
        return c

    # Titles leaking across groups: an EDU editor asks for SANTE's pages, documents, images.
    edu = signed("editeur-education")
    sante_root = Page.objects.filter(slug="sante", locale__language_code="fr").first()
    page = sante_root.get_descendants().order_by("-latest_revision_created_at").first()
    assert edu.get("/admin/").status_code == 200
    for action in ("delete", "unpublish", "move"):
        body = edu.get(f"/admin/bulk/wagtailcore/page/{action}/?id={page.pk}")
        s.check(f"page bulk {action} of another group's page", page.draft_title
                not in body.content.decode(), body.status_code)  # fmt: skip
    from groups.models import GroupAccess

    sante_access = GroupAccess.objects.filter(acronym="SANTE").first()
    Document = get_document_model()
    private_doc = Document.objects.filter(collection=sante_access.private_collection).first()
    if private_doc is not None:
        for action in ("delete", "add_tags", "add_to_collection"):
            body = edu.get(f"/admin/bulk/library/customdocument/{action}/?id={private_doc.pk}")
            s.check(f"document bulk {action} of a private document", private_doc.title
                    not in body.content.decode(), body.status_code)  # fmt: skip
    report = edu.get("/admin/reports/page-types-usage/")
    s.check("page-types-usage report", page.draft_title not in report.content.decode(),
            report.status_code)  # fmt: skip

    # Pool Technique internal documents.
    internal = Collection.objects.filter(name="Documents internes du Pool Technique").first()
    restriction = CollectionViewRestriction.objects.filter(collection=internal).first()
    s.check("internal collection restricted to groups", restriction is not None
            and list(restriction.groups.values_list("name", flat=True)) == [POOL_TECHNIQUE],
            restriction and restriction.restriction_type)  # fmt: skip
    doc = Document.objects.filter(collection=internal).first()
    if doc is not None:
        url = f"/documents/{doc.pk}/{doc.filename}"
        editor = signed("editeur-sante").get(url)
        pool = signed("pool-technique").get(url)
        s.check("internal document: SANTE editor refused", editor.status_code in (302, 403),
                editor.status_code)  # fmt: skip
        s.check("internal document: Pool Technique served, Cache-Control private",
                pool.status_code == 200 and "private" in pool.get("Cache-Control", ""),
                f"{pool.status_code} {pool.get('Cache-Control')}")  # fmt: skip

    # A vertical tab in a news title: the feeds still answer.
    from home.models import NewsIndexPage, NewsPage

    news_index = NewsIndexPage.objects.filter(locale__language_code="fr").first()
    news = NewsPage(title="Ligne\x0bsuivante bench", slug="bench-vt", summary="Résumé\x0b")
    news_index.add_child(instance=news)
    news.save_revision().publish()
    try:
        type(news).objects.filter(pk=news.pk).update(title="Ligne\x0bbrute")  # bypass save()
        for url in ("/fr/feeds/news.rss", "/fr/feeds/news.atom"):
            response = client().get(url)
            s.check(f"vertical tab in a news title, {url}", response.status_code == 200,
                    response.status_code)  # fmt: skip
    finally:
        news.delete()

    # NUL bytes.
    for url in (
        "/fr/search/?q=%00",
        "/fr/bibliotheque/?tag=%00",
        "/iati/XM%00DAC/activities.xml",
        "/fr/search%00/",
    ):
        status = client().get(url).status_code
        s.check(f"NUL in {url}", status in (400, 404), status)
    status = signed("admin").get("/admin/api/main/pages/?search=%00").status_code
    s.check("NUL in /admin/api/main/pages/?search=", status == 400, status)

    # DOCTYPE / external entity in an IATI upload.
    from django.core.files.uploadedfile import SimpleUploadedFile

    xxe = b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><iati-activities>&e;' \
          b"</iati-activities>"  # fmt: skip
    response = signed("admin").post(
        "/admin/iati-import/", {"kind": "xml", "file": SimpleUploadedFile("x.xml", xxe)}
    )
    body = response.content.decode()
    s.check("XXE IATI upload", response.status_code == 200 and "DOCTYPE" in body
            and "root:" not in body, response.status_code)  # fmt: skip

    # Uploads by a group editor: the zip bomb, a renamed .docm, HTML with an early %PDF-.
    editor = signed("editeur-sante")
    bomb = zip_bomb()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    response = upload(editor, "rapport.docx", bomb)
    elapsed = time.perf_counter() - started
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    errors = file_errors(response)
    s.check(f"{len(bomb) // 1024} KB zip bomb (1 GB inflated) .docx", len(errors) == 1,
            f"{elapsed:.2f} s, peak RSS +{grown // 1024} MB, {errors}")  # fmt: skip
    for name, data in (
        ("rapport.docx", docm_renamed()),
        ("rapport.pdf", b"<!-- %PDF-1.4 --><html><script>alert(1)</script></html>"),
    ):
        errors = file_errors(upload(editor, name, data))
        s.check(f"{name} refusal in one sentence", len(errors) == 1 and "« »" not in errors[0],
                errors)  # fmt: skip

    # Front-end login without next; invitations.
    c = client()
    person = get_user_model().objects.create_user("bench-visiteur", password=PASSWORD)
    try:
        response = c.post("/fr/_util/login/", {"username": person.username, "password": PASSWORD})
        landed = c.get(response["Location"], follow=True).status_code
        s.check("front-end login without next", landed == 200,
                f"{response.status_code} -> {response['Location']} -> {landed}")  # fmt: skip
    finally:
        person.delete()
    status = signed("admin").get("/admin/invitations/add/").status_code
    s.check("invitation form for an administrator", status == 200, status)
    failed = [what for what, ok in s.rows if not ok]
    print(f"\n{len(s.rows) - len(failed)}/{len(s.rows)} replays as expected; failed: {failed}")


if __name__ == "__main__":
    setup()
    lockout()
    headers()
    sweep()

"""Benchmark of the training app (not run by the tests).

Prints, on its own SQLite file under var/:
1. the sandbox reset time with 20 trainees (three runs), against a reference measured in the
   same run: hashing 20 passwords alone (the floor of creating 20 accounts);
2. the handout generation time per demo module (French and English), against a reference: a
   one-paragraph PDF through the same ``home.pdf`` (WeasyPrint's fixed cost);
3. the SQL queries of a module page (2 and 40 lessons) and of a session page (3 and 60
   participants, public and trainer): the counts must not change with the size.

Run: .venv/bin/python bench/bench_training.py
     BENCH_DATABASE_URL=postgres://…/ptf_x .venv/bin/python bench/bench_training.py
(the second form measures an existing demo database — e.g. after ``make screenshots``, so the
handouts carry their screenshots — and rolls every change back at the end; handout files are
rewritten with the same content).
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
DB = ROOT / "var" / "bench_training.sqlite3"
# Count the queries of the page itself, not of the anonymous whole-page cache.
os.environ.setdefault("PAGE_CACHE_ENABLED", "0")


def setup():
    """True when the demo must be built (a fresh SQLite file), False on BENCH_DATABASE_URL."""
    existing = os.environ.get("BENCH_DATABASE_URL")
    if existing:
        os.environ["DATABASE_URL"] = existing
    else:
        DB.parent.mkdir(exist_ok=True)
        if DB.exists():
            DB.unlink()
        os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
    import django

    django.setup()
    if existing:
        return False
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return True


def count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def main():
    from django.db import transaction

    fresh = setup()
    print(f"database: {os.environ['DATABASE_URL'].split('@')[-1]}; load average: {os.getloadavg()}")
    with transaction.atomic():
        status = measure(fresh)
        transaction.set_rollback(True)  # nothing of the bench stays in the database
    return status


def measure(fresh):
    from django.contrib.auth.hashers import make_password
    from django.test import Client

    from accounts import demo as accounts_demo
    from groups.factories import GroupIndexPageFactory
    from home import demo as home_demo
    from home.demo import ensure_translation
    from home.models import HomePage
    from home.pdf import html_to_pdf
    from training import demo as training_demo
    from training.factories import (
        SessionParticipantFactory,
        TrainingModulePageFactory,
        TrainingSessionPageFactory,
        lessons_data,
    )
    from training.handouts import build_handout
    from training.models import TrainingIndexPage, TrainingModulePage
    from training.sandbox import reset_sandbox

    if fresh:
        accounts_demo.build(None)
        home_demo.build(None)
        home_fr = HomePage.objects.get(locale__language_code="fr")
        index = GroupIndexPageFactory(parent=home_fr)
        index.save_revision().publish()
        ensure_translation(index, "en", title="Thematic groups", slug="thematic-groups")
        training_demo.build(None)

    print("1. Sandbox reset with 20 trainees")
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        reset_sandbox(20)
        runs.append(time.perf_counter() - started)
    started = time.perf_counter()
    for i in range(20):
        make_password(f"reference-{i}")
    reference = time.perf_counter() - started
    print(
        f"   reset: median {statistics.median(runs):.2f} s (runs: "
        f"{', '.join(f'{r:.2f}' for r in runs)}); reference, 20 password hashes: {reference:.2f} s"
    )

    print("2. Handout generation per module")
    started = time.perf_counter()
    html_to_pdf('<link rel="stylesheet" href="/static/css/pdf.css"><p>Référence</p>')
    reference = time.perf_counter() - started
    times = []
    for page in TrainingModulePage.objects.order_by("locale_id", "number"):
        started = time.perf_counter()
        handout = build_handout(page)
        elapsed = time.perf_counter() - started
        times.append(elapsed)
        shots = sum(len(lesson["screenshots"]) for _id, lesson in page.lesson_list())
        print(
            f"   {page.locale.language_code} module {page.number}: {elapsed:.2f} s, "
            f"{handout.file.size // 1024} KB, {shots} screenshot(s)"
        )
    print(
        f"   median {statistics.median(times):.2f} s per module; reference one-paragraph PDF: "
        f"{reference:.2f} s"
    )

    print("3. SQL queries (must be equal at both sizes)")
    from django.contrib.auth import get_user_model

    training = TrainingIndexPage.objects.get(locale__language_code="fr")
    from wagtail.images import get_image_model

    module_counts, anonymous_counts = [], []
    reader = get_user_model().objects.get(username="editeur-sante")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(reader)
    images = list(get_image_model().objects.filter(title__startswith="formation:")[:2])
    for size in (2, 40):
        lessons = lessons_data(size)
        for block in lessons:  # the demo's screenshots when there are some
            block["value"]["screenshots"] = [{"image": im.pk, "caption": ""} for im in images]
        page = TrainingModulePageFactory(
            parent=training, lessons=lessons, number=90 + size, slug=f"bench-module-{size}"
        )
        page.save_revision().publish()
        module_counts.append(count(client, page.url))
        anonymous_counts.append(count(Client(HTTP_HOST="127.0.0.1"), page.url))
    print(
        f"   module page ({len(images)} screenshot(s) per lesson), 2 / 40 lessons: "
        f"signed-in {module_counts[0]} / {module_counts[1]}, "
        f"anonymous {anonymous_counts[0]} / {anonymous_counts[1]}"
    )
    trainer = get_user_model().objects.get(username="formateur")
    public, trained = [], []
    for size in (3, 60):
        session = TrainingSessionPageFactory(parent=training, slug=f"bench-{size}")
        session.modules.add(*TrainingModulePage.objects.child_of(training)[:3])
        session.save_revision().publish()
        for i in range(size):
            SessionParticipantFactory(
                page=session, user__username=f"bench-{size}-{i}", score=1 + i % 5
            )
        public.append(count(Client(HTTP_HOST="127.0.0.1"), session.url))
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(trainer)
        trained.append(count(client, session.url))
    print(f"   session page, public, 3 / 60 participants: {public[0]} / {public[1]}")
    print(f"   session page, trainer, 3 / 60 participants: {trained[0]} / {trained[1]}")
    ok = (
        module_counts[0] == module_counts[1]
        and anonymous_counts[0] == anonymous_counts[1]
        and public[0] == public[1]
        and trained[0] == trained[1]
    )
    print("   constant: " + ("yes" if ok else "NO"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

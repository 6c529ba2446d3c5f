"""Benchmark of the e-mail alert digests (issue 16): one digest run for 10,000 subscribers.

Run: ``.venv/bin/python bench/bench_alerts.py [--subscribers N]`` (PostgreSQL database
``ptf_alerts_bench`` on 127.0.0.1, created if missing; override with BENCH_DATABASE_URL).
Test settings: messages go to Django's in-memory backend, so the figure is the portal's own
work (planning, SQL, rendering both parts of every message, signing the links), not the mail
relay's transmission time.

Prints, for N subscribers (each following a group, an audience and the IATI activities; half
in French, half in English; 80 % daily, 20 % weekly; all due):
- the run's wall time (plan + send) and per subscriber;
- the reference measured in the same run: building and sending N minimal two-part messages with
  the same headers through the same backend (Django's mail machinery alone);
- SQL queries of the whole run and per batch of 200 (constant in N: also asserted in
  tests/alerts/test_digest.py), and the average message size.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ptf_alerts_bench"
)
os.environ["DATABASE_URL"] = DATABASE_URL


def ensure_database():
    if not DATABASE_URL.startswith("postgres"):
        return
    from urllib.parse import urlparse

    import psycopg2

    url = urlparse(DATABASE_URL)
    name = url.path.lstrip("/")
    connection = psycopg2.connect(
        host=url.hostname, port=url.port or 5432, user=url.username or "postgres", dbname="postgres"
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def site_content():
    """A group with news and documents (public and private), a library, a calendar and a map,
    and published activities: created once, reused by later runs."""
    from django.utils import timezone

    from aidmap.models import AidMapPage
    from groups.factories import GroupIndexPageFactory, ThematicGroupPageFactory
    from groups.models import GroupNewsPage, ThematicGroupPage
    from home.demo import english_home, ensure_site_root
    from iati_publisher.factories import ActivityFactory
    from library.factories import DocumentFactory, make_calendar_page, make_library_page

    home = ensure_site_root()
    english_home()
    group = ThematicGroupPage.objects.filter(slug="bench-sante").first()
    if group is None:
        index = GroupIndexPageFactory(parent=home)
        group = ThematicGroupPageFactory(parent=index, title="Santé", slug="bench-sante")
        make_library_page(home)
        make_calendar_page(home)
        aid_map = AidMapPage(title="Carte de l'aide", slug="carte-de-l-aide")
        home.add_child(instance=aid_map)
        aid_map.save_revision().publish()
        for n in range(10):
            news = GroupNewsPage(title=f"Nouvelle {n}", summary="Résumé " * 20, slug=f"n-{n}")
            group.add_child(instance=news)
            news.save_revision().publish()
        for n in range(20):
            DocumentFactory(title=f"Document public {n}", collection=group.get_collection(),
                            audiences=["partners", "civil_society"])  # fmt: skip
            DocumentFactory(title=f"Note privée {n}", collection=group.get_private_collection())
        for _n in range(15):
            ActivityFactory(first_published_at=timezone.now())
    return group


def reset_subscribers(group, count):
    import datetime

    from django.db import connection
    from django.utils import timezone

    from alerts.models import Delivery, Subscriber, Subscription

    with connection.cursor() as cursor:  # bulk reset (no per-row delete signals)
        tables = [m._meta.db_table for m in (Delivery, Subscription, Subscriber)]
        cursor.execute("TRUNCATE " + ", ".join(tables))
    now = timezone.now()
    subscribers = Subscriber.objects.bulk_create(
        [
            Subscriber(
                email=f"abonne{n}@example.org",
                language="en" if n % 2 else "fr",
                frequency="weekly" if n % 5 == 0 else "daily",
                confirmed_at=now - datetime.timedelta(days=30),
                digest_from=now - datetime.timedelta(days=8),
            )
            for n in range(count)
        ],
        batch_size=2000,
    )
    topics = [("group", str(group.translation_key)), ("audience", "partners"), ("iati", "")]
    Subscription.objects.bulk_create(
        [
            Subscription(subscriber=s, kind=kind, target=target, confirmed_at=s.confirmed_at)
            for s in subscribers
            for kind, target in topics
        ],
        batch_size=5000,
    )


def reference(count):
    """N minimal two-part messages with the same headers through the same backend."""
    from django.core import mail
    from django.core.mail import EmailMultiAlternatives, get_connection

    mail.outbox = []
    connection = get_connection()
    started = time.perf_counter()
    connection.open()
    for n in range(count):
        message = EmailMultiAlternatives(
            "Portail PTF Mali", "Bonjour.", to=[f"abonne{n}@example.org"],
            headers={"List-Unsubscribe": "<http://localhost/u/>",
                     "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
            connection=connection,
        )  # fmt: skip
        message.attach_alternative("<p>Bonjour.</p>", "text/html")
        message.send()
    connection.close()
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=10_000)
    count = parser.parse_args().subscribers
    ensure_database()
    import django

    django.setup()
    from django.core import mail
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.utils import timezone

    setup_test_environment()  # in-memory mail backend with its outbox
    call_command("migrate", verbosity=0, interactive=False)
    from alerts import digest

    group = site_content()
    reset_subscribers(group, count)
    reference_seconds = reference(count)

    mail.outbox = []
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        summary = digest.run(now=timezone.now())
        seconds = time.perf_counter() - started
    sizes = [len(m.message().as_bytes()) for m in mail.outbox[:200]]
    batches = -(-count // digest.BATCH_SIZE)
    print(f"subscribers: {count}  summary: {summary}")
    print(
        f"digest run (plan + send): {seconds:.1f} s  ({1000 * seconds / count:.2f} ms per subscriber)"
    )
    print(f"reference (minimal messages, same backend): {reference_seconds:.1f} s  "
          f"ratio {seconds / reference_seconds:.1f}x")  # fmt: skip
    print(f"SQL queries: {len(queries)} for the run, {len(queries) / batches:.1f} per batch of "
          f"{digest.BATCH_SIZE}")  # fmt: skip
    print(f"message size: median {statistics.median(sizes) / 1024:.1f} KiB (text + HTML)")


if __name__ == "__main__":
    main()

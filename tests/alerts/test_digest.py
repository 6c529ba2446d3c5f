"""Digests: content (public only, in the subscriber's language), RFC 8058 headers, retries
after an SMTP failure, nothing lost, and SQL per batch constant in the number of subscribers."""

import datetime
import io
import os
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alerts import digest
from alerts.factories import SubscriberFactory, SubscriptionFactory
from alerts.models import Delivery, DeliveryStatus, Subscriber
from library.factories import DocumentFactory

from .conftest import publish_news

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def subscribe(kind, target="", **subscriber):
    past = timezone.now() - datetime.timedelta(hours=1)
    subscriber.setdefault("confirmed_at", past)
    sub = SubscriberFactory(**subscriber)
    SubscriptionFactory(subscriber=sub, kind=kind, target=target, confirmed_at=past)
    return sub


def group_content(group):
    publish_news(group, "Revue sectorielle santé", "La revue a eu lieu à Bamako.")
    from groups.models import GroupNewsPage

    draft = GroupNewsPage(title="Nouvelle en brouillon", summary="x", slug="brouillon", live=False)
    group.add_child(instance=draft)
    draft.save_revision()  # never published
    DocumentFactory(title="Plan sectoriel public", collection=group.get_collection())
    DocumentFactory(title="Note confidentielle", collection=group.get_private_collection())
    unlisted = DocumentFactory(title="Document non listé", collection=group.get_collection())
    unlisted.is_listed = False
    unlisted.save()
    tagged = DocumentFactory(title="Étude du groupe (liée)")
    tagged.thematic_groups.add(group)


def test_digest_has_public_items_only_with_headers_and_absolute_links(client, group):
    sub = subscribe("group", str(group.translation_key), email="awa@example.org")
    group_content(group)
    summary = digest.run(now=timezone.now() + DAY)
    assert summary["planned"] == 1 and summary["sent"] == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    html = message.alternatives[0][0]
    for text in (message.body, html):
        assert "Revue sectorielle santé" in text
        assert "Plan sectoriel public" in text and "Étude du groupe (liée)" in text
        assert "Note confidentielle" not in text
        assert "Document non listé" not in text and "brouillon" not in text.lower()
        assert "Actualités et documents de Santé" in text
    assert "http://localhost/fr/bibliotheque/document/" in message.body
    assert re.search(r'href="http://localhost/fr/[^"]*revue-sectorielle', html)
    assert message.subject == "Portail PTF Mali : 3 nouveautés"
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://localhost/fr/alerts/unsubscribe/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.item_count, delivery.attempts) == ("sent", 3, 1)

    # The mail client's one-click POST works (no CSRF token, no cookie).
    strict = client.__class__(enforce_csrf_checks=True)
    path = re.sub(r"^<https?://[^/]+|>$", "", unsubscribe)
    response = strict.post(path, "List-Unsubscribe=One-Click",
                           content_type="application/x-www-form-urlencoded")  # fmt: skip
    assert response.status_code == 200
    assert not Subscriber.objects.filter(pk=sub.pk).exists()


def test_nothing_new_sends_nothing_and_next_window_starts_after(group):
    subscribe("group", str(group.translation_key))
    now = timezone.now() + DAY
    assert digest.run(now=now)["empty"] == 1 and not mail.outbox
    assert digest.run(now=now + datetime.timedelta(hours=2))["planned"] == 0  # not due again
    assert Subscriber.objects.get().digest_from == now


def test_weekly_subscriber_waits_a_week(group):
    subscribe("iati", frequency="weekly")
    assert digest.run(now=timezone.now() + 2 * DAY)["planned"] == 0
    assert digest.run(now=timezone.now() + 7 * DAY)["planned"] == 1


def test_english_subscriber_reads_english(group, home_en, site_pages):
    from iati_publisher.factories import ActivityFactory

    subscribe("iati", language="en", email="john@example.org")
    subscribe("audience", "civil_society", language="fr", email="fatou@example.org")
    ActivityFactory(title_fr="Projet d'eau", title_en="Water project",
                    first_published_at=timezone.now())  # fmt: skip
    ActivityFactory(title_fr="Brouillon IATI", live=False, first_published_at=timezone.now())
    DocumentFactory(title="Guide société civile", audiences=["civil_society"])
    DocumentFactory(title="Guide partenaires", audiences=["partners"])
    digest.run(now=timezone.now() + DAY)
    by_to = {m.to[0]: m for m in mail.outbox}
    english = by_to["john@example.org"]
    assert "Water project" in english.body and "Brouillon IATI" not in english.body
    assert "New IATI activities published" in english.body
    assert "Unsubscribe:" in english.body and "/en/alerts/manage/" in english.body
    assert "/activity/" in english.body
    french = by_to["fatou@example.org"]
    assert "Guide société civile" in french.body and "Guide partenaires" not in french.body
    assert "Société civile" in french.body


def test_retry_after_an_smtp_failure(group, settings, caplog):
    from tests.alerts.backends import FailOnceBackend

    settings.EMAIL_BACKEND = "tests.alerts.backends.FailOnceBackend"
    FailOnceBackend.failures_left = 1
    subscribe("iati")
    from iati_publisher.factories import ActivityFactory

    ActivityFactory(first_published_at=timezone.now())
    now = timezone.now() + DAY
    call_command("send_alert_digests", stdout=io.StringIO())  # not due yet: nothing
    summary = digest.run(now=now)
    assert summary["pending"] == 1 and not mail.outbox
    delivery = Delivery.objects.get()
    assert delivery.attempts == 1 and "SMTPServerDisconnected" in delivery.last_error
    assert delivery.next_attempt_at == now + datetime.timedelta(minutes=15)
    assert "retry" in caplog.text
    assert digest.run(now=now + datetime.timedelta(minutes=5)) == {"purged": 0, "planned": 0}
    summary = digest.run(now=now + datetime.timedelta(minutes=16))
    assert summary["sent"] == 1 and len(mail.outbox) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("sent", 2, "")


def test_failed_for_good_is_kept_logged_and_can_be_retried(group, settings, caplog):
    from iati_publisher.factories import ActivityFactory

    settings.EMAIL_BACKEND = "tests.alerts.backends.AlwaysFailingBackend"
    subscribe("iati")
    ActivityFactory(first_published_at=timezone.now())
    now = timezone.now() + DAY
    for step in range(digest.MAX_ATTEMPTS):
        digest.run(now=now + step * datetime.timedelta(hours=13))
    delivery = Delivery.objects.order_by("period_end").first()  # later windows: nothing new
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == digest.MAX_ATTEMPTS
    assert any(r.levelname == "ERROR" and "failed for good" in r.message for r in caplog.records)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_alert_digests", "--retry-failed", stdout=io.StringIO())
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT and len(mail.outbox) == 1


def _run_queries(n, group, start):
    for i in range(n):
        sub = subscribe("group", str(group.translation_key), email=f"g{start + i}@example.org",
                        language="en" if i % 2 else "fr")  # fmt: skip
        SubscriptionFactory(subscriber=sub, kind="iati", confirmed_at=sub.confirmed_at)
        SubscriptionFactory(subscriber=sub, kind="audience", target="partners",
                            confirmed_at=sub.confirmed_at)  # fmt: skip
    now = timezone.now() + DAY * (start + 1)
    digest.plan(now)
    outbox = len(mail.outbox)
    with CaptureQueriesContext(connection) as queries:
        digest.send_pending(now, batch_size=100)
    assert len(mail.outbox) - outbox == n
    if os.environ.get("ALERTS_SHOW_SQL"):
        print("\n".join(q["sql"][:150] for q in queries.captured_queries))
    return len(queries)


def test_query_count_per_batch_is_constant_in_subscribers(group, home_en, site_pages):
    from iati_publisher.factories import ActivityFactory

    publish_news(group, "Réunion du groupe")
    DocumentFactory(title="Rapport partenaires", collection=group.get_collection())
    ActivityFactory(first_published_at=timezone.now())
    _run_queries(1, group, 0)  # warms the caches every page view also uses (site root paths…)
    Subscriber.objects.all().delete()
    few = _run_queries(3, group, 1)
    Subscriber.objects.all().delete()
    many = _run_queries(40, group, 10)
    assert many == few, (few, many)
    assert few <= 25


def test_enqueued_run_is_a_background_job_with_progress(group):
    from iati_publisher.factories import ActivityFactory
    from operations.models import Job

    sub = subscribe("iati")
    ActivityFactory(first_published_at=timezone.now())
    Subscriber.objects.filter(pk=sub.pk).update(digest_from=timezone.now() - 2 * DAY)
    out = io.StringIO()
    call_command("send_alert_digests", "--enqueue", stdout=out)
    job = Job.objects.get()
    assert job.status == "succeeded", (job.status, job.message)
    assert job.result["sent"] == 1 and (job.done, job.total) == (1, 1)
    assert len(mail.outbox) == 1


def test_whole_journey_through_http(client, group):
    """Subscribe on the group's page → confirm from the e-mail → digest by the command →
    one-click unsubscribe from the digest's header."""
    topic = f"group:{group.translation_key}"
    assert f'value="{topic}"' in client.get(group.url).content.decode()
    client.post("/en/alerts/subscribe/", {"email": "ami@example.org", "topic": topic,
                                          "frequency": "daily"})  # fmt: skip
    link = re.search(r"http://localhost(/en/alerts/confirm/[^\s]+/)", mail.outbox[0].body)
    assert client.post(link.group(1)).status_code == 200
    publish_news(group, "Atelier de validation")
    Subscriber.objects.update(digest_from=timezone.now() - 2 * DAY)  # a day has passed
    out = io.StringIO()
    call_command("send_alert_digests", stdout=out)
    assert "sent=1" in out.getvalue()
    digest_mail = mail.outbox[-1]
    assert "Atelier de validation" in digest_mail.body
    assert "News and documents of Santé" in digest_mail.body  # the English label
    header = digest_mail.extra_headers["List-Unsubscribe"]
    path = re.sub(r"^<https?://[^/]+|>$", "", header)
    strict = client.__class__(enforce_csrf_checks=True)
    assert strict.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not Subscriber.objects.exists()


def test_links_are_https_when_the_site_redirects_to_https(group, settings):
    """Production redirects HTTP to HTTPS: a one-click POST to an ``http`` List-Unsubscribe
    link would be redirected and lost, so the e-mails' links are ``https`` although the Site
    record (Settings › Sites) still says port 80."""
    from wagtail.models import Site

    from alerts.links import site_root_url

    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "ptf-mali.example.org", 80
    site.save()
    settings.SECURE_SSL_REDIRECT = False
    assert site_root_url() == "http://ptf-mali.example.org"
    settings.SECURE_SSL_REDIRECT = True
    assert site_root_url() == "https://ptf-mali.example.org"
    site.port = 8443
    site.save()
    assert site_root_url() == "https://ptf-mali.example.org:8443"
    sub = subscribe("group", group.translation_key)
    message = digest.build_message(sub, [], "", site_root_url())
    assert message.extra_headers["List-Unsubscribe"].startswith("<https://ptf-mali.example.org")


def test_document_approved_days_after_its_upload_is_in_that_days_digest(client, group):
    """Uploaded on day 1, approved by a moderator on day 3: new in the day-3 digest (selected by
    the date it was first listed; by its upload date it fell in a window where it was not
    public yet, and was never announced)."""
    from django.urls import reverse

    from accounts.factories import UserFactory
    from accounts.roles import role_group
    from library.models import CustomDocument

    now = timezone.now()
    day1 = now - 2 * DAY
    subscribe("group", str(group.translation_key), confirmed_at=day1 - datetime.timedelta(hours=1))
    title = "Revue sectorielle approuvée au jour 3"
    document = DocumentFactory(
        title=title, collection=group.get_collection(), review_status="pending"
    )
    CustomDocument.objects.filter(pk=document.pk).update(created_at=day1, submitted_at=day1)
    assert digest.run(now=day1 + DAY)["empty"] == 1 and not mail.outbox  # day 2: not public

    moderator = UserFactory(username="moderateur-sante")
    moderator.groups.add(role_group("SANTE — Modérateurs"))
    client.force_login(moderator)
    client.post(reverse("library_review_approve", args=[document.pk]))  # day 3
    document.refresh_from_db()
    assert document.review_status == "approved" and document.listed_at >= now

    assert digest.run(now=now + datetime.timedelta(hours=1))["sent"] == 1  # day 3's digest
    assert title in mail.outbox[0].body
    mail.outbox.clear()
    digest.run(now=now + DAY + datetime.timedelta(hours=1))  # day 4: not new a second time
    assert not any(title in message.body for message in mail.outbox)

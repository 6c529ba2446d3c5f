"""The digests: plan who is due, build each message, send with retries, never lose one.

A run (``python manage.py send_alert_digests``, cron or the task queue) does three things:

1. :func:`purge_unconfirmed`: addresses that never confirmed within the confirmation link's
   life are deleted (nothing is kept about people who did not opt in).
2. :func:`plan`: each confirmed subscriber whose window is complete (a day, or a week, minus
   an hour of slack for cron) gets one ``Delivery`` row for [``digest_from``, now) and its
   ``digest_from`` moves to now, in the same transaction: a window is planned exactly once,
   and a run that stops half-way leaves rows that the next run sends.
3. :func:`send_pending`: pending deliveries are sent in batches of ``BATCH_SIZE`` over one
   SMTP connection. Each delivery records its outcome: ``sent``, ``empty`` (nothing new: no
   message), or — on any error — ``attempts`` + 1, the error, and a next attempt after
   ``RETRY_DELAYS`` (15 min, 1 h, 4 h, 12 h); after the last one it is ``failed`` and logged at
   ERROR level, still listed in Admin › Alerts › Deliveries (``--retry-failed`` sends it again).
   The content is gathered again at each attempt, so an item made private meanwhile is left out.

SQL per batch is constant in the number of subscribers (``tests/alerts/test_digest.py``
asserts it): the batch, its subscriptions, the group titles, the content
(``alerts.content``), one bulk update.
"""

import contextlib
import datetime
import logging
from collections import defaultdict

from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .content import DigestContent
from .links import site_root_url, subscriber_links
from .models import Delivery, DeliveryStatus, Frequency, Subscriber, Subscription, TopicKind
from .tokens import CONFIRMATION_MAX_AGE
from .topics import group_titles, topic_labels

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
PLAN_CHUNK = 1000
SLACK = datetime.timedelta(hours=1)
PERIODS = {Frequency.DAILY: datetime.timedelta(days=1), Frequency.WEEKLY: datetime.timedelta(7)}
RETRY_DELAYS = [
    datetime.timedelta(minutes=15),
    datetime.timedelta(hours=1),
    datetime.timedelta(hours=4),
    datetime.timedelta(hours=12),
]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
TOPIC_ORDER = [TopicKind.GROUP, TopicKind.AUDIENCE, TopicKind.CALENDAR, TopicKind.IATI]


def purge_unconfirmed(now):
    """Delete subscribers and subscriptions never confirmed in time; return how many rows."""
    limit = now - datetime.timedelta(seconds=CONFIRMATION_MAX_AGE)
    stale = Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=limit)
    count, _ = stale.delete()
    gone, _ = Subscriber.objects.filter(confirmed_at__isnull=True, created_at__lt=limit).delete()
    return count + gone


def due_subscribers(now):
    due = Q()
    for frequency, period in PERIODS.items():
        due |= Q(frequency=frequency, digest_from__lte=now - period + SLACK)
    confirmed = Subscription.objects.filter(confirmed_at__isnull=False).values("subscriber_id")
    return Subscriber.objects.filter(due, confirmed_at__isnull=False, pk__in=confirmed)


def plan(now):
    """Create the deliveries of every subscriber due at ``now``; return how many."""
    planned = 0
    while True:
        with transaction.atomic():
            rows = list(
                due_subscribers(now)
                .select_for_update(skip_locked=True)
                .order_by("pk")
                .values_list("pk", "digest_from")[:PLAN_CHUNK]
            )
            if not rows:
                return planned
            Delivery.objects.bulk_create(
                [
                    Delivery(
                        subscriber_id=pk, period_start=start, period_end=now, next_attempt_at=now
                    )
                    for pk, start in rows
                ],
                ignore_conflicts=True,
            )
            Subscriber.objects.filter(pk__in=[pk for pk, _start in rows]).update(digest_from=now)
            planned += len(rows)


def build_message(subscriber, sections, period, root):
    """The digest of one subscriber: plain text and HTML, with RFC 8058 one-click headers."""
    manage_url, unsubscribe_url = subscriber_links(subscriber, root)
    with translation.override(subscriber.language):
        context = {
            "subscriber": subscriber,
            "sections": sections,
            "period": period,
            "count": sum(len(items) for _label, items in sections),
            "manage_url": manage_url,
            "unsubscribe_url": unsubscribe_url,
            "site_url": root + "/" + subscriber.language + "/",
        }
        subject = " ".join(render_to_string("alerts/emails/digest_subject.txt", context).split())
        text = render_to_string("alerts/emails/digest.txt", context)
        html = render_to_string("alerts/emails/digest.html", context)
    message = EmailMultiAlternatives(
        subject,
        text,
        to=[subscriber.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"PTF Mali alerts <alerts.{root.split('://')[-1].split(':')[0]}>",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def _sections(subscriber, topics, content, labels, delivery):
    sections = []
    language = subscriber.language
    for topic in sorted(topics, key=lambda t: (TOPIC_ORDER.index(t[0]), labels[t])):
        items = [
            item
            for item in content.get(topic, {}).get(language, ())
            if delivery.period_start <= item.moment < delivery.period_end
        ]
        if items:
            sections.append((labels[topic], items))
    return sections


def _failed(delivery, error, now):
    delivery.attempts += 1
    delivery.last_error = f"{type(error).__name__}: {error}"[:500]
    if delivery.attempts >= MAX_ATTEMPTS:
        delivery.status = DeliveryStatus.FAILED
        logger.error(
            "alert digest %s to subscriber %s failed for good after %s attempts: %s",
            delivery.pk, delivery.subscriber_id, delivery.attempts, delivery.last_error,
        )  # fmt: skip
    else:
        delivery.next_attempt_at = now + RETRY_DELAYS[delivery.attempts - 1]
        logger.warning(
            "alert digest %s to subscriber %s failed (attempt %s), retry at %s: %s",
            delivery.pk, delivery.subscriber_id, delivery.attempts,
            delivery.next_attempt_at.isoformat(), delivery.last_error,
        )  # fmt: skip


def send_batch(deliveries, content, root, now, connection):
    """Build and send one batch; record each delivery's outcome (one UPDATE)."""
    subscriber_ids = [delivery.subscriber_id for delivery in deliveries]
    topics = defaultdict(set)
    for subscriber_id, kind, target in Subscription.objects.filter(
        subscriber_id__in=subscriber_ids, confirmed_at__isnull=False
    ).values_list("subscriber_id", "kind", "target"):
        topics[subscriber_id].add((kind, target))
    all_topics = set().union(*topics.values()) if topics else set()
    start = min(delivery.period_start for delivery in deliveries)
    end = max(delivery.period_end for delivery in deliveries)
    found = content.collect(all_topics, start, end) if all_topics else {}
    titles = group_titles({target for kind, target in all_topics if kind == TopicKind.GROUP})
    labels = {}
    opened = False
    for delivery in deliveries:
        subscriber = delivery.subscriber
        language = subscriber.language
        if language not in labels:
            with translation.override(language):
                labels[language] = topic_labels(all_topics, language, titles)
        sections = _sections(
            subscriber, topics.get(subscriber.pk, ()), found, labels[language], delivery
        )
        delivery.item_count = sum(len(items) for _label, items in sections)
        if not sections:
            delivery.status = DeliveryStatus.EMPTY
            continue
        try:
            message = build_message(subscriber, sections, delivery, root)
            if not opened:
                connection.open()
                opened = True
            message.connection = connection
            message.send()
        except Exception as error:  # noqa: BLE001 — any failure is recorded and retried
            _failed(delivery, error, now)
            if opened:  # the connection may be broken: start a fresh one for the next message
                with contextlib.suppress(Exception):
                    connection.close()
                opened = False
        else:
            delivery.status = DeliveryStatus.SENT
            delivery.sent_at = now
            delivery.last_error = ""
            delivery.attempts += 1
    if opened:
        try:
            connection.close()
        except Exception:  # noqa: BLE001
            logger.warning("closing the mail connection failed", exc_info=True)
    Delivery.objects.bulk_update(
        deliveries,
        ["status", "attempts", "next_attempt_at", "last_error", "item_count", "sent_at"],
    )


def send_pending(now, batch_size=BATCH_SIZE, connection=None):
    """Send every delivery due at ``now``, batch after batch; return counts per status."""
    content = DigestContent(site_root_url())
    connection = connection or get_connection()
    counts = defaultdict(int)
    last_pk = 0
    while True:
        batch = list(
            Delivery.objects.filter(
                status=DeliveryStatus.PENDING, next_attempt_at__lte=now, pk__gt=last_pk
            )
            .select_related("subscriber")
            .order_by("pk")[:batch_size]
        )
        if not batch:
            return dict(counts)
        send_batch(batch, content, content.root, now, connection)
        last_pk = batch[-1].pk
        for delivery in batch:
            counts[delivery.status] += 1


def retry_failed():
    """Put every failed delivery back in the queue (after fixing the mail server)."""
    return Delivery.objects.filter(status=DeliveryStatus.FAILED).update(
        status=DeliveryStatus.PENDING, attempts=0, next_attempt_at=timezone.now()
    )


def run(now=None, batch_size=BATCH_SIZE, connection=None):
    """One digest run; returns a summary dict (also what the task returns)."""
    now = now or timezone.now()
    purged = purge_unconfirmed(now)
    planned = plan(now)
    counts = send_pending(now, batch_size=batch_size, connection=connection)
    return {"purged": purged, "planned": planned, **counts}

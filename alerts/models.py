"""Subscribers, their subscriptions (topics) and the state of each digest delivery.

What is kept about a person is limited to their e-mail address, language and choices
(frequency, topics) plus the timestamps the double opt-in and the digests need; nothing else
(no name, no IP address). An administrator exports or deletes it (Admin › Alerts).

- ``Subscriber``: one per e-mail address (stored lower-case).
- ``Subscription``: one topic of a subscriber; only confirmed ones (``confirmed_at``) are sent.
  Topics: a group's news and documents (``group`` + the group's translation key, so the
  subscription follows the page in every language), a library audience (``audience`` + code),
  the report calendar (``calendar``) and new IATI activities (``iati``).
- ``Delivery``: one digest for one subscriber and one time window; its status, attempts and
  last error make every failure visible and retried (see ``alerts.digest``).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class TopicKind(models.TextChoices):
    GROUP = "group", _("A thematic group's news and documents")
    AUDIENCE = "audience", _("New library documents for an audience")
    CALENDAR = "calendar", _("The calendar of reference reports")
    IATI = "iati", _("New IATI activities")


class Subscriber(models.Model):
    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    frequency = models.CharField(
        _("frequency"), max_length=8, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(
        _("address confirmed at"), null=True, blank=True, editable=False
    )
    digest_from = models.DateTimeField(
        _("next digest covers from"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("alert subscriber")
        verbose_name_plural = _("alert subscribers")
        ordering = ["email"]
        indexes = [models.Index(fields=["frequency", "digest_from"], name="alerts_sub_due")]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    @property
    def topics(self):
        """The confirmed topics as text (admin inspect and export; prefetch ``subscriptions``)."""
        from .topics import topic_labels

        pairs = [(s.kind, s.target) for s in self.subscriptions.all() if s.confirmed_at]
        labels = topic_labels(pairs)
        return "; ".join(str(labels[pair]) for pair in pairs) or "-"


def normalise_email(value):
    return (value or "").strip().lower()


class Subscription(models.Model):
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    kind = models.CharField(_("topic"), max_length=16, choices=TopicKind.choices)
    target = models.CharField(_("group or audience"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("alert subscription")
        verbose_name_plural = _("alert subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "kind", "target"], name="alerts_subscription_unique"
            )
        ]

    def __str__(self):
        return f"{self.kind}:{self.target}" if self.target else self.kind


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("To send (or to retry)")
    SENT = "sent", _("Sent")
    EMPTY = "empty", _("Nothing new: no message")
    FAILED = "failed", _("Failed after every retry")


class Delivery(models.Model):
    subscriber = models.ForeignKey(
        Subscriber,
        verbose_name=_("subscriber"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    period_start = models.DateTimeField(_("news since"))
    period_end = models.DateTimeField(_("news until"))
    status = models.CharField(
        _("status"), max_length=8, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    item_count = models.PositiveIntegerField(_("items"), default=0)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("digest delivery")
        verbose_name_plural = _("digest deliveries")
        ordering = ["-period_end", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "period_end"], name="alerts_delivery_unique"
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="alerts_delivery_due")]

    def __str__(self):
        return f"{self.subscriber} {self.period_end:%Y-%m-%d %H:%M}"

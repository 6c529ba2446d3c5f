"""Factories of the alerts (tests and bench): confirmed subscribers and their topics."""

import factory
from django.utils import timezone

from .models import Frequency, Subscriber, Subscription


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A confirmed subscriber whose next digest covers from its confirmation."""

    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"abonne{n}@example.org")
    language = "fr"
    frequency = Frequency.DAILY
    confirmed_at = factory.LazyFunction(timezone.now)
    digest_from = factory.LazyAttribute(lambda o: o.confirmed_at)


class SubscriptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscription

    subscriber = factory.SubFactory(SubscriberFactory)
    kind = "iati"
    target = ""
    confirmed_at = factory.LazyFunction(timezone.now)

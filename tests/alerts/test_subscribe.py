"""Subscription → confirmation → manage → unsubscribe, through HTTP with the mail outbox, and
every bad input: a clear message, nothing changed, never a 500."""

import re

import pytest
from django.core import mail, signing
from django.test import override_settings

from alerts.models import Subscriber, Subscription
from alerts.tokens import CONFIRM_SALT, subscriber_token

pytestmark = pytest.mark.django_db
SUBSCRIBE = "/fr/alerts/subscribe/"


def group_topic(group):
    return f"group:{group.translation_key}"


def link_in(message, kind):
    found = re.search(rf"https?://[^\s\"<>]+/alerts/{kind}/[^\s\"<>]+/", message.body)
    assert found, message.body
    return found.group(0)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def test_group_page_offers_the_form(client, group):
    response = client.get(group.url)
    html = response.content.decode()
    assert 'action="/fr/alerts/subscribe/"' in html
    assert f'value="{group_topic(group)}"' in html


def test_library_calendar_and_map_offer_the_form(client, site_pages):
    for name, topic in (("library", "audience:civil_society"), ("calendar", "calendar"),
                        ("aid_map", "iati")):  # fmt: skip
        html = client.get(site_pages[name].url).content.decode()
        assert f'value="{topic}"' in html, name


def test_double_opt_in_then_manage_then_unsubscribe(client, group):
    response = client.post(
        SUBSCRIBE, {"email": " Awa@Example.org ", "topic": group_topic(group), "frequency": "daily"}
    )
    assert response.status_code == 200
    assert "awa@example.org" in response.content.decode()
    assert len(mail.outbox) == 1
    confirmation = mail.outbox[0]
    assert confirmation.to == ["awa@example.org"]
    assert confirmation.alternatives[0][1] == "text/html"
    confirm_url = link_in(confirmation, "confirm")
    assert confirm_url.startswith("http://localhost/fr/alerts/confirm/")
    subscriber = Subscriber.objects.get()
    assert (subscriber.language, subscriber.frequency, subscriber.confirmed_at) == (
        "fr", "daily", None,
    )  # fmt: skip
    assert not Subscription.objects.filter(confirmed_at__isnull=False).exists()

    # Opening the link (or a mail scanner fetching it) only shows a button.
    response = client.get(path_of(confirm_url))
    assert response.status_code == 200 and "Confirmer mon abonnement" in response.content.decode()
    assert not Subscription.objects.filter(confirmed_at__isnull=False).exists()
    response = client.post(path_of(confirm_url))
    assert response.status_code == 200
    assert "Abonnement confirmé" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at and subscriber.digest_from
    assert Subscription.objects.get().confirmed_at is not None

    # Replayed: a clear message, nothing changed.
    confirmed_at = Subscription.objects.get().confirmed_at
    response = client.post(path_of(confirm_url))
    assert response.status_code == 200
    assert "déjà été confirmé" in response.content.decode()
    assert Subscription.objects.get().confirmed_at == confirmed_at

    # Manage: switch to English and weekly.
    token = subscriber_token(subscriber)
    manage = f"/fr/alerts/manage/{token}/"
    response = client.get(manage)
    assert response.status_code == 200 and "Santé" in response.content.decode()
    keep = str(Subscription.objects.get().pk)
    response = client.post(manage, {"language": "en", "frequency": "weekly", "keep": [keep]})
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert (subscriber.language, subscriber.frequency) == ("en", "weekly")

    # One-click unsubscribe (RFC 8058: a bare POST, no CSRF token): everything deleted.
    client_csrf = client.__class__(enforce_csrf_checks=True)
    unsubscribe = f"/en/alerts/unsubscribe/{token}/"
    assert client_csrf.get(unsubscribe).status_code == 200
    assert Subscriber.objects.exists()  # GET only asks
    response = client_csrf.post(unsubscribe, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscriber.objects.exists() and not Subscription.objects.exists()
    # Again: still a clear page.
    response = client_csrf.post(unsubscribe, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200


def test_english_subscriber_gets_english_confirmation(client, group):
    client.post(
        "/en/alerts/subscribe/", {"email": "a@example.org", "topic": "iati", "frequency": "weekly"}
    )
    assert "Confirm your e-mail alerts" in mail.outbox[0].subject
    assert "/en/alerts/confirm/" in mail.outbox[0].body
    assert Subscriber.objects.get().language == "en"


@pytest.mark.parametrize(
    "data",
    [
        {"email": "pas-une-adresse", "topic": "iati", "frequency": "daily"},
        {"email": "", "topic": "iati", "frequency": "daily"},
        {"email": "a\x00b@example.org", "topic": "iati", "frequency": "daily"},
        {
            "email": "a@example.org",
            "topic": "group:00000000-0000-0000-0000-000000000000",
            "frequency": "daily",
        },  # fmt: skip
        {"email": "a@example.org", "topic": "group:pas-un-uuid", "frequency": "daily"},
        {"email": "a@example.org", "topic": "audience:martiens", "frequency": "daily"},
        {"email": "a@example.org", "topic": "iati:extra", "frequency": "daily"},
        {"email": "a@example.org", "topic": "iati", "frequency": "hourly"},
        {"email": "x" * 300 + "@example.org", "topic": "iati", "frequency": "daily"},
    ],
)
def test_invalid_input_is_a_clear_400(client, group, data):
    response = client.post(SUBSCRIBE, data)
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode() or "errors" in response.content.decode()
    assert not Subscriber.objects.exists() and not mail.outbox


def test_already_subscribed_changes_nothing(client, group):
    from alerts.factories import SubscriptionFactory

    subscription = SubscriptionFactory(kind="iati", subscriber__email="deja@example.org")
    response = client.post(
        SUBSCRIBE, {"email": "DEJA@example.org", "topic": "iati", "frequency": "weekly"}
    )
    assert response.status_code == 200
    assert "reçoit déjà" in response.content.decode()
    assert not mail.outbox
    subscription.subscriber.refresh_from_db()
    assert subscription.subscriber.frequency == "daily"  # a stranger cannot change it


def test_confirmed_subscriber_adding_a_topic_must_confirm_it(client, group):
    from alerts.factories import SubscriptionFactory

    SubscriptionFactory(kind="iati", subscriber__email="b@example.org")
    client.post(SUBSCRIBE, {"email": "b@example.org", "topic": "calendar", "frequency": "weekly"})
    assert len(mail.outbox) == 1
    assert Subscription.objects.get(kind="calendar").confirmed_at is None
    assert Subscriber.objects.get().frequency == "daily"


def test_expired_and_forged_links(client, group, monkeypatch):
    from alerts import tokens

    client.post(SUBSCRIBE, {"email": "c@example.org", "topic": "iati", "frequency": "daily"})
    url = path_of(link_in(mail.outbox[0], "confirm"))
    with monkeypatch.context() as patch:
        patch.setattr(tokens, "CONFIRMATION_MAX_AGE", -1)  # the link is now older than allowed
        response = client.post(url)
    assert response.status_code == 400 and "expiré" in response.content.decode()
    assert Subscription.objects.get().confirmed_at is None

    forged = signing.dumps({"s": Subscription.objects.get().pk, "e": "c@example.org"}, salt="x")
    for bad in (forged, url.split("/")[-2][:-3] + "abc", "n'importe-quoi", "a" * 2000):
        response = client.post(f"/fr/alerts/confirm/{bad}/")
        assert response.status_code == 400, bad
        assert "pas valide" in response.content.decode()
    assert Subscription.objects.get().confirmed_at is None

    subscriber = Subscriber.objects.get()
    # A subscriber token used as a confirmation token (salts differ) and the reverse.
    assert client.post(f"/fr/alerts/confirm/{subscriber_token(subscriber)}/").status_code == 400
    confirm_token = signing.dumps({"s": 1, "e": "c@example.org"}, salt=CONFIRM_SALT)
    for name in ("manage", "unsubscribe"):
        response = client.post(f"/fr/alerts/{name}/{confirm_token}/")
        assert response.status_code == 400
        response = client.post(f"/fr/alerts/{name}/{subscriber_token(subscriber)[:-2]}xx/")
        assert response.status_code == 400
    assert Subscriber.objects.count() == 1


def test_throttled_per_address(client, group, settings):
    settings.ALERTS_SUBSCRIBE_RATE = 2
    for n in range(2):
        data = {"email": f"d{n}@example.org", "topic": "iati", "frequency": "daily"}
        assert client.post(SUBSCRIBE, data).status_code == 200
    response = client.post(
        SUBSCRIBE, {"email": "e@example.org", "topic": "iati", "frequency": "daily"}
    )
    assert response.status_code == 429
    assert "Trop de demandes" in response.content.decode()
    assert Subscriber.objects.count() == 2


@override_settings(EMAIL_BACKEND="tests.alerts.backends.AlwaysFailingBackend")
def test_mail_server_down_keeps_nothing(client, group):
    response = client.post(
        SUBSCRIBE, {"email": "f@example.org", "topic": "iati", "frequency": "daily"}
    )
    assert response.status_code == 503
    assert not Subscriber.objects.exists()


def test_general_subscription_page(client, group):
    response = client.get(SUBSCRIBE + "?topic=iati")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Santé" in html and 'value="iati" selected' in html


def test_query_budgets_of_the_alert_pages(client, group, django_assert_max_num_queries):
    from alerts.factories import SubscriptionFactory

    subscription = SubscriptionFactory(kind="group", target=str(group.translation_key))
    SubscriptionFactory(subscriber=subscription.subscriber, kind="iati")
    token = subscriber_token(subscription.subscriber)
    client.get(SUBSCRIBE)  # warm the page chrome's cache
    with django_assert_max_num_queries(10):
        assert client.get(SUBSCRIBE).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(f"/fr/alerts/manage/{token}/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(f"/fr/alerts/unsubscribe/{token}/").status_code == 200


def test_manage_refuses_a_forged_choice(client, group):
    from alerts.factories import SubscriptionFactory

    subscription = SubscriptionFactory(kind="iati")
    token = subscriber_token(subscription.subscriber)
    response = client.post(
        f"/fr/alerts/manage/{token}/", {"language": "xx", "frequency": "daily", "keep": ["999"]}
    )
    assert response.status_code == 400
    assert Subscription.objects.filter(pk=subscription.pk).exists()
    assert Subscriber.objects.get().language == "fr"


def test_pages_showing_an_address_are_never_stored(client, group, settings):
    """The confirm, manage and unsubscribe pages show the subscriber's address: no browser,
    proxy or whole-page cache keeps them (an unsubscribed address would still be shown)."""
    from alerts.factories import SubscriberFactory, SubscriptionFactory
    from alerts.tokens import confirmation_token

    settings.PAGE_CACHE_ENABLED = True
    subscriber = SubscriberFactory(email="awa@example.org")
    SubscriptionFactory(subscriber=subscriber, kind="iati")
    subscription = SubscriptionFactory(subscriber=subscriber, kind="calendar", confirmed_at=None)
    token = subscriber_token(subscriber)
    urls = [
        f"/fr/alerts/confirm/{confirmation_token(subscription)}/",
        f"/fr/alerts/manage/{token}/",
        f"/fr/alerts/unsubscribe/{token}/",
    ]
    for url in urls:
        for _ in range(2):
            response = client.get(url)
            assert response.status_code == 200 and "awa@example.org" in response.content.decode()
            assert "no-store" in response["Cache-Control"], url
            assert response.get("X-Page-Cache", "bypass") == "bypass", url
    client.post(urls[2])
    assert "awa@example.org" not in client.get(urls[2]).content.decode()

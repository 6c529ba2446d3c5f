"""Public views of the alerts: subscribe, confirm (double opt-in), manage, unsubscribe.

Every bad input answers a page with a French or English message and changes nothing: an
invalid address or topic (400), too many requests (429, ``accounts.security.throttled`` per
client address and per e-mail), an address already subscribed (200, nothing sent), a
confirmation link replayed (200) or expired (400), a forged or truncated token (400), a mail
server down when sending the confirmation (503, the request is rolled back).

``subscribe`` and ``unsubscribe`` are CSRF-exempt: the subscribe form sits on pages that may
be cached (no per-visitor token) and only ever leads to an e-mail to the address typed, which
must confirm; mail clients send RFC 8058 one-click unsubscribes as a bare POST. The confirm,
manage and unsubscribe pages show the subscriber's address: ``never_cache`` keeps them out of
browsers, proxies and the whole-page cache. SQL: a handful of queries per request, none
growing with the data.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from accounts.security import client_ip, throttled

from .forms import ManageForm, SubscribeForm
from .links import site_root_url, subscriber_links
from .models import Subscriber, Subscription, TopicKind
from .tokens import (
    TokenExpired,
    TokenInvalid,
    confirmation_token,
    read_confirmation,
    read_subscriber,
)
from .topics import group_pages, topic_labels, topic_value

logger = logging.getLogger(__name__)
WINDOW = 15 * 60


def message(request, title, text, status=200, links=()):
    return TemplateResponse(
        request,
        "alerts/message.html",
        {"title": title, "text": text, "links": links},
        status=status,
    )


def available_topics(language):
    """Every topic one can follow, for the general subscription page (one query)."""
    from library.models import AudienceCode

    topics = [
        (topic_value(TopicKind.GROUP, str(key)), title)
        for key, title in group_pages()
        .filter(locale__language_code=language)
        .order_by("path")
        .values_list("translation_key", "title")
    ]
    labels = topic_labels([(TopicKind.AUDIENCE, code) for code in AudienceCode.values], language)
    topics += [(topic_value(*pair), label) for pair, label in labels.items()]
    for kind in (TopicKind.CALENDAR, TopicKind.IATI):
        topics.append((kind.value, topic_labels([(kind, "")], language)[(kind, "")]))
    return topics


def _form_page(request, form, status=200):
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    return TemplateResponse(
        request,
        "alerts/subscribe.html",
        {"form": form, "topics": available_topics(language)},
        status=status,
    )


def send_confirmation(subscription, root):
    subscriber = subscription.subscriber
    with translation.override(subscriber.language):
        url = root + reverse("alerts:confirm", args=[confirmation_token(subscription)])
        label = topic_labels([(subscription.kind, subscription.target)])[
            (subscription.kind, subscription.target)
        ]
        context = {"url": url, "topic": label, "site_url": root, "days": 7}
        subject = " ".join(render_to_string("alerts/emails/confirm_subject.txt", context).split())
        text = render_to_string("alerts/emails/confirm.txt", context)
        html = render_to_string("alerts/emails/confirm.html", context)
    mail = EmailMultiAlternatives(
        subject, text, to=[subscriber.email], headers={"Auto-Submitted": "auto-generated"}
    )
    mail.attach_alternative(html, "text/html")
    mail.send()


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    if request.method != "POST":
        initial = {"topic": request.GET.get("topic", "")}
        return _form_page(request, SubscribeForm(initial=initial))
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    email = form.cleaned_data["email"]
    kind, target = form.cleaned_data["topic"]
    limit = getattr(settings, "ALERTS_SUBSCRIBE_RATE", 5)
    if throttled("alerts-subscribe-ip", client_ip(request), limit, WINDOW) or throttled(
        "alerts-subscribe-email", email, limit, WINDOW
    ):
        return message(
            request,
            _("Too many requests"),
            _("Too many subscription requests: please try again in a quarter of an hour."),
            status=429,
        )
    label = topic_labels([(kind, target)])[(kind, target)]
    try:
        with transaction.atomic():
            subscriber, _created = Subscriber.objects.select_for_update().get_or_create(
                email=email,
                defaults={"language": language, "frequency": form.cleaned_data["frequency"]},
            )
            subscription, _created = Subscription.objects.get_or_create(
                subscriber=subscriber, kind=kind, target=target
            )
            if subscription.confirmed_at is not None:
                return message(
                    request,
                    _("Already subscribed"),
                    _(
                        "%(email)s already receives these alerts (%(topic)s). Nothing was "
                        "changed; each digest has a link to manage the subscriptions."
                    )
                    % {"email": email, "topic": label},
                )
            if subscriber.confirmed_at is None:  # choices of an address not yet confirmed
                subscriber.language = language
                subscriber.frequency = form.cleaned_data["frequency"]
                subscriber.save(update_fields=["language", "frequency"])
            subscription.created_at = timezone.now()
            subscription.save(update_fields=["created_at"])
            send_confirmation(subscription, site_root_url())
    except IntegrityError:  # the same address subscribed at the same instant: ask again
        return message(request, _("Please try again"), _("Please send the form again."), status=409)
    except Exception:  # noqa: BLE001 — mail server down: nothing was kept, say so
        logger.exception("alerts: the confirmation e-mail could not be sent")
        return message(
            request,
            _("E-mail not sent"),
            _(
                "The confirmation e-mail could not be sent just now. Nothing was recorded: "
                "please try again later."
            ),
            status=503,
        )
    return message(
        request,
        _("Check your inbox"),
        _(
            "We sent a confirmation link to %(email)s. Your subscription (%(topic)s) starts "
            "when you open it; the link is valid for 7 days."
        )
        % {"email": email, "topic": label},
    )


def _subscription_links(request):
    return [(reverse("alerts:subscribe"), _("Subscribe to alerts"))]


@never_cache  # shows the address: never in a browser, proxy or the whole-page cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET: checks the link and shows a *Confirm* button (mail scanners that open every link
    must not subscribe anyone); POST: confirms."""
    try:
        subscription_id, email = read_confirmation(token)
    except TokenExpired:
        return message(
            request,
            _("Link expired"),
            _(
                "This confirmation link has expired (it is valid for 7 days). Nothing was "
                "changed: please subscribe again."
            ),
            status=400,
            links=_subscription_links(request),
        )
    except TokenInvalid:
        return _invalid_link(request)
    subscription = (
        Subscription.objects.select_related("subscriber")
        .filter(pk=subscription_id, subscriber__email=email)
        .first()
    )
    if subscription is None:
        return message(
            request,
            _("Link no longer valid"),
            _("This subscription no longer exists (it was cancelled). Nothing was changed."),
            status=400,
            links=_subscription_links(request),
        )
    subscriber = subscription.subscriber
    manage_url, _unsubscribe = subscriber_links(subscriber, "")
    links = [(manage_url, _("Manage my alerts"))]
    if subscription.confirmed_at is not None:
        return message(
            request,
            _("Already confirmed"),
            _("This subscription was already confirmed. Nothing was changed."),
            links=links,
        )
    label = topic_labels([(subscription.kind, subscription.target)])[
        (subscription.kind, subscription.target)
    ]
    if request.method != "POST":
        return TemplateResponse(
            request, "alerts/confirm.html", {"subscriber": subscriber, "topic": label}
        )
    now = timezone.now()
    with transaction.atomic():
        subscription.confirmed_at = now
        subscription.save(update_fields=["confirmed_at"])
        if subscriber.confirmed_at is None:
            subscriber.confirmed_at = now
            subscriber.digest_from = now
            subscriber.save(update_fields=["confirmed_at", "digest_from"])
    return message(
        request,
        _("Subscription confirmed"),
        _("You will receive %(frequency)s digests by e-mail: %(topic)s.")
        % {"frequency": subscriber.get_frequency_display().lower(), "topic": label},
        links=links,
    )


def _invalid_link(request):
    return message(
        request,
        _("Invalid link"),
        _(
            "This link is not valid (it may have been cut when copied). Nothing was changed: "
            "use the link of your last e-mail."
        ),
        status=400,
        links=_subscription_links(request),
    )


def _subscriber_from(token):
    """The subscriber of a signed link; None when it is gone; raises TokenInvalid."""
    subscriber_id, email = read_subscriber(token)
    return Subscriber.objects.filter(pk=subscriber_id, email=email).first()


def _gone(request):
    return message(
        request,
        _("No alerts for this address"),
        _("This address receives no alerts any more; nothing is kept about it."),
        links=_subscription_links(request),
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    try:
        subscriber = _subscriber_from(token)
    except TokenInvalid:
        return _invalid_link(request)
    if subscriber is None:
        return _gone(request)
    subscriptions = list(subscriber.subscriptions.filter(confirmed_at__isnull=False))
    labels = topic_labels([(s.kind, s.target) for s in subscriptions])
    topics = [(str(s.pk), labels[(s.kind, s.target)]) for s in subscriptions]
    initial = {
        "language": subscriber.language,
        "frequency": subscriber.frequency,
        "keep": [pk for pk, _label in topics],
    }
    if request.method == "POST":
        form = ManageForm(request.POST, topics=topics, initial=initial)
        if form.is_valid():
            keep = set(form.cleaned_data["keep"])
            with transaction.atomic():
                subscriber.subscriptions.filter(confirmed_at__isnull=False).exclude(
                    pk__in=[int(pk) for pk in keep]
                ).delete()
                if not keep:
                    subscriber.delete()
                    return _gone(request)
                subscriber.language = form.cleaned_data["language"]
                subscriber.frequency = form.cleaned_data["frequency"]
                subscriber.save(update_fields=["language", "frequency"])
            return message(
                request,
                _("Alerts updated"),
                _("Your choices were saved."),
                links=[(request.path, _("Manage my alerts"))],
            )
        status = 400
    else:
        form, status = ManageForm(initial=initial, topics=topics), 200
    _manage, unsubscribe_url = subscriber_links(subscriber, "")
    return TemplateResponse(
        request,
        "alerts/manage.html",
        {"form": form, "subscriber": subscriber, "unsubscribe_url": unsubscribe_url},
        status=status,
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """GET: a page with one button (link checkers must not unsubscribe anyone); POST (the
    button, or a mail client's RFC 8058 ``List-Unsubscribe=One-Click``): delete the subscriber
    and everything kept about them."""
    try:
        subscriber = _subscriber_from(token)
    except TokenInvalid:
        return _invalid_link(request)
    if subscriber is None:
        return _gone(request)
    if request.method == "POST":
        subscriber.delete()
        return message(
            request,
            _("Unsubscribed"),
            _("%(email)s will receive no more alerts; its data was deleted.")
            % {"email": subscriber.email},
            links=_subscription_links(request),
        )
    return TemplateResponse(request, "alerts/unsubscribe.html", {"subscriber": subscriber})

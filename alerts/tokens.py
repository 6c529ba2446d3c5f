"""Signed links of the alerts (Django's ``signing``: HMAC with ``SECRET_KEY``, nothing home-made).

- confirmation: ``{"s": subscription id, "e": e-mail}``, timestamped, valid
  ``CONFIRMATION_MAX_AGE`` seconds (7 days);
- subscriber: ``{"u": subscriber id, "e": e-mail}``, for the manage page and the one-click
  unsubscribe; it does not expire (a digest of last year must still unsubscribe) and stops
  working when the subscriber is deleted (the e-mail must match too).

Each token has its own salt: one kind can never be used as the other.
"""

from django.core import signing

CONFIRMATION_MAX_AGE = 7 * 24 * 3600
CONFIRM_SALT = "alerts.confirm"
SUBSCRIBER_SALT = "alerts.subscriber"


class TokenExpired(Exception):
    pass


class TokenInvalid(Exception):
    pass


def confirmation_token(subscription):
    return signing.dumps(
        {"s": subscription.pk, "e": subscription.subscriber.email}, salt=CONFIRM_SALT
    )


def subscriber_token(subscriber):
    return signing.dumps({"u": subscriber.pk, "e": subscriber.email}, salt=SUBSCRIBER_SALT)


def _load(token, salt, keys, max_age=None):
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise TokenExpired from error
    except (signing.BadSignature, ValueError, TypeError, UnicodeError) as error:
        raise TokenInvalid from error
    if not isinstance(data, dict) or not all(k in data for k in keys):
        raise TokenInvalid
    if not isinstance(data[keys[0]], int) or not isinstance(data[keys[1]], str):
        raise TokenInvalid
    return data


def read_confirmation(token):
    """(subscription id, e-mail); raises TokenExpired or TokenInvalid."""
    data = _load(token, CONFIRM_SALT, ("s", "e"), max_age=CONFIRMATION_MAX_AGE)
    return data["s"], data["e"]


def read_subscriber(token):
    """(subscriber id, e-mail); raises TokenInvalid."""
    data = _load(token, SUBSCRIBER_SALT, ("u", "e"))
    return data["u"], data["e"]

"""Admin › E-mail alerts: administrators export and delete subscribers; nobody adds one;
deliveries are read-only; other roles see nothing."""

import pytest
from django.contrib.auth.models import Group

from accounts.factories import UserFactory
from accounts.roles import ADMINISTRATORS, POOL_TECHNIQUE
from alerts.factories import SubscriptionFactory
from alerts.models import Subscriber, Subscription

pytestmark = pytest.mark.django_db
BASE = "/admin/snippets/alerts/subscriber/"


@pytest.fixture
def subscriber(group):
    subscription = SubscriptionFactory(
        kind="group", target=str(group.translation_key), subscriber__email="awa@example.org"
    )
    SubscriptionFactory(subscriber=subscription.subscriber, kind="iati")
    return subscription.subscriber


def user_in(role):
    from accounts.roles import sync_roles

    sync_roles()
    user = UserFactory(username=f"user-{role}".replace(" ", "-").lower())
    user.groups.add(Group.objects.get(name=role))
    return user


def test_administrator_exports_and_deletes(client, subscriber):
    client.force_login(user_in(ADMINISTRATORS))
    response = client.get(BASE)
    assert response.status_code == 200 and "awa@example.org" in response.content.decode()
    response = client.get(BASE + "?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert "awa@example.org" in body
    assert "Actualités et documents de Santé" in body and "Nouvelles activités IATI" in body
    assert client.get(BASE + "add/").status_code in (302, 403)
    inspect = client.get(f"{BASE}inspect/{subscriber.pk}/")
    assert inspect.status_code == 200 and "Santé" in inspect.content.decode()
    response = client.post(f"{BASE}delete/{subscriber.pk}/")
    assert response.status_code == 302
    assert not Subscriber.objects.exists() and not Subscription.objects.exists()


def test_deliveries_are_read_only(client, subscriber, superuser):
    from alerts import digest

    digest.plan(subscriber.digest_from + digest.PERIODS["daily"])
    client.force_login(superuser)
    assert client.get("/admin/snippets/alerts/delivery/").status_code == 200
    delivery = subscriber.deliveries.get()
    for url in ("add/", f"edit/{delivery.pk}/", f"delete/{delivery.pk}/"):
        assert client.get(f"/admin/snippets/alerts/delivery/{url}").status_code in (302, 403)


def test_other_roles_see_no_subscriber(client, subscriber):
    client.force_login(user_in(POOL_TECHNIQUE))
    assert client.get(BASE).status_code in (302, 403)
    assert client.get(BASE + "?export=csv").status_code in (302, 403)

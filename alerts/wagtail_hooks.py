"""Admin › E-mail alerts: subscribers (inspect, correct, export CSV/XLSX, delete on request)
and digest deliveries (status, attempts, last error), for administrators (``alerts.roles``).

Nobody adds a subscriber in the admin (that would skip the double opt-in) and deliveries are
read-only: the permission policies below refuse those actions even to superusers.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Delivery, Subscriber


class LimitedPolicy(ModelPermissionPolicy):
    """A model permission policy where some actions are refused to everyone."""

    def __init__(self, model, refused):
        super().__init__(model)
        self.refused = set(refused)

    def user_has_permission(self, user, action):
        return action not in self.refused and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class SubscriberViewSet(SnippetViewSet):
    model = Subscriber
    icon = "mail"
    menu_label = _("Subscribers")
    list_display = ["email", "language", "frequency", "confirmed_at", "created_at"]
    list_filter = ["language", "frequency"]
    search_fields = ["email"]
    list_export = ["email", "language", "frequency", "created_at", "confirmed_at", "topics"]
    export_headings = {"topics": _("Subscriptions")}
    export_filename = "alert-subscribers"
    inspect_view_enabled = True
    inspect_view_fields = ["email", "language", "frequency", "created_at", "confirmed_at", "topics"]
    panels = [FieldPanel("email", read_only=True), FieldPanel("language"), FieldPanel("frequency")]

    def get_queryset(self, request):
        return Subscriber.objects.prefetch_related("subscriptions")


class DeliveryViewSet(SnippetViewSet):
    model = Delivery
    icon = "list-ul"
    menu_label = _("Deliveries")
    list_display = [
        "subscriber", "period_end", "status", "attempts", "next_attempt_at", "last_error",
    ]  # fmt: skip
    list_filter = ["status"]
    search_fields = ["subscriber__email"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Delivery.objects.select_related("subscriber")


class AlertsGroup(SnippetViewSetGroup):
    items = (SubscriberViewSet, DeliveryViewSet)
    menu_icon = "mail"
    menu_label = _("E-mail alerts")
    menu_name = "alerts"


register_permission_policy(Subscriber, LimitedPolicy(Subscriber, refused=["add"]))
register_permission_policy(Delivery, LimitedPolicy(Delivery, refused=["add", "change", "delete"]))
register_snippet(AlertsGroup)

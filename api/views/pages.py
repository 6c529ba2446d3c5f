"""``/api/v2/pages/`` (every public page, per type) and the two page-based endpoints built the
same way: ``/api/v2/groups/`` (GT and SGT) and ``/api/v2/meetings/``.

Public means what an anonymous visitor sees: live pages of the site's trees that are under no
view restriction at all (private pages, and the training sandbox, never appear — even to a
browser that entered a page password). Fields per type come from :mod:`api.fields`.

SQL per list page: count, the page rows, the specific rows, then one query per prefetched
child relation and per lookup in :func:`api.lookups.prepare` — constant with the page size.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    OrderingFilter,
    TranslationOfFilter,
)
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Locale, Page, Site

from home import cache

from .. import fields, lookups
from ..signals import CACHE_NAME
from .base import LOCALE_PARAMETER, PublicAPIMixin, SafeFieldsFilter, SafeSearchFilter, integer


class StrictLocaleFilter:
    """``?locale=fr|en``: only the pages of that language (400 for any other value)."""

    def filter_queryset(self, request, queryset, view):
        code = request.GET.get("locale")
        if code is None:
            return queryset
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None:
            raise BadRequestError("locale must be one of: fr, en")
        return queryset.filter(locale=locale)


class PublicPagesAPIViewSet(PublicAPIMixin, PagesAPIViewSet):
    """Wagtail's pages endpoint limited to fully public pages, with the portal's fields."""

    filter_backends = [
        SafeFieldsFilter,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        OrderingFilter,
        TranslationOfFilter,
        StrictLocaleFilter,
        SafeSearchFilter,  # last: search results cannot be filtered further
    ]
    filter_parameters = [
        LOCALE_PARAMETER,
        OpenApiParameter("type", str, description="Page type, e.g. groups.ThematicGroupPage"),
        OpenApiParameter("child_of", int, description="Id of the parent page"),
        OpenApiParameter("descendant_of", int, description="Id of an ancestor page"),
        OpenApiParameter("ancestor_of", int, description="Id of a descendant page"),
        OpenApiParameter("translation_of", int, description="Id of a page in the other language"),
    ]
    summary = _("Public pages of the portal, of every type, in French and English.")
    name = "pages"

    @classmethod
    def schema_model(cls):
        return Page

    @classmethod
    def get_body_fields(cls, model):
        return cls._convert_api_fields(cls.body_fields + fields.page_fields(model))

    def get_base_queryset(self):
        """Live pages of the site's trees under no view restriction (built once per request)."""
        if getattr(self, "_public_pages", None) is None:
            self._public_pages = self._public_queryset()
        return self._public_pages

    def _public_queryset(self):
        site = (
            Site.find_for_request(self.request) or Site.objects.filter(is_default_site=True).first()
        )
        if site is None:
            return Page.objects.none()
        roots = cache.get_or_build(
            CACHE_NAME,
            ["site-roots", site.pk],
            lambda: list(
                Page.objects.filter(translation_key=site.root_page.translation_key).values_list(
                    "path", flat=True
                )
            ),
        )
        in_site = Q()
        for path in roots:
            in_site |= Q(path__startswith=path)
        return Page.objects.live().public().filter(in_site)

    def get_queryset(self):
        for name in ("child_of", "descendant_of", "ancestor_of", "translation_of"):
            value = self.request.GET.get(name)
            if value is not None and value != "root":
                integer(value, name)
        queryset = super().get_queryset()
        if queryset.model is not Page:
            queryset = queryset.select_related(*relations(queryset.model, self)[0])
        return queryset.select_related("locale")

    def prepare(self, objects):
        """Prefetch the relations the requested type shows (one query each), then the lookups."""
        model = type(objects[0]) if objects else None
        if model is not None and model is not Page:
            prefetch_related_objects(objects, *relations(model, self)[1])
        lookups.prepare(objects, self.request)


def relations(model, endpoint):
    """(foreign keys to join, relations to prefetch) among ``model``'s API fields."""
    joined, prefetched = [], []
    for name in endpoint.get_body_fields_names(model):
        if name in fields.PREFETCH:
            prefetched.extend(fields.PREFETCH[name])
            continue
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if name in (*fields.DOCUMENT_FIELDS, *fields.ORGANISATION_FIELDS) or not field.is_relation:
            continue  # documents and organisations: fetched together (api.lookups.prepare)
        (joined if field.many_to_one else prefetched).append(name)
    return joined, prefetched


class GroupsAPIViewSet(PublicPagesAPIViewSet):
    """The thematic groups (GT) and sub-groups (SGT) with members, focal points and lead."""

    filter_parameters = [
        LOCALE_PARAMETER,
        OpenApiParameter("status", str, enum=["active", "ad_hoc", "closed"]),
        OpenApiParameter("acronym", str),
    ]
    summary = _("Thematic groups and sub-groups, with their members, focal points and lead.")
    name = "groups"
    listing_default_fields = [
        *PublicPagesAPIViewSet.listing_default_fields,
        "acronym",
        "status",
        "lead_partner",
    ]

    @classmethod
    def schema_model(cls):
        return cls.page_models()[0]

    @classmethod
    def page_models(cls):
        from groups.models import SubGroupPage, ThematicGroupPage

        return ThematicGroupPage, SubGroupPage

    def get_queryset(self):
        """Both group types in one list: pages of either type, made specific per list page."""
        if "type" in self.request.GET:
            raise BadRequestError("type is not a filter of this endpoint")
        queryset = self.get_base_queryset().type(*self.page_models())
        status = self.request.GET.get("status")
        if status is not None:
            if status not in ("active", "ad_hoc", "closed"):
                raise BadRequestError("status must be one of: active, ad_hoc, closed")
            queryset = queryset.filter(
                Q(thematicgrouppage__status=status) | Q(subgrouppage__status=status)
            )
        acronym = self.request.GET.get("acronym")
        if acronym is not None:
            queryset = queryset.filter(
                Q(thematicgrouppage__acronym__iexact=acronym)
                | Q(subgrouppage__acronym__iexact=acronym)
            )
        return queryset.select_related("locale").specific()

    def listing_model(self):
        # GT and SGT pages have the same fields (BaseGroupPage): one serializer for both.
        return self.page_models()[0]

    def prepare(self, objects):
        if objects:
            joined, prefetched = relations(type(objects[0]), self)
            # GT and SGT rows together (specific rows: the locale is not joined either)
            prefetch_related_objects(objects, "locale", *joined, *prefetched)
        lookups.prepare(objects, self.request)


class MeetingsAPIViewSet(PublicPagesAPIViewSet):
    """Meetings of the groups, past or upcoming, per group."""

    filter_parameters = [
        LOCALE_PARAMETER,
        OpenApiParameter("when", str, enum=["past", "upcoming"]),
        OpenApiParameter("group", int, description="Id of the group's page"),
    ]
    summary = _("Meetings of the thematic groups: date, place, agenda, minutes, attendance.")
    name = "meetings"
    listing_default_fields = [
        *PublicPagesAPIViewSet.listing_default_fields,
        "start",
        "end",
        "place",
        "group",
    ]

    @classmethod
    def schema_model(cls):
        from groups.models import MeetingPage

        return MeetingPage

    def get_queryset(self):
        from groups.models import MeetingPage

        if "type" in self.request.GET:
            raise BadRequestError("type is not a filter of this endpoint")
        queryset = MeetingPage.objects.filter(pk__in=self.get_base_queryset().values("pk"))
        when = self.request.GET.get("when")
        if when not in (None, "past", "upcoming"):
            raise BadRequestError("when must be 'past' or 'upcoming'")
        now = timezone.now()
        if when == "past":
            queryset = queryset.filter(start__lt=now).order_by("-start")
        elif when == "upcoming":
            queryset = queryset.filter(start__gte=now).order_by("start")
        else:
            queryset = queryset.order_by("-start")
        group = self.request.GET.get("group")
        if group is not None:
            group_page = Page.objects.filter(pk=integer(group, "group")).first()
            if group_page is None:
                raise BadRequestError("no such group")
            queryset = queryset.child_of(group_page)
        return queryset.select_related("locale")

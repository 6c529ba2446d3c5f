"""What is new for the digests: public items published in a time window, per topic and language.

Only what an anonymous visitor may see is ever collected: live pages outside any view
restriction (``.live().public()``), documents of the public library outside restricted
collections (``library.queries.visible_documents(None)``: no private or internal document,
no document missing its metadata), published IATI activities (``live``), calendar editions put
online. Drafts and private items never reach an e-mail.

:class:`DigestContent` is built once per run (the library, calendar and aid-map pages of each
language: one query) and :meth:`DigestContent.collect` costs a fixed number of queries (at most
about ten) for any number of topics and subscribers; the digest filters the result per
subscriber in Python.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Min
from django.utils import translation
from wagtail.models import Page

from .models import TopicKind
from .topics import group_pages

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@dataclass
class Item:
    moment: object  # datetime: when it was published
    title: str
    url: str
    text: str = ""


class DigestContent:
    def __init__(self, root_url):
        self.root = root_url
        self._pages = None

    # --- the pages that give documents, editions and activities their public address ------

    def pages(self):
        if self._pages is None:
            from aidmap.models import AidMapPage
            from library.models import LibraryPage, ReportCalendarPage

            self._pages = {}
            found = (
                Page.objects.type(LibraryPage, ReportCalendarPage, AidMapPage)
                .live()
                .public()
                .select_related("locale", "content_type")
                .specific(defer=True)
            )
            for page in found:
                key = (type(page).__name__, page.locale.language_code)
                self._pages.setdefault(key, page)
        return self._pages

    def page_for(self, name, language):
        pages = self.pages()
        return pages.get((name, language)) or pages.get((name, settings.LANGUAGE_CODE))

    def full_url(self, page, suffix=""):
        url = page.get_full_url()
        if url and url.startswith("/"):  # no site hostname known: use ours
            url = self.root + url
        return (url or "") + suffix

    # --- collection ---------------------------------------------------------------------

    def collect(self, topics, start, end):
        """{topic: {language: [Item, …]}} of what was published in [start, end)."""
        kinds = {kind for kind, _target in topics}
        result = defaultdict(lambda: defaultdict(list))
        if TopicKind.GROUP in kinds or TopicKind.AUDIENCE in kinds:
            self._documents(topics, start, end, result)
        if TopicKind.GROUP in kinds:
            self._group_news(topics, start, end, result)
        if TopicKind.CALENDAR in kinds:
            self._calendar(start, end, result)
        if TopicKind.IATI in kinds:
            self._activities(start, end, result)
        for per_language in result.values():
            for items in per_language.values():
                items.sort(key=lambda item: item.moment, reverse=True)
        return result

    def _group_news(self, topics, start, end, result):
        from groups.models import GroupNewsPage

        keys = {target for kind, target in topics if kind == TopicKind.GROUP}
        groups = {}  # path of a group page -> its translation key
        for path, key in (
            group_pages().filter(translation_key__in=keys).values_list("path", "translation_key")
        ):
            groups[path] = str(key)
        news = GroupNewsPage.objects.live().public()
        # New = the first publication of any translation falls in the window (a translation
        # published later is not news a second time).
        new_keys = (
            news.order_by()
            .values("translation_key")
            .annotate(first=Min("first_published_at"))
            .filter(first__gte=start, first__lt=end)
            .values("translation_key")
        )
        by_key = defaultdict(dict)
        steplen = Page.steplen
        for page in news.filter(translation_key__in=new_keys).select_related("locale"):
            group_key = groups.get(page.path[:-steplen])
            if group_key is None:
                continue
            by_key[(group_key, page.translation_key)][page.locale.language_code] = page
        for (group_key, _news_key), versions in by_key.items():
            first = min(p.first_published_at for p in versions.values())
            for language in LANGUAGES:
                page = versions.get(language) or versions.get(settings.LANGUAGE_CODE)
                page = page or next(iter(versions.values()))
                result[(TopicKind.GROUP, group_key)][language].append(
                    Item(first, page.title, self.full_url(page), page.summary)
                )

    def _documents(self, topics, start, end, result):
        from groups.models import GroupAccess
        from library.queries import visible_documents

        documents = list(
            visible_documents(None)  # new = first listed in the window (approved days after
            .filter(listed_at__gte=start, listed_at__lt=end)  # its upload: new on approval)
            .only("pk", "title", "description", "listed_at", "collection_id")
        )
        if not documents:
            return
        Document = type(documents[0])
        ids = [document.pk for document in documents]
        group_keys = {target for kind, target in topics if kind == TopicKind.GROUP}
        audiences = {target for kind, target in topics if kind == TopicKind.AUDIENCE}
        targets = defaultdict(set)  # document id -> topics
        if group_keys:
            for doc_id, key in Document.thematic_groups.through.objects.filter(
                customdocument_id__in=ids,
                thematicgrouppage__translation_key__in=group_keys,
            ).values_list("customdocument_id", "thematicgrouppage__translation_key"):
                targets[doc_id].add((TopicKind.GROUP, str(key)))
            collections = defaultdict(set)
            for collection_id, key in GroupAccess.objects.filter(
                translation_key__in=group_keys, collection_id__isnull=False
            ).values_list("collection_id", "translation_key"):
                collections[collection_id].add(str(key))
            for document in documents:
                for key in collections.get(document.collection_id, ()):
                    targets[document.pk].add((TopicKind.GROUP, key))
        if audiences:
            for doc_id, code in Document.audiences.through.objects.filter(
                customdocument_id__in=ids, audience__code__in=audiences
            ).values_list("customdocument_id", "audience__code"):
                targets[doc_id].add((TopicKind.AUDIENCE, code))
        for language in LANGUAGES:
            library = self.page_for("LibraryPage", language)
            if library is None:
                continue
            base = self.full_url(library)
            for document in documents:
                if not targets.get(document.pk):
                    continue
                url = base + library.reverse_subpage("document", args=(document.pk, document.slug))
                item = Item(document.listed_at, document.title, url, document.description)
                for topic in targets[document.pk]:
                    result[topic][language].append(item)

    def _calendar(self, start, end, result):
        from library.models import EditionStatus, ReportEdition, ReportSeries
        from library.queries import visible_documents

        editions = list(
            ReportEdition.objects.filter(
                status=EditionStatus.ONLINE, put_online_at__gte=start, put_online_at__lt=end
            ).select_related("series", "document")
        )
        if not editions:
            return
        titles = {
            (str(key), code): title
            for key, code, title in ReportSeries.objects.filter(
                translation_key__in={e.series.translation_key for e in editions}
            ).values_list("translation_key", "locale__language_code", "title")
        }
        visible = set(
            visible_documents(None)
            .filter(pk__in=[e.document_id for e in editions if e.document_id])
            .values_list("pk", flat=True)
        )
        for language in LANGUAGES:
            calendar = self.page_for("ReportCalendarPage", language)
            library = self.page_for("LibraryPage", language)
            if calendar is None:
                continue
            with translation.override(language):
                for edition in editions:
                    key = str(edition.series.translation_key)
                    title = titles.get((key, language), edition.series.title)
                    if edition.document_id in visible and library is not None:
                        url = self.full_url(library) + library.reverse_subpage(
                            "document", args=(edition.document_id, edition.document.slug)
                        )
                    else:
                        url = self.full_url(calendar, f"#edition-{edition.pk}")
                    result[(TopicKind.CALENDAR, "")][language].append(
                        Item(edition.put_online_at, f"{title} {edition.edition}", url)
                    )

    def _activities(self, start, end, result):
        from iati_publisher.models import Activity

        activities = list(
            Activity.objects.filter(
                live=True, first_published_at__gte=start, first_published_at__lt=end
            )
            .select_related("reporting_org")
            .only(
                "iati_identifier",
                "title_fr",
                "title_en",
                "description_fr",
                "description_en",
                "first_published_at",
                "reporting_org__name_fr",
                "reporting_org__name_en",
            )  # fmt: skip
        )
        for language in LANGUAGES:
            aid_map = self.page_for("AidMapPage", language)
            if aid_map is None:
                continue
            base = self.full_url(aid_map)
            with translation.override(language):
                for activity in activities:
                    url = base + aid_map.reverse_subpage(
                        "activity", kwargs={"identifier": activity.iati_identifier}
                    )
                    text = activity.reporting_org.name
                    result[(TopicKind.IATI, "")][language].append(
                        Item(activity.first_published_at, activity.title, url, text)
                    )

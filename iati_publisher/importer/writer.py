"""Write stage of the importer: parsed activities -> ``ReportingOrganisation`` / ``Activity``.

Everything happens in ONE transaction: an error rolls the whole file back. Published
activities are written in bulk, chunk by chunk (:mod:`bulk`: constant queries per chunk). Idempotent by IATI
identifier: a re-import updates the activity and replaces its child rows, never duplicates it.
Imported activities are published (live, with a revision) unless ``draft=True``: then a new
activity is saved as a draft and an existing one gets a draft revision, its live version left
untouched. ``groups.Organisation`` is linked by IATI identifier when one exists.

Readers: the XML parser (whole records) and the spreadsheet (``spreadsheet_import``: partial
records, ``records.Activity.stored``: only the fields a sheet gives change, every other field and
part is written back as stored, see ``mapping``) — same plan, same publication, same drafts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Count

from groups.models import Organisation
from iati_publisher import kept
from iati_publisher import models as m

from . import bulk, collector, mapping
from . import records as r
from .pipeline import Pipeline, finishing

RELATIONS = bulk.RELATIONS  # the activity's child relations the import writes
SCALAR_FIELDS = (
    "title_fr",
    "title_en",
    "description_fr",
    "description_en",
    "activity_status",
    "default_currency",
    "default_aid_type",
    "default_finance_type",
    "default_flow_type",
    "default_tied_status",
    "collaboration_type",
    "recipient_country",
)


@dataclass
class ActivityChange:
    """What importing one activity will do (for the preview) or did."""

    identifier: str
    title: str
    action: str  # "create", "update"; "unchanged": a spreadsheet row changing nothing (not written)
    reporting_org: str
    line: int | None = None
    changed_fields: list[str] = field(default_factory=list)
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # relation: (before, after)
    kept_languages: list[str] = field(default_factory=list)  # kept, not edited here
    # set by the spreadsheet reader (a partial record): saved as a draft although the import
    # publishes (a pending draft, or not live), and {relation: rows new or changed}
    as_draft: bool = False
    edited: dict[str, int] = field(default_factory=dict)

    @property
    def changed_counts(self):
        return {k: v for k, v in self.counts.items() if v[0] != v[1]}

    @property
    def changed_count_labels(self):
        """[(translated name of the parts, count before, count after)] of changed counts."""
        return [
            (m.Activity._meta.get_field(name).related_model._meta.verbose_name_plural, *counts)
            for name, counts in self.changed_counts.items()
        ]

    @property
    def changed_field_labels(self):
        return [m.Activity._meta.get_field(name).verbose_name for name in self.changed_fields]

    @property
    def edited_labels(self):
        """[(translated name of the parts, rows new or changed)] (spreadsheet rows only)."""
        return [
            (m.Activity._meta.get_field(name).related_model._meta.verbose_name_plural, count)
            for name, count in self.edited.items()
            if count
        ]


@dataclass
class OrganisationChange:
    """What importing one ``iati-organisation`` will do."""

    ref: str
    name: str
    action: str  # "create" or "update"
    changed_fields: list[str] = field(default_factory=list)  # ReportingOrganisation's fields

    @property
    def changed_field_labels(self):
        fields = m.ReportingOrganisation._meta
        return [fields.get_field(name).verbose_name for name in self.changed_fields]


@dataclass
class ImportPlan:
    changes: list[ActivityChange]
    new_reporting_orgs: list[str]
    organisations: list[OrganisationChange] = field(default_factory=list)

    @property
    def created(self):
        return sum(1 for c in self.changes if c.action == "create")

    @property
    def updated(self):
        return sum(1 for c in self.changes if c.action == "update")


def _portal_organisations(refs) -> dict:
    result = {}
    refs = {ref for ref in refs if ref}
    queryset = Organisation.objects.filter(iati_identifier__in=refs).order_by("-locale__id")
    for organisation in queryset.select_related("locale"):
        # the default (French) locale wins when the organisation is translated
        if organisation.locale.language_code == "fr" or organisation.iati_identifier not in result:
            result[organisation.iati_identifier] = organisation
    return result


def _all_org_refs(activities):
    for activity in activities:
        yield activity.reporting_org.ref
        for org in activity.participating_orgs:
            yield org.ref


def _organisation_fields(record: r.Organisation, current) -> dict:
    name_fr, name_en = mapping.bilingual(record.name)
    fields = {
        "name_fr": (name_fr or (current.name_fr if current else "") or name_en or record.ref)[:255],
        "name_en": (name_en or (current.name_en if current else ""))[:255],
    }
    if record.type:
        fields["org_type"] = record.type
    if record.default_currency:
        fields["default_currency"] = record.default_currency
    return fields


def _plan_organisations(parsed: r.ParsedFile) -> ImportPlan:
    refs = [o.ref for o in parsed.organisations]
    existing = {o.ref: o for o in m.ReportingOrganisation.objects.filter(ref__in=refs)}
    changes = []
    for record in parsed.organisations:
        current = existing.get(record.ref)
        fields = _organisation_fields(record, current)
        change = OrganisationChange(
            record.ref, fields["name_fr"] or fields["name_en"], "update" if current else "create"
        )
        if current is not None:
            change.changed_fields = [k for k, v in fields.items() if getattr(current, k) != v]
        changes.append(change)
    return ImportPlan([], [], changes)


def _write_organisations(parsed: r.ParsedFile) -> WriteResult:
    result = WriteResult()
    portal = _portal_organisations(o.ref for o in parsed.organisations)
    for record in parsed.organisations:
        current = m.ReportingOrganisation.objects.filter(ref=record.ref).first()
        org = current or m.ReportingOrganisation(ref=record.ref)
        for key, value in _organisation_fields(record, current).items():
            setattr(org, key, value)
        if org.organisation_id is None and record.ref in portal:
            org.organisation = portal[record.ref]
        kept.seal(org.clean_texts(), getattr(record, "xml", None))
        org.save()
        (result.updated if current else result.created).append(record.ref)
    return result


def plan(parsed: r.ParsedFile) -> ImportPlan:
    """Compare the file with the database, without writing anything."""
    if parsed.organisations:
        return _plan_organisations(parsed)
    ids = [a.identifier for a in parsed.activities]
    existing = {a.iati_identifier: a for a in m.Activity.objects.filter(iati_identifier__in=ids)}
    before = {ident: {} for ident in existing}
    for relation in RELATIONS:
        rows = (
            m.Activity.objects.filter(iati_identifier__in=list(existing))
            .values("iati_identifier")
            .annotate(n=Count(relation))
        )
        for row in rows:
            before[row["iati_identifier"]][relation] = row["n"]
    known_orgs = set(
        m.ReportingOrganisation.objects.filter(
            ref__in={a.reporting_org.ref for a in parsed.activities}
        ).values_list("ref", flat=True)
    )
    changes, new_orgs = [], []
    for activity in parsed.activities:
        fields = mapping.activity_fields(activity)
        kids = mapping.children(activity, {})
        current = existing.get(activity.identifier)
        ref = activity.reporting_org.ref
        if ref not in known_orgs and ref not in new_orgs:
            new_orgs.append(ref)
        change = ActivityChange(
            identifier=activity.identifier,
            title=fields["title_fr"] or fields["title_en"],
            action="update" if current else "create",
            reporting_org=ref,
            line=activity.line,
            kept_languages=sorted(mapping.extra_languages(activity)),
        )
        counts_before = before.get(activity.identifier, {})
        for relation in RELATIONS:
            change.counts[relation] = (counts_before.get(relation, 0), len(kids[relation]))
        if current is not None:
            change.changed_fields = [
                name for name in SCALAR_FIELDS if (getattr(current, name) or "") != fields[name]
            ]
        changes.append(change)
    return ImportPlan(changes, new_orgs)


def _reporting_org(record: r.OrgRef, cache: dict, portal: dict) -> m.ReportingOrganisation:
    org = cache.get(record.ref)
    if org is not None:
        return org
    name_fr, name_en = mapping.bilingual(record.name)
    org = m.ReportingOrganisation.objects.filter(ref=record.ref).first()
    if org is None:
        org = m.ReportingOrganisation(ref=record.ref)
    org.name_fr = (name_fr or org.name_fr or name_en or record.ref)[:255]
    org.name_en = (name_en or org.name_en)[:255]
    if record.type:
        org.org_type = record.type
    if org.organisation_id is None and record.ref in portal:
        org.organisation = portal[record.ref]
    org.save()
    cache[record.ref] = org
    return org


@dataclass
class WriteResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)


def _save_draft(activity: m.Activity, is_new: bool, kids: dict, user) -> None:
    """A new activity is saved as a draft row; an existing live one only gets a draft
    revision (its live version is left as it is)."""
    for relation, rows in kids.items():
        setattr(activity, relation, rows)
    if is_new or not activity.live:
        activity.live = False
        activity.save()
    activity.save_revision(user=user, log_action=True)


@transaction.atomic
def write(parsed: r.ParsedFile, *, draft: bool = False, user=None, progress=None) -> WriteResult:
    """Create or update every activity of ``parsed`` (one transaction); for an organisation
    file, every reporting organisation. ``progress(done, total)`` is called after each chunk.

    Published (the default): chunks of ``bulk.CHUNK`` activities in bulk (``bulk.publish_chunk``,
    constant queries per chunk). Drafts: Wagtail's ``save_revision`` per activity."""
    if parsed.organisations:
        return _write_organisations(parsed)
    writer = ChunkWriter(draft=draft, user=user, progress=progress)
    activities = parsed.activities
    writer.total = len(activities)
    with collector.paused() as gc_pause, finishing(writer):
        for chunk in bulk.chunks(activities):
            writer(chunk)
            gc_pause.chunk_done()
    return writer.result


class ChunkWriter:
    """Writes the activities one chunk at a time: :func:`write`'s loop, and a ``parse_file`` sink
    writing each chunk as soon as it is read (the admin's job: the records of one chunk at a
    time in memory). Use inside ``transaction.atomic()``: an error rolls the whole file back.

    On PostgreSQL a chunk's writes run in a thread while the next chunk is read
    (:mod:`pipeline`): call :meth:`finish` after the last chunk (``parse_file`` does), or
    :meth:`abandon` on an error, before the transaction ends. ``result``: the identifiers
    created and updated so far (written once :meth:`finish` has returned); ``progress(done,
    total)`` is called as each chunk's writes are done."""

    size = bulk.CHUNK

    is_full = staticmethod(bulk.is_full)  # when ``parse_file`` hands the records over

    def __init__(self, *, draft=False, user=None, progress=None):
        self.draft, self.user, self.progress = draft, user, progress
        self.orgs, self.result = {}, WriteResult()
        self.total = None  # set by parse_file once the file is checked
        self.written = 0
        self.pipeline = None

    def __call__(self, records):
        portal = _portal_organisations(_all_org_refs(records))
        for record in records:  # queries only for organisations not met in earlier chunks
            if record.reporting_org.ref not in self.orgs:
                _reporting_org(record.reporting_org, self.orgs, portal)
        if self.draft:
            _write_drafts(records, self.orgs, portal, self.user, self.result)
            self._written(len(records))
            return
        if self.pipeline is None and connection.vendor == "postgresql":
            self.pipeline = Pipeline(connection)
        count = len(records)
        created, updated = bulk.publish_chunk(
            records,
            self.orgs,
            portal,
            user=self.user,
            pipeline=self.pipeline,
            after=lambda: self._written(count),
        )
        self.result.created += created
        self.result.updated += updated

    def _written(self, count):
        self.written += count
        if self.progress is not None:
            self.progress(self.written, self.total)

    def finish(self):
        """Wait for the last chunk's writes; raise their error."""
        if self.pipeline is not None:
            self.pipeline.close()

    def abandon(self):
        """After an error: wait for the chunk in flight (nothing runs once this returns);
        return its own error, if it failed (the cause of the error of this thread)."""
        return self.pipeline.abandon() if self.pipeline is not None else None


def _write_drafts(records, orgs, portal, user, result) -> None:
    ids = [a.identifier for a in records]
    existing = {a.iati_identifier: a for a in m.Activity.objects.filter(iati_identifier__in=ids)}
    for record in records:
        fields = mapping.activity_fields(record)
        kids = mapping.children(record, portal)
        activity = existing.get(record.identifier)
        is_new = activity is None
        if is_new:
            activity = m.Activity(iati_identifier=record.identifier)
        activity.reporting_org = orgs[record.reporting_org.ref]
        for name, value in fields.items():
            setattr(activity, name, value)
        kept.seal(activity.clean_texts(), getattr(record, "xml", None))
        _save_draft(activity, is_new, kids, user)
        (result.created if is_new else result.updated).append(record.identifier)
    # the validation report re-checks activities without a stored check
    m.ActivityCheck.objects.filter(activity__iati_identifier__in=ids).delete()

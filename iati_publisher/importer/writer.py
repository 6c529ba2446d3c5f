"""Write stage of the importer: parsed activities -> ``ReportingOrganisation`` / ``Activity``.

Everything happens in ONE transaction: an error rolls the whole file back. Idempotent by IATI
identifier: a re-import updates the activity and replaces its child rows, never duplicates it.
Imported activities are published (live, with a revision) unless ``draft=True``: then a new
activity is saved as a draft and an existing one gets a draft revision, its live version left
untouched. ``groups.Organisation`` is linked by IATI identifier when one exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from modelcluster.models import (
    get_all_child_m2m_relations,
    get_all_child_relations,
    get_serializable_data_for_fields,
)
from wagtail.log_actions import log
from wagtail.models import Revision
from wagtail.signals import published

from groups.models import Organisation
from iati_publisher import kept
from iati_publisher import models as m

from . import mapping
from . import records as r

FLUSH_EVERY = 500  # activities whose child rows are inserted together
RELATIONS = (
    "dates",
    "participating_orgs",
    "recipient_countries",
    "recipient_regions",
    "sectors",
    "locations",
    "budgets",
    "planned_disbursements",
    "transactions",
    "document_links",
    "contacts",
    "results",
)
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
    action: str  # "create" or "update"
    reporting_org: str
    line: int | None = None
    changed_fields: list[str] = field(default_factory=list)
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # relation: (before, after)
    kept_languages: list[str] = field(default_factory=list)  # kept, not edited here

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


@dataclass
class OrganisationChange:
    """What importing one ``iati-organisation`` will do."""

    ref: str
    name: str
    action: str  # "create" or "update"
    changed_fields: list[str] = field(default_factory=list)


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
            change.changed_fields = [
                m.ReportingOrganisation._meta.get_field(k).verbose_name
                for k, v in fields.items()
                if getattr(current, k) != v
            ]
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


def _delete_children(activity_ids):
    """Delete the child rows of the activities about to be re-imported: a few queries per
    relation for the whole file instead of per activity."""
    for relation in RELATIONS:
        related = m.Activity._meta.get_field(relation).related_model
        for start in range(0, len(activity_ids), 1000):
            related.objects.filter(activity_id__in=activity_ids[start : start + 1000]).delete()


def _flush(pending: dict) -> None:
    for relation, rows in pending.items():
        related = m.Activity._meta.get_field(relation).related_model
        related.objects.bulk_create(rows, batch_size=1000)
    pending.clear()


def _revision_content(activity, is_new, kids):
    """What ``activity.serializable_data()`` returns, built from the rows just written instead
    of reading them back (child relations the import does not touch are read as they are)."""
    content = get_serializable_data_for_fields(activity)
    for relation in get_all_child_relations(activity):
        name = relation.get_accessor_name()
        rows = kids[name] if name in kids else list(getattr(activity, name).all())
        content[name] = [get_serializable_data_for_fields(row) for row in rows]
    for field_ in get_all_child_m2m_relations(activity):
        if field_.serialize:
            items = [] if is_new else getattr(activity, field_.name).all()
            content[field_.name] = [item.pk for item in items]
    return content


def _publish(activity: m.Activity, is_new: bool, kids: dict, user, pending: dict) -> None:
    """Save ``activity`` (with its children) as live, with a revision, in few queries.

    The same end state as ``save_revision().publish()`` (live revision, publication dates,
    log entries, ``published`` signal) without saving the activity and its children three
    times, which made large imports slow. The child rows are queued in ``pending`` and
    inserted in bulk for the whole file by ``_flush``.
    """
    now = timezone.now()
    activity.live = True
    activity.has_unpublished_changes = False
    activity.expired = False
    activity.last_published_at = now
    if activity.first_published_at is None:
        activity.first_published_at = now
    activity.save()  # the activity row only: its children are written in bulk below
    for relation, rows in kids.items():  # the old rows were deleted by _delete_children
        for position, row in enumerate(rows):
            row.activity = activity
            row.sort_order = position
        pending.setdefault(relation, []).extend(rows)
    revision = Revision.objects.create(
        content_object=activity,
        base_content_type=activity.get_base_content_type(),
        user=user,
        content=_revision_content(activity, is_new, kids),
        object_str=str(activity),
    )
    m.Activity.objects.filter(pk=activity.pk).update(
        latest_revision=revision, live_revision=revision
    )
    activity.latest_revision = activity.live_revision = revision
    log(
        instance=activity,
        action="wagtail.create" if is_new else "wagtail.edit",
        user=user,
        revision=revision,
        content_changed=True,
    )
    log(instance=activity, action="wagtail.publish", user=user, revision=revision)
    published.send(sender=type(activity), instance=activity, revision=revision)


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
    file, every reporting organisation. ``progress(done)`` is called after each chunk."""
    if parsed.organisations:
        return _write_organisations(parsed)
    result = WriteResult()
    portal = _portal_organisations(_all_org_refs(parsed.activities))
    orgs = {}
    ids = [a.identifier for a in parsed.activities]
    existing = {a.iati_identifier: a for a in m.Activity.objects.filter(iati_identifier__in=ids)}
    pending = {}
    if not draft:
        _delete_children([a.pk for a in existing.values()])
    for record in parsed.activities:
        reporting_org = _reporting_org(record.reporting_org, orgs, portal)
        fields = mapping.activity_fields(record)
        kids = mapping.children(record, portal)
        activity = existing.get(record.identifier)
        is_new = activity is None
        if is_new:
            activity = m.Activity(iati_identifier=record.identifier)
        activity.reporting_org = reporting_org
        for name, value in fields.items():
            setattr(activity, name, value)
        kept.seal(activity.clean_texts(), getattr(record, "xml", None))
        if draft:
            _save_draft(activity, is_new, kids, user)
        else:
            _publish(activity, is_new, kids, user, pending)
        (result.created if is_new else result.updated).append(record.identifier)
        if (len(result.created) + len(result.updated)) % FLUSH_EVERY == 0:
            _flush(pending)
            if progress is not None:
                progress(len(result.created) + len(result.updated))
    _flush(pending)
    # the validation report re-checks activities without a stored check
    m.ActivityCheck.objects.filter(activity__iati_identifier__in=ids).delete()
    return result

"""Factories for tests and benchmarks (wagtail-factories)."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from .models import (
    GroupIndexPage,
    GroupMembership,
    MeetingAttendance,
    MeetingPage,
    Organisation,
    OrganisationFamily,
    SubGroupPage,
    TermsOfReferencePage,
    ThematicGroupPage,
    WorkProgrammeActivity,
    WorkProgrammePage,
)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    acronym = factory.Sequence(lambda n: f"ORG{n}")
    family = OrganisationFamily.PTF_BILATERAL


class GroupIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = GroupIndexPage

    title = "Groupes thématiques"
    slug = "groupes-thematiques"


class ThematicGroupPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ThematicGroupPage

    title = factory.Sequence(lambda n: f"Groupe {n}")
    acronym = factory.Sequence(lambda n: f"GT{n}")
    mandate = "<p>Coordonner les PTF du secteur.</p>"


class SubGroupPageFactory(ThematicGroupPageFactory):
    class Meta:
        model = SubGroupPage

    title = factory.Sequence(lambda n: f"Sous-groupe {n}")
    acronym = factory.Sequence(lambda n: f"SGT{n}")


class TermsOfReferencePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TermsOfReferencePage

    title = "Termes de référence"
    adoption_date = datetime.date(2024, 3, 1)


class WorkProgrammePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = WorkProgrammePage

    title = factory.LazyAttribute(lambda o: f"Programme de travail {o.year}")
    year = factory.LazyFunction(lambda: timezone.localdate().year)


class MeetingPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = MeetingPage

    title = factory.Sequence(lambda n: f"Réunion {n}")
    start = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=10))
    place = "Bamako"


def add_members(page, organisations, start=datetime.date(2020, 1, 1)):
    GroupMembership.objects.bulk_create(
        GroupMembership(page_id=page.pk, organisation=org, start_date=start, sort_order=i)
        for i, org in enumerate(organisations)
    )


def add_attendance(meeting, organisations, present=True):
    MeetingAttendance.objects.bulk_create(
        MeetingAttendance(
            page=meeting,
            organisation=org,
            status="present" if present else "absent",
            present=present,  # bulk_create skips save(), which keeps the two in step
            sort_order=i,
        )
        for i, org in enumerate(organisations)
    )


def add_activities(programme, statuses):
    WorkProgrammeActivity.objects.bulk_create(
        WorkProgrammeActivity(page=programme, title=f"Activité {i}", status=status, sort_order=i)
        for i, status in enumerate(statuses)
    )

"""Factories for tests and benchmarks (wagtail-factories): one way to build each object."""

import factory
import wagtail_factories
from django.utils import timezone

from .models import CoordinationMeeting, PriorityTheme, PTFWorkProgrammePage


class PTFWorkProgrammePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PTFWorkProgrammePage

    year = factory.LazyFunction(lambda: timezone.localdate().year)
    title = factory.LazyAttribute(lambda o: f"Programme de travail des PTF {o.year}")
    intro = "<p>Les priorités de l’année.</p>"


def add_theme(programme, title, groups=(), sort_order=0, **fields):
    """A priority theme of ``programme`` carried by ``groups`` (saved, like a published page)."""
    theme = PriorityTheme.objects.create(
        page=programme, title=title, sort_order=sort_order, **fields
    )
    theme.groups.set(groups)
    theme.save()  # modelcluster writes a ParentalManyToManyField on save
    return theme


def add_coordination_meeting(programme, date, themes=(), kind="monthly", sort_order=0):
    meeting = CoordinationMeeting.objects.create(
        page=programme, date=date, kind=kind, place="Bamako", sort_order=sort_order
    )
    meeting.themes.set(themes)
    meeting.save()
    return meeting


def link_activities(activities, themes):
    """Link GT work-programme activities to priority themes (as the activity form does)."""
    for activity in activities:
        activity.priority_themes.set(themes)
        activity.save()

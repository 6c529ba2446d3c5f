"""Meetings of a group: date, place, agenda, minutes and attendance."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms import CheckboxSelectMultiple
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .. import validation
from ..forms import MeetingForm
from .canevas import GroupChildPage, priority_themes_field
from .organisations import Organisation


def default_start():
    today = timezone.localdate() + datetime.timedelta(days=7)
    return timezone.make_aware(datetime.datetime.combine(today, datetime.time(9, 0)))


def default_agenda():
    items = [
        gettext("Adoption of the agenda"),
        gettext("Follow-up of the previous meeting's recommendations"),
        gettext("Progress of the work programme"),
        gettext("Any other business"),
    ]
    return "<ol>" + "".join(f"<li>{item}</li>" for item in items) + "</ol>"


class MeetingPage(GroupChildPage):
    """A meeting of the group, with attendance per member organisation and per person."""

    start = models.DateTimeField(_("start"), default=default_start)
    end = models.DateTimeField(_("end"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    agenda = RichTextField(_("agenda"), blank=True, default=default_agenda)
    other_participants = models.TextField(
        _("other participants"),
        blank=True,
        help_text=_(
            "People from outside the member organisations: one per line, with their organisation."
        ),
    )
    minutes = models.ForeignKey(
        "library.CustomDocument",
        verbose_name=_("minutes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    priority_themes = priority_themes_field("group_meetings")

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("start"), FieldPanel("end"), FieldPanel("place")],
            heading=_("When and where"),
        ),
        FieldPanel("agenda"),
        FieldPanel("priority_themes", widget=CheckboxSelectMultiple),
        FieldPanel("minutes"),
        InlinePanel("attendances", label=_("Attendance"), heading=_("Attendance")),
        FieldPanel("other_participants"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("agenda"), index.FilterField("start")]
    base_form_class = MeetingForm
    template = "groups/meeting_page.html"

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError(
                {"end": _("The end date cannot be before the start date.")},
                code="end_before_start",
            )
        if self.start and self.in_tree():
            members = validation.member_ids_on(self.get_parent(), self.start)
            for attendance in self.attendances.all():
                if attendance.organisation_id not in members:
                    raise ValidationError(
                        validation.not_member_message(attendance.organisation), code="not_member"
                    )

    @property
    def date(self):
        return timezone.localtime(self.start).date()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["attendances"] = list(self.attendances.select_related("organisation"))
        return context


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Excused")


class MeetingAttendance(Orderable):
    """Whether a member organisation attended (present, absent, excused), and who came.

    ``present`` follows ``status`` (kept for the dashboard's attendance rate and the page)."""

    page = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="attendances")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("attendance"),
        max_length=10,
        choices=AttendanceStatus.choices,
        default=AttendanceStatus.PRESENT,
    )
    present = models.BooleanField(_("present"), default=True, editable=False)
    persons = models.TextField(_("persons present"), blank=True, help_text=_("One name per line."))

    panels = [
        FieldPanel("organisation"),
        FieldPanel("status", widget=forms.RadioSelect(attrs={"class": "attendance-status"})),
        FieldPanel("persons"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")

    def __str__(self):
        return str(self.organisation)

    def save(self, *args, **kwargs):
        self.present = self.status == AttendanceStatus.PRESENT
        super().save(*args, **kwargs)

    @property
    def person_list(self):
        return [line.strip() for line in self.persons.splitlines() if line.strip()]

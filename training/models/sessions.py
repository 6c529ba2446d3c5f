"""Training sessions: when, where (or the online link), the trainer, the modules covered, the
participants with their attendance, and each participant's evaluation (1–5 and a comment).

Refused on the field, nothing saved: an end before the start, a participant listed twice, a
score outside 1–5 (the form, ``SessionForm``, and the model both check).

Participants, their attendance and evaluations are personal data: the public page shows the
date, place and modules; the list and the aggregated evaluation are shown to trainers only.
SQL cost of the session page: constant with the number of participants (``queries``).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from ..forms import SessionForm


class TrainingSessionPage(Page):
    """A training session given by a trainer to a group of participants."""

    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    online_link = models.URLField(
        _("online link"), blank=True, help_text=_("Video-conference link, for an online session.")
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    modules = ParentalManyToManyField(
        "training.TrainingModulePage",
        verbose_name=_("modules covered"),
        blank=True,
        related_name="+",
    )
    description = RichTextField(
        _("description"), blank=True, features=["bold", "italic", "ul", "link"]
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("start"),
                FieldPanel("end"),
                FieldPanel("place"),
                FieldPanel("online_link"),
                FieldPanel("trainer"),
            ],
            heading=_("When and where"),
        ),
        FieldPanel("modules"),
        FieldPanel("description"),
        InlinePanel(
            "participants",
            label=_("Participant"),
            heading=_("Participants, attendance and evaluation"),
        ),
    ]
    base_form_class = SessionForm
    parent_page_types = ["training.TrainingIndexPage"]
    subpage_types = []
    template = "training/training_session_page.html"

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError(
                {"end": _("The end cannot be before the start.")}, code="end_before_start"
            )
        if not self.place and not self.online_link:
            raise ValidationError(
                {"place": _("Give the place or the online link of the session.")},
                code="no_place",
            )
        seen = set()
        for participant in self.participants.all():
            if participant.user_id in seen:
                raise ValidationError(
                    _("%(user)s is listed twice.") % {"user": participant.user},
                    code="participant_twice",
                )
            seen.add(participant.user_id)

    def get_context(self, request, *args, **kwargs):
        from ..queries import session_context

        context = super().get_context(request, *args, **kwargs)
        context.update(session_context(self, request.user))
        return context


class Attendance(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")


class SessionParticipant(Orderable):
    """A participant of a session: attendance, and the evaluation they gave (1–5, comment)."""

    page = ParentalKey(TrainingSessionPage, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="training_sessions",
    )
    attendance = models.CharField(
        _("attendance"), max_length=16, choices=Attendance.choices, default=Attendance.REGISTERED
    )
    score = models.PositiveSmallIntegerField(
        _("evaluation (1–5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 = not useful at all, 5 = very useful."),
    )
    comments = models.TextField(_("comments"), blank=True)

    panels = [
        FieldPanel("user"),
        FieldPanel("attendance"),
        FieldPanel("score"),
        FieldPanel("comments"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self):
        return str(self.user)

"""Validation rules shared by the admin forms and the models (see ``groups.forms``)."""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def duplicate_year_message(page_class, parent, year, instance):
    """An error message when ``parent`` already has a ``page_class`` page for ``year``."""
    siblings = page_class.objects.child_of(parent).filter(year=year)
    if instance.pk:
        siblings = siblings.exclude(pk=instance.pk)
    if siblings.exists():
        return _("This group already has a page “%(kind)s” for %(year)s.") % {
            "kind": page_class._meta.verbose_name,
            "year": year,
        }
    return None


def member_ids_on(group_page, moment):
    """Ids of the organisations that are members of ``group_page`` on ``moment``'s date."""
    from .models import GroupMembership

    day = timezone.localtime(moment).date() if isinstance(moment, datetime.datetime) else moment
    return set(
        GroupMembership.objects.filter(page_id=group_page.pk, start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .values_list("organisation_id", flat=True)
    )


def not_member_message(organisation):
    return _("%(organisation)s is not a member of the group on the date of the meeting.") % {
        "organisation": organisation
    }


def sgt_parent_message(page_class, parent):
    from .models import SubGroupPage, ThematicGroupPage

    if issubclass(page_class, SubGroupPage) and parent.specific_class is not ThematicGroupPage:
        return _("A sub-group (SGT) can only be created inside a thematic group (GT).")
    return None


def acronym_taken(acronym, instance):
    from .models import SubGroupPage, ThematicGroupPage

    for model in (ThematicGroupPage, SubGroupPage):
        others = model.objects.filter(acronym__iexact=acronym)
        if instance.translation_key:
            others = others.exclude(translation_key=instance.translation_key)
        if others.exists():
            return True
    return False

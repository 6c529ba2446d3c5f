"""Admin page forms of the groups app: checks that need the parent page.

A new page has no place in the tree yet when its form is validated, so checks such as "one work
programme per year" or "attendance only for member organisations" are done here with the form's
``parent_page``; the models repeat them when a page already in the tree is saved.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from . import validation


class GroupChildPageForm(WagtailAdminPageForm):
    """Base form of the pages that live under a GT/SGT."""

    def group_page(self):
        parent = getattr(self, "parent_page", None)
        return parent.specific if parent is not None else None


class YearPageForm(GroupChildPageForm):
    """One page of a given kind per year and group (work programme, annual review…)."""

    def clean(self):
        cleaned = super().clean()
        year = cleaned.get("year")
        parent = self.group_page()
        if year and parent is not None and self.instance.pk is None:
            message = validation.duplicate_year_message(
                type(self.instance), parent, year, self.instance
            )
            if message:
                self.add_error("year", message)
        return cleaned


class MeetingForm(GroupChildPageForm):
    """Attendance may only be recorded for organisations that are members on the meeting date.

    The slug is made ASCII and unique among the group's pages (``-2``, ``-3``…) instead of
    failing on the "Promotion" tab, where a focal point would not see the error."""

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        parent = self.group_page()
        if not slug or parent is None:
            return slug
        from .meeting_views import unique_slug

        return unique_slug(parent, slug, self.instance)

    def clean(self):
        cleaned = super().clean()
        start = cleaned.get("start")
        parent = self.group_page()
        formset = self.formsets.get("attendances")
        if not start or parent is None or formset is None or self.instance.pk:
            return cleaned
        members = validation.member_ids_on(parent, start)
        formset.is_valid()  # make the rows' cleaned_data available (the result is cached)
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            organisation = data.get("organisation")
            if data.get("DELETE") or organisation is None:
                continue
            if organisation.pk not in members:
                form.add_error("organisation", validation.not_member_message(organisation))
        return cleaned


class GroupPageForm(WagtailAdminPageForm):
    """GT/SGT form: an SGT only under a GT; acronyms unique among groups."""

    def clean(self):
        cleaned = super().clean()
        parent = getattr(self, "parent_page", None)
        if parent is not None and self.instance.pk is None:
            message = validation.sgt_parent_message(type(self.instance), parent)
            if message:
                self.add_error(None, message)
        acronym = cleaned.get("acronym")
        if acronym and validation.acronym_taken(acronym, self.instance):
            self.add_error("acronym", _("Another group already uses this acronym."))
        return cleaned

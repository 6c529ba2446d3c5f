"""Admin form of a session: a participant twice is refused on the participant's field.

The model's ``clean`` repeats the check for sessions saved outside the admin.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class SessionForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("participants")
        if formset is None:
            return cleaned
        formset.is_valid()  # cleans the participants' forms (cached: run once)
        seen = set()
        for form in formset.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            user = form.cleaned_data.get("user")
            if user is None:
                continue
            if user.pk in seen:
                form.add_error("user", _("This person is already a participant of the session."))
            seen.add(user.pk)
        return cleaned

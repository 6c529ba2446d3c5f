"""Inline rows that exist before they are saved: the parts an imported activity still keeps
in its source (``extra_parts.lift``) are shown as rows without a primary key; on save each
posted row is matched, by position, to the same lifted row (recomputed from the same source),
so it keeps its element and an unedited one is re-published verbatim. Nothing of the element
travels through the browser. No SQL of its own."""

from modelcluster.forms import BaseChildFormSet
from wagtail.admin.panels import InlinePanel


class KeptRowsFormSet(BaseChildFormSet):
    def _lifted(self, i):
        if not (self.is_bound and i < self.initial_form_count()):
            return None
        if self.data.get(f"{self.add_prefix(i)}-{self.model._meta.pk.name}", "") != "":
            return None
        rows = list(self.get_queryset())
        if len(rows) != self.initial_form_count() or rows[i].pk is not None:
            return None  # the source changed since the page was shown: a new row
        return rows[i]

    def _construct_form(self, i, **kwargs):
        lifted = self._lifted(i)
        form = super()._construct_form(i, **kwargs)
        if lifted is not None:
            form.instance = lifted
        return form

    def save_existing_objects(self, commit=True):
        saved = super().save_existing_objects(commit=commit)
        deleted = self.deleted_forms
        for form in self.initial_forms:
            obj = form.instance
            if obj.pk is None and form not in deleted and not form.has_changed():
                saved.append(self.save_existing(form, obj, commit=commit))
                if not commit:
                    self.saved_forms.append(form)
        return saved


class KeptInlinePanel(InlinePanel):
    """An ``InlinePanel`` whose rows may have been lifted from the kept source."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = KeptRowsFormSet
        return options

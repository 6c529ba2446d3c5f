"""The activity editor's form: runs the IATI checks on save and puts each message in place."""

from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm

from . import extra_parts
from .checks import ERROR, RELATIONS, WARNING, check_activity


class ActivityAdminForm(WagtailAdminModelForm):
    """Validates the activity as IATI on save.

    Errors block publishing (they are attached to the field or inline row concerned); a draft
    with errors can still be saved, and the view then shows the errors and the warnings as
    messages."""

    iati_problems = ()

    def __init__(self, *args, **kwargs):
        instance = kwargs.get("instance")
        if instance is not None and not extra_parts.rows_are_truth(instance):
            # an imported activity's policy markers, tags…: shown as rows, kept as they were
            for relation, rows in extra_parts.lift(instance).items():
                setattr(instance, relation, rows)
        super().__init__(*args, **kwargs)

    def save(self, commit=True):
        extra_parts.adopt(self.instance)  # the rows are the truth from now on
        return super().save(commit=commit)

    def is_publishing(self):
        return "action-publish" in self.data

    def rows(self):
        """{relation: [(row form, object)]} of the rows that will be kept."""
        result = {}
        for relation in RELATIONS:
            formset = self.formsets.get(relation)
            if formset is None:
                continue
            kept = []
            for form in formset.forms:
                if not hasattr(form, "cleaned_data"):
                    continue
                if formset.can_delete and formset._should_delete_form(form):
                    continue
                if not (form.has_changed() or form.instance.pk or form.instance.iati_source):
                    continue
                kept.append((form, form.instance))
            result[relation] = kept
        return result

    def is_valid(self):
        if not super().is_valid():
            return False
        rows = self.rows()
        parts = {relation: [obj for _form, obj in pairs] for relation, pairs in rows.items()}
        if "recipient_countries" not in parts:
            parts["recipient_countries"] = []
        problems = check_activity(self.instance, parts)
        for problem in problems:
            if problem.rule_id == "codelist-withdrawn" and self._is_stored_value(problem, rows):
                problem.severity = WARNING  # existing data may keep a withdrawn code
        self.iati_problems = problems
        self.instance.last_updated = timezone.now()
        errors = [p for p in problems if p.severity == ERROR]
        if errors and self.is_publishing():
            for problem in errors:
                self._attach(problem, rows)
            return False
        return True

    def _is_stored_value(self, problem, rows):
        if problem.relation is None:
            form = self
        else:
            pairs = rows.get(problem.relation, [])
            if problem.index is None or problem.index >= len(pairs):
                return False
            form = pairs[problem.index][0]
        field = problem.field
        return bool(field) and form.initial.get(field) == form.cleaned_data.get(field)

    def _attach(self, problem, rows):
        if problem.relation is None or problem.relation not in self.formsets:
            field = problem.field if problem.field in self.fields else None
            self.add_error(field, problem.message)
            return
        formset = self.formsets[problem.relation]
        pairs = rows.get(problem.relation, [])
        if problem.index is not None and problem.index < len(pairs):
            form = pairs[problem.index][0]
            field = problem.field if problem.field in form.fields else None
            form.add_error(field, problem.message)
        else:
            formset._non_form_errors.append(problem.message)

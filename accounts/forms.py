"""Forms of the accounts app: invitation, acceptance (the person's own password), and the
Wagtail user edit form limited by ``accounts.policy`` (no escalation).

No SQL at import; the group choices are one query per form.
"""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserEditForm as WagtailUserEditForm

from . import policy
from .invitations import email_taken


class GroupsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    organisation_name = forms.CharField(label=_("Organisation"), max_length=255, required=False)
    language = forms.ChoiceField(
        label=_("Language of the e-mail"), choices=[("fr", "Français"), ("en", "English")]
    )
    groups = GroupsField(
        label=_("Groups to join"),
        queryset=Group.objects.none(),
        help_text=_("Only the groups you manage are listed."),
    )

    def __init__(self, *args, for_user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groups"].queryset = policy.manageable_groups(for_user).order_by("name")

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if email_taken(email):
            raise forms.ValidationError(
                _(
                    "This e-mail already has an account or a pending invitation. "
                    "Add the person to a group from the members page, or resend the invitation."
                ),
                code="taken",
            )
        return email


username_validator = RegexValidator(
    r"^[\w.@+-]+\Z", _("Letters, digits and @ . + - _ only, without spaces.")
)


class AcceptInvitationForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        validators=[username_validator],
        help_text=_("You will sign in with it. Letters, digits and @ . + - _ only."),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation

    def clean_username(self):
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is taken: choose another one."))
        return username

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are different."))
        elif first:
            probe = get_user_model()(
                username=cleaned.get("username", ""),
                email=self.invitation.email,
                first_name=self.invitation.first_name,
                last_name=self.invitation.last_name,
            )
            try:
                password_validation.validate_password(first, user=probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class UserEditForm(WagtailUserEditForm):
    """Wagtail's user edit form without escalation: only superusers see "Administrator"; the
    groups listed are those the editor manages (others the person has are kept as they are);
    nobody changes their own groups or active state. Passwords are never typed here
    (``WAGTAILUSERS_PASSWORD_ENABLED = False``): people reset their own."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_user = for_user
        editing_self = for_user is not None and for_user.pk == self.instance.pk
        if for_user is None or not for_user.is_superuser:
            self.fields.pop("is_superuser", None)
        if editing_self:
            self.fields.pop("groups", None)
            self.fields.pop("is_active", None)
        elif "groups" in self.fields and for_user is not None:
            self.fields["groups"].queryset = policy.manageable_groups(for_user).order_by("name")
            self.fields["groups"].help_text = _("Only the groups you manage are listed.")

    def save(self, commit=True):
        kept = []
        if "groups" in self.fields and self.instance.pk and self.for_user is not None:
            manageable = set(policy.manageable_groups(self.for_user).values_list("pk", flat=True))
            kept = [g for g in self.instance.groups.all() if g.pk not in manageable]
        user = super().save(commit=commit)
        if commit and kept:
            user.groups.add(*kept)
        return user

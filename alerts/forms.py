"""Forms of the alerts: subscribe (anyone) and manage (from a signed link)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Frequency
from .topics import parse_topic


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    topic = forms.CharField(label=_("Alerts about"), max_length=100)
    frequency = forms.ChoiceField(
        label=_("How often"), choices=Frequency.choices, initial=Frequency.WEEKLY
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_topic(self):
        topic = parse_topic(self.cleaned_data["topic"])
        if topic is None:
            raise forms.ValidationError(
                _("These alerts do not exist (any more). Subscribe from the page concerned.")
            )
        return topic


class ManageForm(forms.Form):
    """Language, frequency and the topics to keep; built for one subscriber's topics."""

    language = forms.ChoiceField(label=_("Language of the e-mails"), choices=settings.LANGUAGES)
    frequency = forms.ChoiceField(label=_("How often"), choices=Frequency.choices)
    keep = forms.MultipleChoiceField(
        label=_("Keep these alerts"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].choices = list(topics)

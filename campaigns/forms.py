import re
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from campaigns.models import normalize_email

# Bidi overrides and isolates, zero-width and other format characters, controls: they can make a
# name display as something else (U+202E) or smuggle line breaks into email headers.
INVISIBLE = re.compile(r"[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
PHONE_JUNK = re.compile(r"[\s().\-/]")
TIMESTAMP_SALT = "campaigns.form-started"
MIN_FILL_SECONDS = 3
MAX_FORM_AGE = 24 * 3600


def clean_text(value):
    return " ".join(INVISIBLE.sub("", value).split())


class SignupForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("Email"), max_length=254)
    country = forms.ChoiceField(label=_("Country"), required=False)
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=32,
        required=False,
        help_text=_("With the country code, e.g. +20 …"),
    )
    language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)
    consent = forms.BooleanField(required=False)  # never pre-ticked; required per campaign
    # Hidden: where the signup came from, a trap for bots, and when the form was shown.
    source = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    website = forms.CharField(required=False, max_length=200)  # honeypot: people leave it empty
    started = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)

    def __init__(self, *args, campaign, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.fields["language"].initial = language
        self.fields["consent"].label = campaign.translation("consent_text")[0]
        self.fields["consent"].required = campaign.consent_required
        # Listed now, in the page's language (Arabic names on Arabic pages).
        self.fields["country"].choices = [("", _("— Choose —")), *countries]
        self.fields["started"].initial = signing.dumps(time.time(), salt=TIMESTAMP_SALT)
        self.fields["website"].widget.attrs.update(tabindex="-1", autocomplete="off")

    def clean_full_name(self):
        name = clean_text(self.cleaned_data["full_name"])
        if not name:
            raise forms.ValidationError(_("Please write your name."))
        return name

    def clean_email(self):
        return normalize_email(self.cleaned_data["email"])

    def clean_phone(self):
        phone = PHONE_JUNK.sub("", clean_text(self.cleaned_data["phone"]))
        if phone.startswith("00"):
            phone = "+" + phone[2:]
        if phone and not re.fullmatch(r"\+?[0-9]{6,15}", phone):
            raise forms.ValidationError(_("Write the number with digits only, e.g. +20 …"))
        return phone

    def clean_source(self):
        return clean_text(self.cleaned_data["source"])[:200]

    @property
    def looks_automated(self):
        """A filled honeypot, or a form sent too fast, too late or without our timestamp."""
        if self.cleaned_data.get("website"):
            return True
        try:
            started = signing.loads(
                self.cleaned_data.get("started", ""), salt=TIMESTAMP_SALT, max_age=MAX_FORM_AGE
            )
        except signing.BadSignature:
            return True
        try:
            elapsed = time.time() - float(started)
        except (TypeError, ValueError):
            return True
        return not MIN_FILL_SECONDS <= elapsed <= MAX_FORM_AGE

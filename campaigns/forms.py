import re
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from campaigns.models import normalize_email
from core.languages import alphabetical_key, fold_digits

# Bidi overrides and isolates, zero-width and other format characters, controls: they can make a
# name display as something else (U+202E) or smuggle line breaks into email headers.
INVISIBLE = re.compile(r"[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
PHONE_JUNK = re.compile(r"[\s().\-/]")
TIMESTAMP_SALT = "campaigns.form-started"
MIN_FILL_SECONDS = 3
MAX_FORM_AGE = 24 * 3600


def clean_text(value):
    # Line breaks and tabs become spaces first ("Leila\nAhmed" is two words), then the rest goes.
    return " ".join(INVISIBLE.sub("", " ".join(value.split())).split())


def country_choices(first=()):
    """The country list as the form shows it, in the page's language: the countries `first` (a
    campaign's countries_first) at the top, then the others in that language's alphabetical order
    (django-countries keeps the English order: Arabic readers could not find their country)."""
    listed = sorted(countries, key=lambda country: alphabetical_key(str(country.name)))
    codes = {str(code) for code in first}
    if not codes:
        return [("", _("— Choose —")), *listed]
    # The others under a label: a screen reader hears where the short list ends.
    top = [(code, name) for code, name in listed if code in codes]
    others = [(code, name) for code, name in listed if code not in codes]
    return [("", _("— Choose —")), *top, (_("Other countries"), others)]


class CountryChoiceField(forms.ChoiceField):
    def valid_value(self, value):
        # By code: not by going through the 250 names listed, in every signup.
        return value in countries


class TelInput(forms.TextInput):
    input_type = "tel"


# Addresses and phone numbers read left to right in an Arabic form too ("+20 100 123 4567", not
# "4567 123 100 20+"); `autocomplete` lets a phone's browser fill in what it knows.
LEFT_TO_RIGHT = {"dir": "ltr"}


class SignupForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", **LEFT_TO_RIGHT}),
    )
    country = CountryChoiceField(
        label=_("Country"),
        required=False,  # its choices are the campaign's: set when the form is made
        widget=forms.Select(attrs={"autocomplete": "country"}),
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=32,
        required=False,
        help_text=_("With the country code, e.g. +20 …"),
        widget=TelInput(attrs={"autocomplete": "tel", **LEFT_TO_RIGHT}),
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
        self.fields["country"].choices = country_choices(campaign.countries_first)
        self.fields["consent"].label = campaign.translation("consent_text")[0]
        self.fields["consent"].required = campaign.consent_required
        self.fields["started"].initial = signing.dumps(time.time(), salt=TIMESTAMP_SALT)
        self.fields["website"].widget.attrs.update(tabindex="-1", autocomplete="off")

    def clean_full_name(self):
        name = clean_text(self.cleaned_data["full_name"])
        if not name:
            raise forms.ValidationError(_("Please write your name."))
        return name

    def clean_email(self):
        # Checked again once normalised: NFKC can turn a valid address into another string ("﹫"
        # becomes "@", "ﷺ" becomes 18 letters and the address longer than its column).
        email = normalize_email(self.cleaned_data["email"])
        self.fields["email"].run_validators(email)
        try:  # as Django's mail will encode the domain: an address it cannot send to is refused
            email.rsplit("@", 1)[1].encode("idna")
        except UnicodeError:
            raise forms.ValidationError(validate_email.message, code="invalid") from None
        return email

    def clean_phone(self):
        phone = PHONE_JUNK.sub("", fold_digits(clean_text(self.cleaned_data["phone"])))
        if phone.startswith("00"):
            phone = "+" + phone[2:]
        if phone and not re.fullmatch(r"\+?[0-9]{6,15}", phone):
            raise forms.ValidationError(_("Write the number with digits only, e.g. +20 …"))
        return phone

    def clean_source(self):
        return clean_text(self.cleaned_data["source"])[:200]

    def clean(self):
        cleaned = super().clean()
        # A person who filled the form in a blink (autofill) or left it open for a day is asked
        # to send it again, with a fresh timestamp; nothing they typed is lost.
        started = self.started_at()
        if started is not None and not MIN_FILL_SECONDS <= time.time() - started <= MAX_FORM_AGE:
            self.data = self.data.copy()
            self.data[self.add_prefix("started")] = self.fields["started"].initial
            raise forms.ValidationError(
                _("Please check your details and send the form again."), code="timing"
            )
        return cleaned

    def started_at(self):
        """When this form was shown: None when the timestamp is not ours (a bot's forgery)."""
        try:
            value = signing.loads(
                self.data.get(self.add_prefix("started"), ""), salt=TIMESTAMP_SALT
            )
            return float(value)
        except (signing.BadSignature, TypeError, ValueError):
            return None

    def signup_fields(self):
        """What Signup.objects.record() takes from the form."""
        fields = ("email", "full_name", "country", "phone", "language", "consent")
        return {field: self.cleaned_data[field] for field in fields}

    @property
    def looks_automated(self):
        """A filled honeypot, or a timestamp we never signed: answered as if accepted."""
        return bool(self.cleaned_data.get("website")) or self.started_at() is None

import unicodedata

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from django_prose_editor.fields import ProseEditorField

from articles.models import Article, RichText, Translated, current_language
from articles.sanitize import EDITOR_EXTENSIONS, sanitize_html


def normalize_email(email):
    """Lower-cased, NFKC, trimmed. Gmail-style dots and +tags are kept: they are real addresses."""
    return unicodedata.normalize("NFKC", email or "").strip().lower()


class CampaignQuerySet(models.QuerySet):
    def open(self):
        """Active and between its opening and closing times (decided here, no cron)."""
        now = timezone.now()
        return self.filter(
            Q(opens_at__isnull=True) | Q(opens_at__lte=now),
            Q(closes_at__isnull=True) | Q(closes_at__gt=now),
            active=True,
        )

    def in_language(self, language=None):
        language = language or current_language()
        return self.filter(**{f"title_{language}__gt": "", f"slug_{language}__gt": ""})


class Campaign(RichText, Translated, models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, allow_unicode=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = ProseEditorField(
        _("body"), extensions=EDITOR_EXTENSIONS, sanitize=sanitize_html, blank=True
    )
    button_label = models.CharField(_("button label"), max_length=60)
    consent_text = models.TextField(
        _("consent text"), help_text=_("What a supporter agrees to when ticking the box.")
    )
    thank_you_text = models.TextField(_("thank-you text"))
    consent_required = models.BooleanField(
        _("consent required"),
        default=True,
        help_text=_("Refuse a signup whose consent box is not ticked."),
    )
    goal = models.PositiveIntegerField(_("goal"), default=1000)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)
    featured = models.BooleanField(
        _("site-wide call to action"),
        default=False,
        help_text=_('Where every "Join the movement" button leads.'),
    )
    articles = models.ManyToManyField(
        Article,
        blank=True,
        related_name="campaigns",
        verbose_name=_("promoted under these articles"),
    )
    # Counts kept on the row and changed with F() so concurrent confirmations never lose one.
    confirmed_count = models.PositiveIntegerField(_("confirmed supporters"), default=0)
    erased_count = models.PositiveIntegerField(_("supporters who erased their data"), default=0)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-featured", "-id"]
        permissions = [("export_signup", _("Can export signups"))]
        constraints = [
            models.UniqueConstraint(fields=["slug_ar"], name="campaign_slug_ar_unique"),
            models.UniqueConstraint(fields=["slug_en"], name="campaign_slug_en_unique"),
        ]

    def __str__(self):
        return self.translation("title")[0]

    def get_absolute_url(self):
        return self.url_in(current_language())

    def url_in(self, language):
        if slug := self.in_language("slug", language):
            with translation.override(language):
                return reverse("campaigns:detail", kwargs={"slug": slug})
        return None

    @property
    def is_open(self):
        now = timezone.now()
        return (
            self.active
            and (self.opens_at is None or self.opens_at <= now)
            and (self.closes_at is None or self.closes_at > now)
        )

    @property
    def has_not_opened(self):
        return self.opens_at is not None and self.opens_at > timezone.now()

    def count_confirmation(self, change):
        Campaign.objects.filter(pk=self.pk).update(confirmed_count=F("confirmed_count") + change)


class Signup(models.Model):
    """One supporter in one campaign: a repeat signup updates this row, never adds one."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="signups", verbose_name=_("campaign")
    )
    email = models.EmailField(_("email"), max_length=254)
    full_name = models.CharField(_("full name"), max_length=200)
    country = CountryField(_("country"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    consent_given_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    consent_text = models.TextField(_("consent text shown"), blank=True)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("left"), null=True, blank=True)

    class Meta:
        verbose_name = _("signup")
        verbose_name_plural = _("signups")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "email"], name="signup_one_per_email"),
        ]

    def __str__(self):
        return self.email

    @property
    def is_counted(self):
        return self.confirmed_at is not None and self.unsubscribed_at is None

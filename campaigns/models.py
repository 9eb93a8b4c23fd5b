import unicodedata
from collections import Counter

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from django_prose_editor.fields import ProseEditorField

from articles.models import Article
from core.bilingual import RichText, Translated
from core.languages import current_language, url_in_language
from core.sanitize import EDITOR_EXTENSIONS, sanitize_html
from staff import audit


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
            return url_in_language(language, "campaigns:detail", slug=slug)
        return None

    @cached_property
    def is_open(self):
        return Campaign.objects.open().filter(pk=self.pk).exists()

    @property
    def has_not_opened(self):
        return self.opens_at is not None and self.opens_at > timezone.now()

    def add_to_counts(self, confirmed=0, erased=0):
        """Change the counts with F(), so concurrent confirmations never lose one."""
        Campaign.objects.filter(pk=self.pk).update(
            confirmed_count=F("confirmed_count") + confirmed,
            erased_count=F("erased_count") + erased,
        )


class SignupQuerySet(models.QuerySet):
    def erase(self, by=None):
        """Delete these supporters' data, all of it: only the campaigns' numbers remain, kept
        right. The audit log says who erased how many (None: the supporter), never whose."""
        with transaction.atomic():
            # Locked through a subquery: whatever joins, ordering or DISTINCT `self` carries.
            locked = Signup.objects.filter(pk__in=self.values("pk")).select_for_update()
            signups = list(locked.only("campaign", "confirmed_at", "unsubscribed_at"))
            erased, confirmed = Counter(), Counter()
            for signup in signups:
                erased[signup.campaign_id] += 1
                confirmed[signup.campaign_id] += signup.is_counted
            Signup.objects.filter(pk__in=[signup.pk for signup in signups]).delete()
            for campaign in Campaign.objects.filter(pk__in=erased):
                campaign.add_to_counts(
                    confirmed=-confirmed[campaign.pk], erased=erased[campaign.pk]
                )
                who = {"by": "supporter"} if by is None else {}
                audit.record(
                    audit.Action.ERASURE, by, campaign.slug, count=erased[campaign.pk], **who
                )
        return len(signups)


class SignupManager(models.Manager.from_queryset(SignupQuerySet)):
    def record(self, campaign, *, email, full_name, country, phone, language, consent, source):
        """Insert or update the supporter's row and queue the email, in one transaction.

        New and known addresses take the same path (same queries, same answer), so neither the
        page nor its timing tells whether an address had signed before; only the email says so.
        `source`: where the signup came from (page, source, UTM), kept with the last 19 others.
        """
        from campaigns.tasks import send_signup_email  # the task module imports this one

        now = timezone.now()
        fields = {"full_name": full_name, "country": country, "phone": phone, "language": language}
        if consent:  # a later signup without the box ticked does not withdraw an earlier consent
            consent_text = campaign.translation("consent_text")[0]
            fields |= {"consent_given_at": now, "consent_text": consent_text}
        with transaction.atomic():
            known = self.filter(campaign=campaign, email=email).exists()
            self.bulk_create(
                [Signup(campaign=campaign, email=email, **fields)],
                update_conflicts=True,
                unique_fields=["campaign", "email"],
                update_fields=[*fields, "updated_at"],
            )
            signup = self.select_for_update().get(campaign=campaign, email=email)
            signup.sources = [
                *signup.sources[-19:],
                {"at": now.isoformat(timespec="seconds")} | source,
            ]
            signup.save(update_fields=["sources"])
            # Queued in this transaction: committed with the signup, or not at all.
            send_signup_email.enqueue(signup.pk, known)
        return signup


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

    objects = SignupManager()

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

    def confirm(self):
        """Count the supporter in (again, if they had left): the confirm link's button."""
        with transaction.atomic():
            locked = Signup.objects.select_for_update().get(pk=self.pk)
            if not locked.is_counted:
                locked.confirmed_at = locked.confirmed_at or timezone.now()
                locked.unsubscribed_at = None
                locked.save(update_fields=["confirmed_at", "unsubscribed_at", "updated_at"])
                self.campaign.add_to_counts(confirmed=+1)
        self.confirmed_at, self.unsubscribed_at = locked.confirmed_at, locked.unsubscribed_at

    def leave(self):
        """Stop counting the supporter and stop writing to them; their row stays until erased."""
        with transaction.atomic():
            locked = Signup.objects.select_for_update().filter(pk=self.pk).first()
            if locked is None:  # erased meanwhile
                return
            if locked.is_counted:
                self.campaign.add_to_counts(confirmed=-1)
            locked.unsubscribed_at = locked.unsubscribed_at or timezone.now()
            locked.save(update_fields=["unsubscribed_at", "updated_at"])
        self.unsubscribed_at = locked.unsubscribed_at

    def erase(self, by=None):
        """Delete this supporter's data (see SignupQuerySet.erase)."""
        Signup.objects.filter(pk=self.pk).erase(by)

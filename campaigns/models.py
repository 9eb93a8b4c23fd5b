import secrets
import unicodedata
import uuid
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, models, transaction
from django.db.models import Count, Exists, ExpressionWrapper, F, OuterRef, Q, Sum, Value
from django.db.models.functions import TruncDate
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import CountryField
from django_prose_editor.fields import ProseEditorField

from articles.images import SafeImageField, focal_point_fields
from articles.models import Article, delete_image_when_unused, make_renditions
from core.bilingual import RichText, Translated
from core.languages import LANGUAGE_CODES, current_language, url_in_language
from core.sanitize import EDITOR_EXTENSIONS, sanitize_html
from staff import audit


def site_day(moment=None):
    """The day `moment` (default: now) falls on in the site's time zone: the dashboard's days."""
    return timezone.localdate(moment, timezone.get_default_timezone())


def normalize_email(email):
    """Lower-cased, NFKC, trimmed. Gmail-style dots and +tags are kept: they are real addresses."""
    return unicodedata.normalize("NFKC", email or "").strip().lower()


def open_now():
    """Active and between its opening and closing times (decided here, no cron)."""
    now = timezone.now()
    return Q(
        Q(opens_at__isnull=True) | Q(opens_at__lte=now),
        Q(closes_at__isnull=True) | Q(closes_at__gt=now),
        active=True,
    )


class CampaignQuerySet(models.QuerySet):
    def open(self):
        return self.filter(open_now())

    def with_is_open(self):
        """Each campaign with its `is_open` read in the same query."""
        return self.annotate(
            is_open=ExpressionWrapper(open_now(), output_field=models.BooleanField())
        )

    def in_language(self, language=None):
        language = language or current_language()
        return self.filter(**{f"title_{language}__gt": "", f"slug_{language}__gt": ""})

    def with_recent_signups(self, days):
        """Each campaign with `recent_signups`: its signups of the last `days` days in the site's
        time zone (today's included), added up from SignupTally, never read from the signups."""
        since = (site_day() - timedelta(days=days - 1)).isoformat()
        recent = (
            SignupTally.objects.filter(
                campaign=OuterRef("pk"), figure=SignupTally.DAY, value__gte=since
            )
            .order_by()
            .values("campaign")
            .annotate(total=Sum("count"))
            .values("total")
        )
        return self.annotate(recent_signups=models.functions.Coalesce(models.Subquery(recent), 0))

    def to_join_from(self, page_object=None):
        """Where "Join the movement" leads from a page about `page_object`: an open campaign
        promoted under that article, else the site-wide one (featured), newest first; None."""
        campaigns = self.open().in_language()
        if isinstance(page_object, Article):
            promoted = Campaign.articles.through.objects.filter(
                campaign=OuterRef("pk"), article=page_object
            )
            campaigns = (
                campaigns.filter(Q(featured=True) | Q(articles=page_object))
                .annotate(own=Exists(promoted))
                .order_by("-own", "-id")
            )
        else:
            campaigns = campaigns.filter(featured=True).order_by("-id")
        return campaigns.first()

    def to_join_after(self, campaign):
        """The campaign a supporter of `campaign` is asked to join next: another one open in the
        page's language, the site-wide one first, then the newest; None."""
        others = self.open().in_language().exclude(pk=campaign.pk)
        return others.order_by("-featured", "-id").first()


def campaign_image_path(instance, filename):
    # A random name (clean_image gives the file one too): the uploader's name can identify them.
    return f"campaigns/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()[:6]}"


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
    # Named as the article's image fields are: the sharing tags and the picture templates take
    # either (articles.templatetags.sharing.card_image).
    hero_image = SafeImageField(
        _("image"),
        upload_to=campaign_image_path,
        blank=True,
        width_field="hero_width",
        height_field="hero_height",
        help_text=_("Shown on the campaign's page, in its card and when its link is shared."),
    )
    hero_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_alt = models.CharField(_("image description (alt text)"), max_length=250, blank=True)
    hero_focal_x, hero_focal_y = focal_point_fields()
    goal = models.PositiveIntegerField(_("goal"), default=1000)
    show_count_from = models.PositiveIntegerField(
        _("show the count from"),
        default=100,
        help_text=_(
            "Below this many confirmed supporters the page shows the goal only: a young "
            "campaign does not show “3 of 5,000” and an empty bar."
        ),
    )
    countries_first = CountryField(
        _("countries listed first"),
        multiple=True,
        blank=True,
        help_text=_(
            "Listed at the top of the signup form's country list, before all the others: "
            "where most supporters are expected to come from."
        ),
    )
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

    def save(self, *args, **kwargs):
        stored = getattr(self, "_stored_image", "")
        super().save(*args, **kwargs)
        self._stored_image = self.hero_image.name or ""
        if stored and stored != self._stored_image:
            delete_image_when_unused(stored)
        if self.hero_image:
            make_renditions(self.hero_image, self.hero_focal_x, self.hero_focal_y)

    def get_absolute_url(self):
        return self.url_in(current_language())

    @classmethod
    def from_db(cls, db, field_names, values):
        campaign = super().from_db(db, field_names, values)
        # The image as loaded: save() deletes the one a new upload replaces.
        if "hero_image" in field_names:
            campaign._stored_image = values[field_names.index("hero_image")] or ""
        return campaign

    def clean(self):
        super().clean()
        # The image speaks for the campaign in every language it is published in (and to screen
        # readers, and in shared links): it needs a description there.
        if self.hero_image:
            missing = [
                code
                for code in LANGUAGE_CODES
                if self.in_language("title", code) and not self.in_language("hero_alt", code)
            ]
            if missing:
                raise ValidationError(
                    {
                        f"hero_alt_{code}": _("Describe the image in this language too.")
                        for code in missing
                    }
                )

    def url_in(self, language):
        if slug := self.in_language("slug", language):
            return url_in_language(language, "campaigns:detail", slug=slug)
        return None

    @property
    def shows_count(self):
        """Whether public pages show how many have joined: from `show_count_from` on. Before,
        they show the goal alone ("0 of 5,000" and an empty bar would put people off)."""
        return self.confirmed_count >= self.show_count_from

    def next_step(self):
        """What a supporter of this campaign is offered next: another open campaign, else the
        latest articles in the page's language. {"campaign": …, "articles": […]}; two queries
        at most."""
        campaign = Campaign.objects.to_join_after(self)
        articles = [] if campaign else list(Article.objects.public().listed()[:NEXT_ARTICLES])
        return {"campaign": campaign, "articles": articles}

    @cached_property
    def is_open(self):  # unless read with the campaign (CampaignQuerySet.with_is_open)
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

    def numbers(self, days, top_sources):
        """The dashboard's figures: signups (all, confirmed, left); [(day, signups)] for each of
        the last `days` days in the site's time zone, today first; the `top_sources` most common
        last sources and the signups per country, [(source or code, signups)] most first. Added
        up from SignupTally in two queries over a few hundred rows, however many signups."""
        calendar = [site_day() - timedelta(days=n) for n in range(days)]
        tallies = (
            SignupTally.objects.filter(campaign=self)
            .values("figure", "value")
            .annotate(count=Sum("count"))
            .filter(count__gt=0)  # a country or a source whose signups were all erased
            .order_by()
        )
        counts = defaultdict(dict)
        undated = [
            SignupTally.SIGNUPS,
            SignupTally.CONFIRMED,
            SignupTally.LEFT,
            SignupTally.COUNTRY,
        ]
        shown = tallies.filter(
            Q(figure__in=undated) | Q(figure=SignupTally.DAY, value__gte=calendar[-1].isoformat())
        )
        for row in shown:
            counts[row["figure"]][row["value"]] = row["count"]
        sources = tallies.filter(figure=SignupTally.SOURCE).order_by("-count", "value")
        per_country = counts[SignupTally.COUNTRY].items()
        return {
            "total": counts[SignupTally.SIGNUPS].get("", 0),
            "confirmed": counts[SignupTally.CONFIRMED].get("", 0),
            "unsubscribed": counts[SignupTally.LEFT].get("", 0),
            "per_day": [(day, counts[SignupTally.DAY].get(day.isoformat(), 0)) for day in calendar],
            "sources": list(sources.values_list("value", "count")[:top_sources]),
            "countries": sorted(per_country, key=lambda row: (-row[1], row[0])),
        }


NEXT_ARTICLES = 3


@receiver(post_delete, sender=Campaign)
def delete_campaign_image(sender, instance, **kwargs):
    if instance.hero_image:
        delete_image_when_unused(instance.hero_image.name)


class SignupQuerySet(models.QuerySet):
    def erase(self, by=None):
        """Delete these supporters' data, all of it: only the campaigns' numbers remain, kept
        right. The audit log says who erased how many (None: the supporter), never whose."""
        with transaction.atomic():
            # Locked through a subquery: whatever joins, ordering or DISTINCT `self` carries.
            locked = Signup.objects.filter(pk__in=self.values("pk")).select_for_update()
            signups = list(locked.only("campaign", *Signup.FIGURED))
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
            # Last, as everywhere: the campaign's row locked before the tally's, never after.
            SignupTally.objects.take_away(signups)
        return len(signups)


class SignupManager(models.Manager.from_queryset(SignupQuerySet)):
    def record(self, campaign, *, email, full_name, country, phone, language, consent, source):
        """Take a signup for `email` and queue the email to that address, in one transaction.

        New and known addresses take the same path (same queries, same answer), so neither the
        page nor its timing tells whether an address had signed before; only the email says so.
        What a known address's row keeps or takes is `Signup.receive`'s rule.
        `source`: where the signup came from (page, source, UTM).
        """
        from campaigns.tasks import send_signup_email  # the task module imports this one

        now = timezone.now()
        details = {"full_name": full_name, "country": country, "phone": phone, "language": language}
        if consent:  # a later signup without the box ticked does not withdraw an earlier consent
            details |= {
                "consent_given_at": now,
                "consent_text": campaign.translation("consent_text")[0],
            }
        new = Signup(campaign=campaign, email=email, **details)
        with transaction.atomic():
            signup = self.insert_or_lock(new)
            # The row is ours if it holds the random link id made for it above.
            known = signup.link_id != new.link_id
            counted = signup.figures() if known else []  # the insert counted nothing
            signup.receive(details, {"at": now.isoformat(timespec="seconds")} | source)
            # Even when nothing changed: a known address costs the statements a new one does.
            SignupTally.objects.count_change(signup, counted)
            # Queued in this transaction: committed with the signup, or not at all.
            send_signup_email.enqueue(signup.pk, known)
        return signup

    def insert_or_lock(self, new):
        """The row `new` (unsaved) names: `new` inserted, or the row already there for its
        campaign and address, untouched; locked till the transaction ends. One statement either
        way (bulk_create would return the id only, and the row take another)."""
        connection = connections[self.db]
        quote = connection.ops.quote_name
        fields = [field for field in self.model._meta.concrete_fields if not field.primary_key]
        values = [field.get_db_prep_save(field.pre_save(new, True), connection) for field in fields]
        updated = quote(self.model._meta.get_field("updated_at").column)
        sql = (
            f"INSERT INTO {quote(self.model._meta.db_table)} "  # noqa: S608 (the model's names)
            f"({', '.join(quote(field.column) for field in fields)}) "
            f"VALUES ({', '.join(['%s'] * len(fields))}) "
            f"ON CONFLICT ({quote('campaign_id')}, {quote('email')}) "
            f"DO UPDATE SET {updated} = EXCLUDED.{updated} RETURNING *"
        )
        return self.raw(sql, values)[0]


def new_link_id():
    """The random name of a supporter's row in their links (campaigns.tokens): no id, no count."""
    return secrets.token_urlsafe(16)


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
    # The `source` of the newest entry of `sources`, in a column: filtered and counted by index.
    last_source = models.CharField(_("last source"), max_length=200, blank=True, editable=False)
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("left"), null=True, blank=True)
    # Details sent again for a confirmed address: applied only by the confirm link emailed to it.
    pending_change = models.JSONField(
        _("change waiting for confirmation"), default=dict, editable=False
    )
    link_id = models.CharField(max_length=22, unique=True, default=new_link_id, editable=False)

    objects = SignupManager()

    class Meta:
        verbose_name = _("signup")
        verbose_name_plural = _("signups")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "email"], name="signup_one_per_email"),
        ]
        # What the admin sorts, filters, searches and counts by, at a million signups: each list
        # is read in index order, each dashboard figure from an index alone.
        indexes = [
            models.Index(F("created_at").desc(), name="signup_newest"),
            models.Index("campaign", F("created_at").desc(), name="signup_campaign_newest"),
            models.Index(fields=["campaign", "country"], name="signup_campaign_country"),
            models.Index(fields=["campaign", "last_source"], name="signup_campaign_source"),
            models.Index(fields=["email"], name="signup_email"),
            *(
                models.Index(
                    fields=["campaign"], condition=Q(**{f"{field}__isnull": False}), name=name
                )
                for field, name in (
                    ("confirmed_at", "signup_campaign_confirmed"),
                    ("unsubscribed_at", "signup_campaign_left"),
                )
            ),
        ]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        # Derived on every save, so no write path leaves the column behind `sources`.
        self.last_source = self.sources[-1].get("source", "") if self.sources else ""
        super().save(*args, **kwargs)

    @property
    def is_counted(self):
        return self.confirmed_at is not None and self.unsubscribed_at is None

    # What the dashboard counts a signup by (SignupTally). Whatever changes one of these on a row
    # counts the change: SignupTally.objects.count_change(row, its figures before).
    FIGURED = ("created_at", "country", "last_source", "confirmed_at", "unsubscribed_at")

    def figures(self):
        """[(figure, value)] this signup counts in on its campaign's dashboard."""
        figures = [
            (SignupTally.SIGNUPS, ""),
            (SignupTally.DAY, site_day(self.created_at).isoformat()),
            (SignupTally.COUNTRY, self.country.code or ""),
            (SignupTally.SOURCE, self.last_source),
        ]
        if self.confirmed_at is not None:
            figures.append((SignupTally.CONFIRMED, ""))
        if self.unsubscribed_at is not None:
            figures.append((SignupTally.LEFT, ""))
        return figures

    DETAILS = ("full_name", "country", "phone", "language", "consent_given_at", "consent_text")

    def receive(self, details, source):
        """A signup sent for this row's address (by anyone: whoever knows the address can send one).

        A row never confirmed takes the details at once: nobody has proved the address yet, and
        its email asks again. A confirmed row keeps its details and its confirmation; the new ones
        wait in `pending_change` until the confirm link, sent to the address, applies them.
        Called on a locked row (Signup.objects.record).
        """
        if self.confirmed_at is None:
            for field, value in details.items():
                setattr(self, field, value)
            self.add_source(source)
            self.pending_change = {}
        else:
            self.pending_change = {**details, "source": source}
            if "consent_given_at" in details:
                self.pending_change["consent_given_at"] = details["consent_given_at"].isoformat()
        self.save(
            update_fields=[*self.DETAILS, "sources", "last_source", "pending_change", "updated_at"]
        )

    def add_source(self, source):
        """Keep where this signup came from, with the 19 entries before it."""
        self.sources = [*self.sources[-19:], source]

    @property
    def shown_details(self):
        """What the confirm link will confirm: the pending change if any, else the row's own."""
        return {
            field: self.pending_change.get(field, getattr(self, field)) for field in self.DETAILS
        }

    def details_for_owner(self):
        """(label, value) of `shown_details` in the active language, for the email and the
        confirm page: the owner of the address sees what they are confirming."""
        details = self.shown_details
        values = {
            "full_name": details["full_name"],
            "country": countries.name(details["country"]) if details["country"] else "",
            "phone": details["phone"],
            "language": dict(settings.LANGUAGES).get(details["language"], ""),
        }
        return [
            (capfirst(self._meta.get_field(field).verbose_name), value)
            for field, value in values.items()
            if value
        ]

    def confirm(self):
        """Count the supporter in (again, if they had left) and apply the details sent again:
        the confirm link's button. Only the owner of the address has that link."""
        with transaction.atomic():
            locked = Signup.objects.select_for_update().get(pk=self.pk)
            counted = locked.figures()
            if pending := locked.pending_change:
                for field in self.DETAILS:
                    setattr(locked, field, pending.get(field, getattr(locked, field)))
                if "consent_given_at" in pending:
                    locked.consent_given_at = datetime.fromisoformat(pending["consent_given_at"])
                locked.add_source(pending["source"])
                locked.pending_change = {}
            if not locked.is_counted:
                locked.confirmed_at = locked.confirmed_at or timezone.now()
                locked.unsubscribed_at = None
                self.campaign.add_to_counts(confirmed=+1)
            elif not pending:
                return  # confirmed already, nothing sent since: the button pressed twice
            locked.save()
            SignupTally.objects.count_change(locked, counted)
        kept = ("sources", "last_source", "pending_change", "confirmed_at", "unsubscribed_at")
        for field in (*self.DETAILS, *kept):
            setattr(self, field, getattr(locked, field))

    def leave(self):
        """Stop counting the supporter and stop writing to them; their row stays until erased."""
        with transaction.atomic():
            locked = Signup.objects.select_for_update().filter(pk=self.pk).first()
            if locked is None:  # erased meanwhile
                return
            counted = locked.figures()
            if locked.is_counted:
                self.campaign.add_to_counts(confirmed=-1)
            locked.unsubscribed_at = locked.unsubscribed_at or timezone.now()
            locked.pending_change = {}  # and its confirm links die (campaigns.tokens)
            locked.save(update_fields=["unsubscribed_at", "pending_change", "updated_at"])
            SignupTally.objects.count_change(locked, counted)
        self.unsubscribed_at, self.pending_change = locked.unsubscribed_at, {}

    def erase(self, by=None):
        """Delete this supporter's data (see SignupQuerySet.erase)."""
        Signup.objects.filter(pk=self.pk).erase(by)


TALLY_SHARDS = 16


class SignupTallyManager(models.Manager):
    def count_change(self, signup, before):
        """Count `signup` in its figures now instead of `before` (its figures before the change;
        [] for a row not counted yet). One statement, even when nothing changed."""
        after = signup.figures()
        change = Counter(dict.fromkeys(before + after, 0))  # unchanged figures too: see record()
        change.update(after)
        change.subtract(before)
        shard = signup.pk % TALLY_SHARDS
        self.add(
            {(signup.campaign_id, figure, value, shard): n for (figure, value), n in change.items()}
        )

    def take_away(self, signups):
        """Uncount these signups, about to be deleted (each loaded with Signup.FIGURED)."""
        change = Counter()
        for signup in signups:
            shard = signup.pk % TALLY_SHARDS
            change.subtract((signup.campaign_id, *figure, shard) for figure in signup.figures())
        if change:
            self.add(change)

    def add(self, change):
        """Add each count of `change` {(campaign id, figure, value, shard): count} to its row."""
        # Rows locked in one order by every transaction: two can wait on each other, never both.
        rows = sorted(change.items())
        connection = connections[self.db]
        quote = connection.ops.quote_name
        table, count = quote(self.model._meta.db_table), quote("count")
        key = ", ".join(map(quote, ("campaign_id", "figure", "value", "shard")))
        places = ", ".join(["(%s, %s, %s, %s, %s)"] * len(rows))
        # An increment on conflict, which bulk_create(update_conflicts=True) cannot express.
        sql = (
            f"INSERT INTO {table} ({key}, {count}) VALUES {places} "  # noqa: S608 (the model's names)
            f"ON CONFLICT ({key}) DO UPDATE SET {count} = {table}.{count} + EXCLUDED.{count}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [value for key, n in rows for value in (*key, n)])

    def recount(self, campaigns):
        """Count these campaigns' signups afresh: after rows were written around Signup's methods
        (a bulk load), while no signup is taken."""
        signups = Signup.objects.filter(campaign__in=campaigns).order_by()
        figured = {
            self.model.SIGNUPS: (signups, Value("")),
            self.model.CONFIRMED: (signups.filter(confirmed_at__isnull=False), Value("")),
            self.model.LEFT: (signups.filter(unsubscribed_at__isnull=False), Value("")),
            self.model.DAY: (
                signups,
                TruncDate("created_at", tzinfo=timezone.get_default_timezone()),
            ),
            self.model.COUNTRY: (signups, F("country")),
            self.model.SOURCE: (signups, F("last_source")),
        }
        with transaction.atomic():
            self.filter(campaign__in=campaigns).delete()
            for figure, (rows, value) in figured.items():
                counted = (
                    rows.values("campaign", shard=F("pk") % TALLY_SHARDS, tallied=value)
                    .annotate(count=Count("pk"))
                    .values_list("campaign", "shard", "tallied", "count")
                )
                self.bulk_create(
                    self.model(
                        campaign_id=campaign,
                        figure=figure,
                        value=value.isoformat() if isinstance(value, date) else value,
                        shard=shard,
                        count=count,
                    )
                    for campaign, shard, value, count in counted
                )


class SignupTally(models.Model):
    """How many of a campaign's signups count in one of the dashboard's figures: all, confirmed,
    left, created on a day, from a country, with a last source. Changed in the transaction that
    changes a signup (record, confirm, leave, erase), so the dashboard adds up a few hundred rows
    instead of reading every signup."""

    SIGNUPS, CONFIRMED, LEFT = "signups", "confirmed", "left"
    DAY, COUNTRY, SOURCE = "day", "country", "source"

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    figure = models.CharField(max_length=10)
    value = models.CharField(max_length=200, blank=True)  # the day (ISO), country code or source
    # A signup counts in the shard of its id: signups taken at the same moment change different
    # rows, instead of each waiting for the one before it to commit.
    shard = models.PositiveSmallIntegerField()
    count = models.IntegerField(default=0)

    objects = SignupTallyManager()

    class Meta:
        default_permissions = ()  # written by Signup's methods only, read by the dashboard
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "figure", "value", "shard"], name="signup_tally_one_row"
            ),
        ]

    def __str__(self):
        return f"{self.figure} {self.value}: {self.count}"

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from campaigns.forms import SignupForm, clean_text
from campaigns.models import Campaign, Signup
from campaigns.tasks import send_signup_email
from campaigns.tokens import CONFIRM_LIFETIME, LEAVE_LIFETIME, email_digest, read_token
from newsroom import audit
from newsroom.outage import REDIS_ERRORS, warn_now_and_then
from newsroom.privacy import client_address, daily_key

RATE_WINDOW = 3600  # seconds
SIGNUPS_PER_ADDRESS = 30  # per network address and window: a family or an office shares one
SIGNUPS_PER_EMAIL = 5
# While Redis does not answer, each process counts alone: a looser limit (one per worker), but
# neither every signup let through nor every supporter refused.
local_rate_counts = LocMemCache("signup-rate-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})
UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")


def join(request):
    """Every "Join the movement" button without a campaign leads here: the open campaigns."""
    campaigns = Campaign.objects.open().in_language()
    return render(request, "campaigns/campaign_list.html", {"campaigns": campaigns})


def campaign_for(slug):
    return get_object_or_404(Campaign.objects.in_language(), **{f"slug_{get_language()}": slug})


@never_cache  # the page carries a CSRF token: never one copy for everyone
@require_http_methods(["GET", "HEAD", "POST"])
def campaign_detail(request, slug):
    campaign = campaign_for(slug)
    form = None
    if campaign.is_open:
        form = SignupForm(
            request.POST if request.method == "POST" else None,
            campaign=campaign,
            language=get_language(),
            # Cleaned as the posted value will be: a link's ?source= can never make the form fail.
            initial={"source": clean_text(request.GET.get("source", ""))[:200]},
        )
        if form.is_bound and form.is_valid():
            if not form.looks_automated:  # a bot gets the same answer, and nothing is stored
                if rate_limited(request, form.cleaned_data["email"]):
                    return render(request, "429.html", status=429)
                record_signup(campaign, form.cleaned_data, request)
            return redirect("campaigns:thanks", slug=slug)
    return render(
        request,
        "campaigns/campaign_detail.html",
        {"campaign": campaign, "form": form, "translated_object": campaign},
    )


def thanks(request, slug):
    campaign = campaign_for(slug)
    return render(
        request,
        "campaigns/campaign_thanks.html",
        {"campaign": campaign, "translated_object": campaign},
    )


def record_signup(campaign, data, request):
    """Insert or update the supporter's row and queue the email, in one transaction.

    New and known addresses take the same path (same queries, same answer), so neither the page
    nor its timing tells whether an address had signed before; only the email says so.
    """
    now = timezone.now()
    consent = data["consent"]
    fields = {
        "full_name": data["full_name"],
        "country": data["country"] or "",
        "phone": data["phone"],
        "language": data["language"],
    }
    if consent:  # a later signup without the box ticked does not withdraw an earlier consent
        fields |= {"consent_given_at": now, "consent_text": campaign.translation("consent_text")[0]}
    source = {
        "at": now.isoformat(timespec="seconds"),
        "page": request.path,
        "source": data["source"],
        # Cleaned like every field: PostgreSQL's jsonb refuses U+0000, which would lose the signup.
        **{key: clean_text(request.GET[key])[:100] for key in UTM_KEYS if key in request.GET},
    }
    with transaction.atomic():
        known = Signup.objects.filter(campaign=campaign, email=data["email"]).exists()
        Signup.objects.bulk_create(
            [Signup(campaign=campaign, email=data["email"], **fields)],
            update_conflicts=True,
            unique_fields=["campaign", "email"],
            update_fields=[*fields, "updated_at"],
        )
        signup = Signup.objects.select_for_update().get(campaign=campaign, email=data["email"])
        signup.sources = [*signup.sources[-19:], source]
        signup.save(update_fields=["sources"])
        # Queued in this transaction: committed with the signup, or not at all.
        send_signup_email.enqueue(signup.pk, known)
    return signup


def rate_limited(request, email):
    over = False
    for name, value, limit in (
        ("address", client_address(request), SIGNUPS_PER_ADDRESS),
        ("email", email, SIGNUPS_PER_EMAIL),
    ):
        key = f"signup-rate:{name}:{daily_key(value)}"
        try:
            count = counted(caches["ratelimit"], key)
        except REDIS_ERRORS:  # never cost a supporter their signup, nor let every bot through
            warn_now_and_then("rate-limit", "Signup rate limits are counted per process for now.")
            count = counted(local_rate_counts, key)
        over |= count > limit
    return over


def counted(cache, key):
    """One more in `key`'s window; how many so far."""
    cache.add(key, 0, RATE_WINDOW)
    try:
        return cache.incr(key)
    except ValueError:  # the key expired between add() and incr(): a new window
        cache.set(key, 1, RATE_WINDOW)
        return 1


def signup_from(token, purpose, lifetime):
    found = read_token(token, purpose, lifetime)
    if found is None:
        return None
    signup_id, digest = found
    signup = Signup.objects.select_related("campaign").filter(pk=signup_id).first()
    return signup if signup and email_digest(signup.email) == digest else None


# Confirm and leave links only show a page on GET (mail scanners open every link); the POST from
# that page's button does the work.
@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    signup = signup_from(token, "confirm", CONFIRM_LIFETIME)
    if signup is None:
        return render(request, "campaigns/link_invalid.html", status=400)
    done = request.method == "POST"
    if done:
        with transaction.atomic():
            locked = Signup.objects.select_for_update().get(pk=signup.pk)
            if not locked.is_counted:
                locked.confirmed_at = locked.confirmed_at or timezone.now()
                locked.unsubscribed_at = None
                locked.save(update_fields=["confirmed_at", "unsubscribed_at", "updated_at"])
                signup.campaign.count_confirmation(+1)
    return render(
        request, "campaigns/signup_confirm.html", {"campaign": signup.campaign, "done": done}
    )


@never_cache
@require_http_methods(["GET", "POST"])
def leave(request, token):
    signup = signup_from(token, "leave", LEAVE_LIFETIME)
    if signup is None:
        return render(request, "campaigns/link_invalid.html", status=400)
    action = request.POST.get("action") if request.method == "POST" else None
    if action in ("leave", "erase"):
        with transaction.atomic():
            locked = Signup.objects.select_for_update().filter(pk=signup.pk).first()
            if locked is not None:
                if locked.is_counted:
                    signup.campaign.count_confirmation(-1)
                if action == "erase":
                    locked.delete()  # the person's data, all of it; only a number remains
                    audit.record(audit.Action.ERASURE, target=signup.campaign.slug, by="supporter")
                    Campaign.objects.filter(pk=signup.campaign_id).update(
                        erased_count=F("erased_count") + 1
                    )
                else:
                    locked.unsubscribed_at = locked.unsubscribed_at or timezone.now()
                    locked.save(update_fields=["unsubscribed_at", "updated_at"])
    return render(
        request, "campaigns/signup_leave.html", {"campaign": signup.campaign, "done": action}
    )

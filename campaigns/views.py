from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from campaigns.forms import SignupForm, clean_text
from campaigns.models import Campaign, Signup
from campaigns.tokens import signup_for
from core.outage import REDIS_ERRORS, warn_now_and_then
from core.privacy import client_address, daily_key

RATE_WINDOW = 3600  # seconds
SIGNUPS_PER_ADDRESS = 30  # per network address and window: a family or an office shares one
SIGNUPS_PER_EMAIL = 5  # per campaign and email address: how many emails its owner can be sent
# While Redis does not answer, each process counts alone: a looser limit (one per worker), but
# neither every signup let through nor every supporter refused.
local_rate_counts = LocMemCache("signup-rate-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})
UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")


def join(request):
    """Every "Join the movement" button without a campaign leads here: the open campaigns."""
    campaigns = Campaign.objects.open().in_language()
    return render(request, "campaigns/campaign_list.html", {"campaigns": campaigns})


def campaign_for(slug):
    campaigns = Campaign.objects.in_language().with_is_open()
    return get_object_or_404(campaigns, **{f"slug_{get_language()}": slug})


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
            if form.looks_automated:  # a bot gets the same answer, and nothing is stored
                return redirect("campaigns:thanks", slug=slug)
            if over_limit("address", client_address(request), SIGNUPS_PER_ADDRESS):
                return render(request, "429.html", status=429)  # a flood from one network
            # Past the per-email limit the answer is a signup's, and nothing is stored or sent:
            # a 429 would tell whether the address had signed up lately, and lock its owner out.
            email_key = f"{campaign.pk}:{form.cleaned_data['email']}"
            if not over_limit("email", email_key, SIGNUPS_PER_EMAIL):
                source = signup_source(request, form.cleaned_data["source"])
                Signup.objects.record(campaign, **form.signup_fields(), source=source)
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
        {"campaign": campaign, "translated_object": campaign, "next_step": campaign.next_step()},
    )


def signup_source(request, source):
    """Where a signup came from: the page, the link's ?source= and UTM tags (cleaned like every
    field: PostgreSQL's jsonb refuses U+0000, which would lose the signup)."""
    utm = {key: clean_text(request.GET[key])[:100] for key in UTM_KEYS if key in request.GET}
    return {"page": request.path, "source": source, **utm}


def over_limit(name, value, limit):
    """One more signup counted for `value` in this window; True once past `limit`."""
    key = f"signup-rate:{name}:{daily_key(value)}"
    try:
        count = counted(caches["ratelimit"], key)
    except REDIS_ERRORS:  # never cost a supporter their signup, nor let every bot through
        warn_now_and_then("rate-limit", "Signup rate limits are counted per process for now.")
        count = counted(local_rate_counts, key)
    return count > limit


def counted(cache, key):
    """One more in `key`'s window; how many so far. Two round trips to Redis whether the window
    is open or not: the per-email count takes as long for a known address as for a new one."""
    try:
        return cache.incr(key)
    except ValueError:  # none in this window yet
        if cache.add(key, 1, RATE_WINDOW):
            return 1
        return cache.incr(key)  # another request opened the window meanwhile


# Confirm and leave links only show a page on GET (mail scanners open every link); the POST from
# that page's button does the work.
@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    signup = signup_for(token, "confirm")
    if signup is None:
        return render(request, "campaigns/link_invalid.html", status=400)
    done = request.method == "POST"
    context = {"campaign": signup.campaign, "signup": signup, "done": done}
    if done:
        signup.confirm()
        # The page's language is the email link's: the campaign may not be published in it.
        context["shared"] = signup.campaign.url_in(get_language()) is not None
        context["next_step"] = signup.campaign.next_step()
    return render(request, "campaigns/signup_confirm.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def leave(request, token):
    signup = signup_for(token, "leave")
    if signup is None:
        return render(request, "campaigns/link_invalid.html", status=400)
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "leave":
        signup.leave()
    elif action == "erase":
        signup.erase()  # the person's data, all of it; only a number remains
    return render(
        request, "campaigns/signup_leave.html", {"campaign": signup.campaign, "done": action}
    )

"""What error pages offer besides search and the home page: the site's current campaign."""

from django import template
from django.db import Error

from campaigns.models import Campaign
from core import fragments
from core.outage import warn_now_and_then

register = template.Library()


@register.inclusion_tag("includes/_current_campaign.html", takes_context=True)
def current_campaign(context):
    """The site-wide campaign (Campaign.objects.to_join_from), kept between requests
    (core.fragments): a flood of 404s costs no query. Left out while the database fails: the
    error page is still the page it was meant to be."""
    try:
        campaign = fragments.remember(
            context["request"], fragments.key("current-campaign"), find_current_campaign
        )
    except Error as error:  # django.db.Error: however the database failed
        warn_now_and_then("error-page-campaign", "An error page left its campaign out: %r", error)
        campaign = None
    return {"campaign": campaign}


def find_current_campaign():
    campaign = Campaign.objects.to_join_from()
    return campaign and {"title": campaign.title, "url": campaign.get_absolute_url()}

from django import template
from django.urls import reverse

from articles.models import Article
from campaigns.models import Campaign
from core import fragments

register = template.Library()


@register.simple_tag(takes_context=True)
def join_url(context):
    """Where "Join the movement" leads (Campaign.objects.to_join_from): kept between requests
    (core.fragments), so a page's buttons cost no query while nothing changed."""
    request = context["request"]
    page_object = context.get("translated_object")
    on_article = page_object.pk if isinstance(page_object, Article) else ""
    return fragments.remember(
        request, fragments.key("join", on_article), lambda: find_join_url(page_object)
    )


def find_join_url(page_object):
    campaign = Campaign.objects.to_join_from(page_object)
    return campaign.get_absolute_url() if campaign else reverse("campaigns:join")

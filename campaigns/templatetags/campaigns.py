from django import template
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from articles.models import Article
from campaigns.models import Campaign

register = template.Library()


@register.simple_tag(takes_context=True)
def join_url(context):
    """Where "Join the movement" leads: the article's own campaign on its page, else the featured
    open campaign, else the list of campaigns. One query per page, however many buttons."""
    request = context["request"]
    if not hasattr(request, "join_url"):
        request.join_url = find_join_url(context.get("translated_object"))
    return request.join_url


def find_join_url(page_object):
    campaigns = Campaign.objects.open().in_language()
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
    campaign = campaigns.first()
    return campaign.get_absolute_url() if campaign else reverse("campaigns:join")

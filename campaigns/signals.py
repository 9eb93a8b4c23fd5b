"""Readers see every change at once: a change to a campaign, and a campaign's opening or closing
time coming, makes every cached page out of date (core.pagecache). Signups change nothing cached:
the counts are on the campaign's own page, which is never cached (it carries a form)."""

from django.db.models import Min, Q
from django.utils import timezone

from campaigns.models import Campaign
from core import pagecache

pagecache.watch(Campaign)  # the articles it is promoted under included (many-to-many)


@pagecache.scheduled_change
def next_opening_or_closing():
    """When the next active campaign opens or closes (None: none will)."""
    now = timezone.now()
    times = Campaign.objects.filter(active=True).aggregate(
        opens=Min("opens_at", filter=Q(opens_at__gt=now)),
        closes=Min("closes_at", filter=Q(closes_at__gt=now)),
    )
    return min(filter(None, times.values()), default=None)

"""The campaigns' panel on the admin home (staff.work_queue): each open campaign's numbers, for
those who run campaigns, read from the campaigns' rows and SignupTally in one query."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign
from staff.work_queue import Panel, register, titled

ROWS = 10
RECENT_DAYS = 7


def open_campaigns(request):
    user = request.user
    # Who runs campaigns and sees their supporters (the dashboard needs the second permission).
    if not (user.has_perm("campaigns.change_campaign") and user.has_perm("campaigns.view_signup")):
        return None
    campaigns = (
        Campaign.objects.open()
        .with_recent_signups(RECENT_DAYS)
        .only("id", "title_ar", "title_en", "goal", "confirmed_count", "featured")
    )
    rows = []
    for campaign in campaigns[: ROWS + 1]:
        rows.append(
            {
                **titled(campaign),
                "url": reverse("admin:campaigns_campaign_dashboard", args=[campaign.pk]),
                "confirmed": campaign.confirmed_count,
                "goal": campaign.goal,
                "percent": min(100, round(100 * campaign.confirmed_count / campaign.goal))
                if campaign.goal
                else 0,
                "recent": campaign.recent_signups,
                "featured": campaign.featured,
            }
        )
    return {
        "title": _("Open campaigns"),
        "rows": rows[:ROWS],
        "more": len(rows) > ROWS,
        "days": RECENT_DAYS,
        "see_all": reverse("admin:campaigns_campaign_changelist") + "?active__exact=1",
        "empty": _("No campaign is open."),
    }


register(Panel("campaigns.open_campaigns", "admin/work_queue/_campaigns.html", open_campaigns, 50))

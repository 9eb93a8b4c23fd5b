from articles.sitemaps import BilingualSitemap, per_language
from campaigns.models import Campaign


class CampaignSitemap(BilingualSitemap):
    """Open campaigns, in the languages they have a title and a slug in (as their pages do)."""

    def items(self):
        return Campaign.objects.open().only(*per_language("slug", "title")).order_by("pk")

    def path_in(self, campaign, language):
        return campaign.url_in(language) if campaign.in_language("title", language) else None

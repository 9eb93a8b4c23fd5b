from articles.sitemaps import BilingualSitemap
from campaigns.models import Campaign


class CampaignSitemap(BilingualSitemap):
    """Open campaigns, in the languages they have a title and a slug in (as their pages do)."""

    def items(self):
        return Campaign.objects.open()

    def get_languages_for_item(self, campaign):
        return [
            code
            for code in super().get_languages_for_item(campaign)
            if campaign.in_language("title", code)
        ]

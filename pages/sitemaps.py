from articles.sitemaps import BilingualSitemap, per_language
from pages.models import Page


class SitePageSitemap(BilingualSitemap):
    """The published pages, in the languages they exist in (as their pages do): a few dozen."""

    def num_pages(self):
        # Far fewer than a page holds: the index counts no rows for this section.
        return 1

    def items(self):
        return (
            Page.objects.filter(published=True)
            .only(*per_language("slug", "available"))
            .order_by("pk")
        )

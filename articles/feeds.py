from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from articles.models import Article


class LatestArticlesFeed(Feed):
    """Atom feed of the live articles available in the page's language (Django sets xml:lang)."""

    feed_type = Atom1Feed
    subtitle = _("Reporting and analysis from the coalition.")

    def title(self):
        return _("%(site)s: latest articles") % {"site": settings.SITE_NAME}

    def link(self):
        return reverse("articles:home")

    def items(self):
        return Article.objects.live().in_language().with_bylines()[:20]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary

    def item_pubdate(self, article):
        return article.publish_at

    def item_updateddate(self, article):
        return article.updated_at

    def item_author_name(self, article):
        return ", ".join(str(byline.author) for byline in article.named_bylines) or None

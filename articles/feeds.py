"""Atom feeds of the live articles in the page's language: the whole site, a topic, an author.
Links are on SITE_URL (core.links), never the request's host: a CDN caches the feed."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Author, Topic
from core.links import absolute_url

FEED_LENGTH = 20


class LatestArticlesFeed(Feed):
    """Atom feed of the live articles available in the page's language."""

    feed_type = Atom1Feed
    subtitle = _("Reporting and analysis from the coalition.")

    def title(self):
        return _("%(site)s: latest articles") % {"site": settings.SITE_NAME}

    def link(self):
        return absolute_url(reverse("articles:home"))

    def feed_url(self):
        return absolute_url(reverse("articles:feed"))

    def items(self):
        return Article.objects.public().listed().with_bylines()[:FEED_LENGTH]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary or None

    def item_link(self, article):
        return absolute_url(article.url_in(get_language()))

    def item_pubdate(self, article):
        return article.publish_at

    def item_guid(self, article):
        # Permanent, unlike the URL: a slug corrected after publication must not make readers
        # show the article again as a new one.
        host = urlsplit(settings.SITE_URL).hostname
        return f"tag:{host},{article.created_at:%Y-%m-%d}:article/{article.pk}/{get_language()}"

    def item_updateddate(self, article):
        return article.last_changed

    def item_author_name(self, article):
        return ", ".join(str(byline.author) for byline in article.named_bylines) or None


class TopicFeed(LatestArticlesFeed):
    """The topic page's articles; a topic without a slug in the page's language has no feed."""

    def get_object(self, request, slug):
        return get_object_or_404(Topic, **{f"slug_{get_language()}": slug})

    def title(self, topic):
        return _("%(site)s: %(topic)s") % {"site": settings.SITE_NAME, "topic": topic}

    def link(self, topic):
        return absolute_url(topic.url_in(get_language()))

    def feed_url(self, topic):
        return absolute_url(reverse("articles:topic_feed", kwargs={"slug": topic.slug}))

    def items(self, topic):
        return Article.objects.public().listed().with_bylines().filter(topics=topic)[:FEED_LENGTH]


class AuthorFeed(LatestArticlesFeed):
    """An author's articles, only those whose byline names them: an article signed by the team
    or unsigned must never be tied to its author, here as on the author's page."""

    def get_object(self, request, slug):
        return get_object_or_404(
            Author.objects.credited(), slug=slug, **{f"name_{get_language()}__gt": ""}
        )

    def title(self, author):
        return _("%(site)s: articles by %(author)s") % {
            "site": settings.SITE_NAME,
            "author": author,
        }

    def link(self, author):
        return absolute_url(author.url_in(get_language()))

    def feed_url(self, author):
        return absolute_url(reverse("articles:author_feed", kwargs={"slug": author.slug}))

    def items(self, author):
        return Article.objects.public().listed().with_bylines().signed_by(author)[:FEED_LENGTH]

"""Readers see every change at once: a change to anything articles' pages show, and a scheduled
article's time coming, makes every cached page out of date (core.pagecache)."""

from articles.models import Article, Author, Byline, Revision, Topic
from core import pagecache

# Article's topics included (many-to-many). Revision: a writer's change to a live article hides
# its byline at once, with an update() that sends no signal; the revision recorded with it does.
pagecache.watch(Article, Author, Byline, Revision, Topic)


@pagecache.scheduled_change
def next_publication():
    """When the next scheduled article goes live (None: none is scheduled)."""
    scheduled = Article.objects.scheduled().order_by("publish_at")
    return scheduled.values_list("publish_at", flat=True).first()

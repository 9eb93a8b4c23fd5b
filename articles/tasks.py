"""Work on many articles at once, out of the request that asked for it: the names part of their
search vectors after a topic or an author is renamed (or a topic deleted)."""

from django.db import transaction
from django_tasks import task

from articles import search
from articles.models import Article
from core import pagecache

# Rows rewritten per transaction. On PostgreSQL each costs about a millisecond (the row and its
# GIN entries written again): 37,000 articles under one topic take the worker about a minute, far
# too long for a request, and a batch holds its rows' locks for about half a second.
BATCH = 500


@task()
def reindex_names(topic_id=None, author_id=None, article_ids=None, without_topic=None):
    """Make the names part of the vectors again (search.index_names) for a topic's articles, an
    author's signed articles or the articles listed, BATCH at a time, a transaction each.

    The names are read when it runs, not when it was queued: run twice, or after a later rename,
    it leaves the same vectors. `without_topic`: a topic being deleted, its links maybe not yet.
    """
    if not search.stores_vectors():
        return
    for batch in _batches(topic_id, author_id, article_ids):
        with transaction.atomic():
            search.index_names(Article.objects.filter(pk__in=batch), without_topic=without_topic)
    pagecache.content_changed()  # pages kept while it worked may show the names as they were


def _batches(topic_id, author_id, article_ids):
    if article_ids is not None:
        ordered = sorted(article_ids)
        yield from (ordered[start : start + BATCH] for start in range(0, len(ordered), BATCH))
        return
    if topic_id is not None:
        articles = Article.objects.filter(topics=topic_id)
    else:
        articles = Article.objects.signed().filter(bylines__author=author_id)
    last = 0
    # By key from where the last batch ended: never an OFFSET, whatever the number of articles.
    while batch := list(
        articles.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:BATCH]
    ):
        yield batch
        last = batch[-1]

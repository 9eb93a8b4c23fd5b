"""A pending change to a live article can be read as it would look, before anyone applies it
(through the admin: tests/articles/test_workflow.py)."""

import pytest

from articles.models import Article
from tests.helpers import make_article, make_author, make_staff, make_topic

pytestmark = pytest.mark.django_db


def test_an_article_as_of_a_pending_change_has_its_texts_authors_and_topics_and_nothing_is_saved():
    first, second = make_author(), make_author()
    old_topic, new_topic = make_topic(), make_topic()
    article = make_article(authors=[first], topics=[old_topic])
    live_title = article.title_en
    article.title_en = "A corrected headline"
    pending = article.propose_change(
        make_staff("Writer"), topic_ids=[new_topic.pk], author_ids=[second.pk, first.pk]
    )

    preview = Article.objects.get(pk=article.pk).as_of(pending)

    assert preview.title_en == "A corrected headline"
    assert [byline.author for byline in preview.named_bylines] == [second, first]
    assert list(preview.topics.all()) == [new_topic]
    # The live article is untouched: the change waits for an editor.
    stored = Article.objects.get(pk=article.pk)
    assert stored.title_en == live_title
    assert [byline.author for byline in stored.named_bylines] == [first]
    assert list(stored.topics.all()) == [old_topic]


def test_an_author_deleted_since_the_change_is_left_out_of_its_preview():
    kept, gone = make_author(), make_author()
    article = make_article(authors=[kept])
    pending = article.propose_change(
        make_staff("Writer"), topic_ids=[], author_ids=[gone.pk, kept.pk]
    )
    gone.bylines.all().delete()
    gone.delete()
    assert [b.author for b in article.as_of(pending).named_bylines] == [kept]

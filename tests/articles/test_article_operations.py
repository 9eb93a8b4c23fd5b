"""The editorial workflow on the model: publish, schedule, unpublish, submit for review, propose a
change. The admin calls these; so can a command or a script, with the same rules and records."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from articles.models import Article
from staff.models import AuditEntry
from tests.helpers import make_article, make_author, make_staff

pytestmark = pytest.mark.django_db


def draft(**fields):
    return make_article(status=Article.Status.DRAFT, **fields)


def test_publishing_a_draft_dates_it_now_records_a_revision_and_audits_it():
    editor = make_staff("Editor")
    article = draft(publish_at=timezone.now() - timedelta(days=30))
    before = timezone.now()
    revision = article.publish(editor)
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED and article.publish_at >= before
    assert article in Article.objects.live()
    assert (revision.number, revision.created_by, article.version) == (1, editor, 1)
    assert article.updated_by == editor
    assert AuditEntry.objects.filter(action=AuditEntry.Action.PUBLISH, actor=editor).count() == 1


def test_a_chosen_past_time_is_kept_when_publishing():
    chosen = timezone.now() - timedelta(days=3)
    article = draft()
    article.publish(make_staff("Editor"), at=chosen)
    article.refresh_from_db()
    assert article.publish_at == chosen


def test_saving_a_draft_as_published_by_any_path_dates_it_now():
    article = draft(publish_at=timezone.now() - timedelta(days=30))
    article = Article.objects.get(pk=article.pk)
    article.status = Article.Status.PUBLISHED
    article.save()
    assert article.publish_at > timezone.now() - timedelta(minutes=1)


def test_republishing_an_unpublished_article_keeps_its_first_date():
    first = timezone.now() - timedelta(days=30)
    article = make_article(publish_at=first)
    editor = make_staff("Editor")
    article.unpublish(editor)
    article.publish(editor)
    article.refresh_from_db()
    assert article.publish_at == first


def test_publishing_refuses_a_blocking_problem_and_saves_nothing():
    article = draft(languages=("ar",), hero_credit="")
    article.body_ar = ""  # a title without a body
    with pytest.raises(ValidationError):
        article.publish(make_staff("Editor"))
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT and not article.revisions.exists()


def test_scheduling_goes_live_only_when_the_time_comes():
    article = draft()
    later = timezone.now() + timedelta(hours=2)
    article.schedule(make_staff("Editor"), later)
    assert article.status == Article.Status.PUBLISHED
    assert article not in Article.objects.live()
    assert article in Article.objects.scheduled()


def test_scheduling_in_the_past_is_refused():
    with pytest.raises(ValidationError):
        draft().schedule(make_staff("Editor"), timezone.now() - timedelta(minutes=1))


def test_unpublishing_takes_the_article_off_and_audits_it():
    article = make_article()
    editor = make_staff("Editor")
    article.unpublish(editor)
    assert article not in Article.objects.live()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.UNPUBLISH, actor=editor).exists()


def test_submitting_for_review_is_a_revision_too():
    writer = make_staff("Writer")
    article = draft()
    article.submit_for_review(writer)
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW and article.revisions.get().created_by == writer


def test_only_a_change_to_a_live_article_by_someone_who_cannot_publish_needs_review():
    writer, editor = make_staff("Writer"), make_staff("Editor")
    live, unsaved = make_article(), Article(title_en="New")
    assert live.needs_review(writer)
    assert not live.needs_review(editor)
    assert not draft().needs_review(writer)
    assert not unsaved.needs_review(writer)


def test_a_proposed_change_waits_and_the_live_text_stays():
    article = make_article(title_en="Live title")
    writer = make_staff("Writer")
    article.title_en = "Proposed title"
    pending = article.propose_change(writer, topic_ids=[], author_ids=[])
    assert pending.pending and pending.content["title_en"] == "Proposed title"
    assert Article.objects.get(pk=article.pk).title_en == "Live title"


def test_a_proposed_change_that_hides_the_byline_applies_that_at_once():
    author = make_author()
    article = make_article(authors=[author])
    article.byline_mode = Article.BylineMode.HIDDEN
    article.title_en = "Proposed title"
    article.propose_change(make_staff("Writer"), topic_ids=[], author_ids=[author.pk])
    stored = Article.objects.get(pk=article.pk)
    assert stored.byline_mode == Article.BylineMode.HIDDEN and stored.title_en != "Proposed title"
    assert article not in Article.objects.signed_by(author)


def test_public_lists_only_live_articles_in_the_page_language():
    english = make_article(languages=("en",))
    both = make_article()
    draft()
    with translation.override("ar"):
        assert list(Article.objects.public()) == [both]
    with translation.override("en"):
        assert set(Article.objects.public()) == {english, both}


def test_saving_an_article_loaded_with_deferred_fields_audits_no_phantom_publication():
    article = make_article()
    published = AuditEntry.objects.filter(action=AuditEntry.Action.PUBLISH).count()
    partial = Article.objects.only("pk", "title_en").get(pk=article.pk)
    partial.title_en = "Corrected title"
    partial.save()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.PUBLISH).count() == published
    assert Article.objects.get(pk=article.pk).publish_at == article.publish_at

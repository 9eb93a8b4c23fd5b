"""What editors read about revisions: a body compared as readers see it, each revision named for
what it did, and a scheduled article called scheduled in the list."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import formats, timezone, translation

from articles.models import Article, Revision
from articles.revisions import block_diff, blocks_of
from tests.helpers import make_article, make_staff, staff_login

pytestmark = pytest.mark.django_db

CHANGELIST_URL = "/admin/articles/article/"

BODY = (
    "<h2>Our demands</h2>"
    "<p>We ask for free elections.</p>"
    "<blockquote><p>Freedom now</p></blockquote>"
    "<ol><li><p>First point</p></li><li><p>Second point</p></li></ol>"
)


def admin_url(article, page):
    return f"/admin/articles/article/{article.pk}/{page}"


@pytest.fixture
def editor():
    return make_staff("Editor")


@pytest.fixture
def client(editor):
    client = Client(headers={"Accept-Language": "en"})
    return staff_login(client, editor)


def edited(article, user, **changes):
    for name, value in changes.items():
        setattr(article, name, value)
    article.save_revision(user)
    return article


def section(html, heading):
    """The part of a diff page about one field: from its heading to the next field's."""
    start = html.index(f"<h2>{heading}</h2>")
    end = html.find('<div class="revision-change">', start)
    return html[start : end if end != -1 else len(html)]


def visible_text(html):
    return re.sub(r"<[^>]+>", "", html)


# --- The body, compared as readers see it -------------------------------------------------


def test_a_body_change_shows_the_text_without_markup_and_marks_the_changed_words(client, editor):
    article = edited(make_article(body_en=BODY), editor)
    changed = BODY.replace("free elections", "fair elections").replace("Second", "Last")
    edited(article, editor, body_en=changed)

    response = client.get(admin_url(article, "revisions/1/2/"))
    assert response.status_code == 200
    body = section(response.content.decode(), "Body (EN)")
    text = visible_text(body)
    for markup in ("<p>", "</p>", "<h2>", "<blockquote>", "<li>", "&lt;", "p/>", "p/&gt;"):
        assert markup not in text, markup
    assert "<del>free</del><ins>fair</ins> elections." in body
    assert "<del>Second</del><ins>Last</ins> point" in body
    # Each block as its kind, in the field's language and direction.
    assert 'class="revision-text" lang="en" dir="ltr"' in body
    assert re.search(r'role="heading" aria-level="3">Our demands</div>', body)
    assert re.search(r'<blockquote class="[^"]*revision-quote">Freedom now</blockquote>', body)
    assert re.search(r'<ol class="[^"]*revision-list" start="2"><li><del>Second', body)


def test_an_arabic_body_is_compared_right_to_left(client, editor):
    article = edited(make_article(body_ar="<h2>مطالبنا</h2><p>نطالب بانتخابات حرة.</p>"), editor)
    edited(article, editor, body_ar="<h2>مطالبنا</h2><p>نطالب بانتخابات نزيهة.</p>")

    body = section(client.get(admin_url(article, "revisions/1/2/")).content.decode(), "Body (AR)")
    assert 'class="revision-text" lang="ar" dir="rtl"' in body
    assert "<del>حرة.</del><ins>نزيهة.</ins>" in body
    assert "p/&gt;" not in body and "&lt;p&gt;" not in body
    assert re.search(r'role="heading" aria-level="3">مطالبنا</div>', body)


def test_text_that_looks_like_markup_is_shown_escaped(client, editor):
    article = edited(make_article(body_en="<p>Plain words.</p>"), editor)
    edited(article, editor, body_en="<p>Plain &lt;script&gt;alert(1)&lt;/script&gt; words.</p>")

    body = section(client.get(admin_url(article, "revisions/1/2/")).content.decode(), "Body (EN)")
    assert "<script>" not in body
    assert "<ins>&lt;script&gt;alert(1)&lt;/script&gt; </ins>" in body


def test_a_new_link_target_and_a_change_of_formatting_are_shown(client, editor):
    old = '<p>Read <a href="https://example.org/a">the report</a> today.</p><p>Plain.</p>'
    new = '<p>Read <a href="https://example.org/b">the report</a> today.</p><p><em>Plain.</em></p>'
    article = edited(make_article(body_en=old), editor)
    edited(article, editor, body_en=new)

    body = section(client.get(admin_url(article, "revisions/1/2/")).content.decode(), "Body (EN)")
    assert '<del><span class="revision-link" dir="ltr">https://example.org/a</span></del>' in body
    assert '<ins><span class="revision-link" dir="ltr">https://example.org/b</span></ins>' in body
    assert body.count("Formatting changed: bold, italics, a link or the kind of paragraph.") == 2
    assert "href=" not in body, "no live link from an article in the admin"


def test_long_unchanged_stretches_are_folded_away_from_the_change(client, editor):
    paragraphs = [f"<p>Paragraph number {n}.</p>" for n in range(1, 11)]
    article = edited(make_article(body_en="".join(paragraphs)), editor)
    paragraphs[4] = "<p>Paragraph number five.</p>"
    edited(article, editor, body_en="".join(paragraphs))

    body = section(client.get(admin_url(article, "revisions/1/2/")).content.decode(), "Body (EN)")
    assert "<del>5.</del><ins>five.</ins>" in body
    # One paragraph either side stays in view; the others are folded, and still there.
    assert '<summary lang="en" dir="ltr">3 unchanged paragraphs</summary>' in body
    assert '<summary lang="en" dir="ltr">4 unchanged paragraphs</summary>' in body
    assert body.index("Paragraph number 4.") < body.index("five") < body.index("number 6.")
    assert body.index("</details>") < body.index("Paragraph number 4.")
    assert all(f"Paragraph number {n}." in body for n in (1, 2, 3, 7, 8, 9, 10))


def test_blocks_added_and_removed_are_whole_blocks_and_alike_ones_are_paired():
    changes = block_diff(
        "<p>Kept words here.</p><p>Dropped entirely.</p>",
        "<p>Kept words there.</p><h3>A new heading</h3>",
    )
    assert [(c.kind, c.state) for c in changes] == [
        ("p", "changed"),
        ("p", "deleted"),
        ("h3", "inserted"),
    ]
    assert changes[0].html == "Kept words <del>here.</del><ins>there.</ins>"
    assert changes[2].html == "<ins>A new heading</ins>"


def test_list_items_are_numbered_and_a_quote_s_paragraphs_are_quotes():
    blocks = blocks_of(
        "<ol><li><p>One</p></li><li><p>Two</p></li></ol>"
        "<ul><li><p>Bullet</p></li></ul><blockquote><p>Said</p><p>Also said</p></blockquote>"
    )
    assert [(b.kind, b.number, "".join(b.words)) for b in blocks] == [
        ("ol", 1, "One"),
        ("ol", 2, "Two"),
        ("ul", None, "Bullet"),
        ("quote", None, "Said"),
        ("quote", None, "Also said"),
    ]


def test_plain_text_fields_keep_a_word_diff(client, editor):
    article = edited(make_article(summary_en="A short summary."), editor)
    edited(article, editor, summary_en="A longer summary.")

    summary = section(
        client.get(admin_url(article, "revisions/1/2/")).content.decode(), "Summary (EN)"
    )
    assert '<div class="revision-diff" lang="en" dir="ltr">A <del>short</del><ins>longer</ins>' in (
        summary
    )


# --- The revisions list: what each revision was -------------------------------------------


def test_each_revision_says_what_it_did(client, editor):
    article = make_article(status=Article.Status.DRAFT)
    article.save_revision(editor)  # 1: created
    edited(article, editor, title_en="A better title")  # 2: saved
    article.submit_for_review(editor)  # 3: submitted
    article.publish(editor)  # 4: published
    edited(article, editor, summary_en="Now live.")  # 5: saved, still live
    article.unpublish(editor)  # 6: unpublished
    at = (timezone.now() + timedelta(days=3)).replace(microsecond=0)
    article.schedule(editor, at)  # 7: scheduled
    pending = article.propose_change(make_staff("Writer"), [], [])  # 8: awaiting review

    history = article.revision_history()
    assert [(r.number, r.event) for r in history] == [
        (8, Revision.PENDING),
        (7, Revision.SCHEDULED),
        (6, Revision.UNPUBLISHED),
        (5, Revision.SAVED),
        (4, Revision.PUBLISHED),
        (3, Revision.SUBMITTED),
        (2, Revision.SAVED),
        (1, Revision.CREATED),
    ]
    # Read alone, a revision says the same as in the list.
    assert [Revision.objects.get(pk=r.pk).event for r in history] == [r.event for r in history]

    html = client.get(admin_url(article, "revisions/")).content.decode()
    states = re.findall(r'<td class="revision-event revision-event--\w+">([^<]*)</td>', html)
    with translation.override("en"):
        when = formats.date_format(timezone.localtime(at), "DATETIME_FORMAT")
    assert states == [
        "Awaiting review",
        f"Scheduled for {when}",
        "Unpublished",
        "Saved",
        "Published",
        "Submitted for review",
        "Saved",
        "Created",
    ]

    article.restore(pending, editor)  # 9: the pending change applied
    history = article.revision_history()
    assert [r.event for r in history[:2]] == [Revision.RESTORED, Revision.APPLIED]
    with translation.override("en"):
        labels = [r.event_label for r in history[:2]]
    assert labels == ["Restored from 8", "Applied as revision 9"]


def test_a_new_time_for_a_scheduled_article_is_a_new_schedule(editor):
    article = make_article(status=Article.Status.DRAFT)
    article.schedule(editor, timezone.now() + timedelta(days=1))
    article.schedule(editor, timezone.now() + timedelta(days=2))
    edited(article, editor, title_en="Same time, new title")
    assert [r.event for r in article.revision_history()] == [
        Revision.SAVED,
        Revision.SCHEDULED,
        Revision.SCHEDULED,
    ]


def test_the_revisions_list_reads_the_same_rows_however_many_revisions(client, editor):
    article = make_article()
    article.save_revision(editor)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(admin_url(article, "revisions/")).status_code == 200
        return len(captured)

    few = queries()
    for n in range(6):
        edited(article, editor, title_en=f"Title {n}")
    assert queries() == few


# --- The article list: scheduled is not yet published -------------------------------------


def test_the_article_list_says_scheduled_for_an_article_not_yet_live(client):
    at = timezone.now() + timedelta(days=2)
    scheduled = make_article(title_en="Comes out later", publish_at=at)
    live = make_article(title_en="Out already")
    make_article(title_en="Still a draft", status=Article.Status.DRAFT)

    assert scheduled.is_scheduled and not live.is_scheduled
    with translation.override("en"):
        when = formats.date_format(timezone.localtime(at), "DATETIME_FORMAT")
        assert scheduled.publication_state() == f"Scheduled for {when}"
        assert live.publication_state() == "Published"

    html = client.get(CHANGELIST_URL).content.decode()
    cells = dict(
        re.findall(r'>([^<>]+)</a></th><td class="field-publication_state">([^<]*)</td>', html)
    )
    assert cells == {
        "Comes out later": f"Scheduled for {when}",
        "Out already": "Published",
        "Still a draft": "Draft",
    }
    assert "column-publication_state" in html and "sortable" in html

    # Still sorted by status (column 2, after the checkboxes and the title): drafts first, or last.
    def in_order(order):
        html = client.get(CHANGELIST_URL, {"o": order}).content.decode()
        return [title for _, title in sorted((html.index(f">{t}</a>"), t) for t in cells)]

    assert in_order("2")[0] == "Still a draft"
    assert in_order("-2")[-1] == "Still a draft"

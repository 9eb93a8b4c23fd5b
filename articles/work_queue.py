"""The articles' panels on the admin home (staff.work_queue): what the signed-in user has to do.

Each panel lists at most ROWS articles in one indexed query (the list it shortens is a link
away), whatever the number of articles, and only to those whose permissions make it their work.
"""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from articles.models import Article, Revision
from staff.work_queue import Panel, register, titled

ROWS = 10
# What a row needs: the titles (either language may be the only one) and the times shown.
LISTED = ("id", "title_ar", "title_en", "status", "publish_at", "updated_at")


def changelist(**filters):
    url = reverse("admin:articles_article_changelist")
    return f"{url}?{urlencode(filters)}" if filters else url


def article_row(article, when, by=None, url=None):
    row = titled(article)
    if not row["title"]:  # a draft may have none yet
        row["title"] = _("Untitled article #%(id)d") % {"id": article.pk}
    return row | {
        "url": url or reverse("admin:articles_article_change", args=[article.pk]),
        "when": when,
        "by": by,
    }


def who(user):
    return (user.get_full_name() or user.get_username()) if user else None


def listing(title, rows, empty, see_all=None, when_label=""):
    """A panel's context: at most ROWS rows (one more was read, to know that there are more)."""
    return {
        "title": title,
        "rows": rows[:ROWS],
        "more": len(rows) > ROWS,
        "see_all": see_all,
        "empty": empty,
        "when_label": when_label,
    }


def my_drafts(request):
    if not request.user.has_perm("articles.add_article"):
        return None
    drafts = Article.objects.drafts_of(request.user).only(*LISTED).order_by("-updated_at")
    return listing(
        _("My drafts"),
        [article_row(article, article.updated_at) for article in drafts[: ROWS + 1]],
        _("You have no drafts."),
        changelist(status__exact=Article.Status.DRAFT, created_by__id__exact=request.user.pk),
        pgettext_lazy("work queue time", "changed"),
    )


def awaiting_review(request):
    if not request.user.has_perm("articles.publish_article"):
        return None
    articles = (
        Article.objects.awaiting_review()
        .select_related("updated_by")
        .only(*LISTED, "updated_by__username", "updated_by__first_name", "updated_by__last_name")
        .order_by("-updated_at")
    )
    return listing(
        _("Waiting for review"),
        [
            article_row(article, article.updated_at, who(article.updated_by))
            for article in articles[: ROWS + 1]
        ],
        _("No article is waiting for review."),
        changelist(status__exact=Article.Status.REVIEW),
        pgettext_lazy("work queue time", "submitted"),
    )


def scheduled(request):
    if not request.user.has_perm("articles.publish_article"):
        return None
    articles = Article.objects.scheduled().only(*LISTED).order_by("publish_at", "id")
    return listing(
        _("Scheduled"),
        [article_row(article, article.publish_at) for article in articles[: ROWS + 1]],
        _("No article is scheduled."),
        changelist(scheduled="yes"),
        pgettext_lazy("work queue time", "goes live"),
    )


def recently_published(request):
    if not request.user.has_perm("articles.view_article"):
        return None
    articles = Article.objects.live().only(*LISTED).order_by("-publish_at", "-id")
    return listing(
        _("Recently published"),
        [article_row(article, article.publish_at) for article in articles[: ROWS + 1]],
        _("Nothing is published yet."),
        changelist(status__exact=Article.Status.PUBLISHED),
        pgettext_lazy("work queue time", "published"),
    )


def sent_for_review(request):
    """What a writer sent that an editor has yet to act on: their articles in review and their
    changes to live articles (each leading to its revisions, where it can be previewed)."""
    user = request.user
    if not user.has_perm("articles.add_article") or user.has_perm("articles.publish_article"):
        return None
    articles = (
        Article.objects.awaiting_review()
        .filter(created_by=user)
        .only(*LISTED)
        .order_by("-updated_at")
    )
    changes = (
        Revision.objects.awaiting_review()
        .filter(created_by=user)
        .select_related("article")
        .only("number", "created_at", *(f"article__{field}" for field in LISTED))
        .order_by("-created_at")
    )
    rows = [article_row(article, article.updated_at) for article in articles[: ROWS + 1]] + [
        article_row(
            change.article,
            change.created_at,
            url=reverse("admin:articles_article_revisions", args=[change.article_id]),
        )
        for change in changes[: ROWS + 1]
    ]
    return listing(
        _("Sent for review"),
        sorted(rows, key=lambda row: row["when"], reverse=True),
        _("Nothing you sent is waiting for an editor."),
        when_label=pgettext_lazy("work queue time", "sent"),
    )


def pending_changes(request):
    """Changes to live articles awaiting review, each linked to what it would change."""
    if not request.user.has_perm("articles.publish_article"):
        return None
    revisions = (
        Revision.objects.awaiting_review()
        .select_related("article", "created_by")
        .only(
            "number",
            "created_at",
            "created_by__username",
            "created_by__first_name",
            "created_by__last_name",
            *(f"article__{field}" for field in (*LISTED, "version")),
        )
        .order_by("-created_at")
    )
    rows = []
    for revision in revisions[: ROWS + 1]:
        article = revision.article
        if article.version:  # the live text's revision, to compare with
            url = reverse(
                "admin:articles_article_diff", args=[article.pk, article.version, revision.number]
            )
        else:  # an article made outside the admin: no revision holds its live text
            url = reverse("admin:articles_article_revisions", args=[article.pk])
        rows.append(article_row(article, revision.created_at, who(revision.created_by), url))
    return listing(
        _("Pending changes to live articles"),
        rows,
        _("No change to a live article is waiting."),
        when_label=pgettext_lazy("work queue time", "sent"),
    )


TEMPLATE = "admin/work_queue/_list.html"
for order, context in enumerate(
    [my_drafts, sent_for_review, awaiting_review, pending_changes, scheduled, recently_published],
    start=10,
):
    register(Panel(f"articles.{context.__name__}", TEMPLATE, context, order))

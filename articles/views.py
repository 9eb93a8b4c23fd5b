from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.generic import ListView

from articles import search
from articles.models import Article, Author, PreviewLink, Topic, bylines_with_authors
from core import fragments
from core.fragments import Fragments
from core.pagination import CappedPaginator


def card_parts(request, articles, lead=None):
    """The kept card of each article (core.fragments), and the lead's; the bylines of the ones
    to make, fetched in one query (none when every card was kept)."""
    names = [article.pk for article in articles] + (["lead"] if lead else [])
    cards = Fragments(request, "card", *names)
    to_make = [article for article in articles if article.pk in cards.missing]
    if lead and "lead" in cards.missing:
        to_make.append(lead)
    prefetch_related_objects(to_make, bylines_with_authors())
    return cards


def home(request):
    articles = Article.objects.public().listed()
    featured = list(articles.filter(featured=True)[:4])  # a lead and a row of three
    latest = list(articles.exclude(pk__in=[article.pk for article in featured])[:9])
    context = {
        "featured": featured,
        "latest": latest,
        "cards": card_parts(request, featured[1:] + latest, lead=featured[0] if featured else None),
        "untranslated_notice": request.GET.get("untranslated") == "1",
    }
    return render(request, "articles/home.html", context)


def article_detail(request, slug):
    language = get_language()
    article = get_object_or_404(
        Article.objects.live().in_language().read_in(language), **{f"slug_{language}": slug}
    )
    # Everything but the header and the footer is kept (core.fragments): one query when it is.
    parts = Fragments(request, f"article:{article.pk}", "head", "content")
    context = {
        "article": article,
        "related": article.with_related() if parts.missing else [],
        "translated_object": article,
        "parts": parts,
    }
    return render(request, "articles/article_detail.html", context)


@never_cache
def render_preview(request, article, revision=None):
    """The article exactly as it will look, whatever its state, or as a revision (a pending
    change) would make it (`article.as_of(revision)`); never indexed, never cached."""
    if get_language() not in article.intended_languages():
        raise Http404
    response = render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "related": article.with_related(),
            "preview": True,
            "preview_revision": revision,
        },
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def shared_preview(request, token):
    link = PreviewLink.active_for(token)
    if link is None:
        raise Http404
    return render_preview(request, link.shown_article(), link.revision)


class ArticleListView(ListView):
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = 10
    paginator_class = CappedPaginator

    def get_queryset(self):
        return Article.objects.public().listed()

    def list_name(self):
        """What the list's article count is kept under (core.fragments)."""
        return "articles"

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        # Counting a topic's or an author's thousands of articles takes 20-30 ms at 100,000:
        # once per content version, not once per request.
        paginator.count = fragments.remember(
            self.request,
            fragments.key("count", self.list_name()),
            lambda: CappedPaginator.count.func(paginator),
        )
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return context | {"cards": card_parts(self.request, list(context["object_list"]))}


class TopicDetailView(ArticleListView):
    template_name = "articles/topic_detail.html"

    def get_queryset(self):
        self.topic = get_object_or_404(Topic, **{f"slug_{get_language()}": self.kwargs["slug"]})
        return Article.objects.public().listed().filter(topics=self.topic)

    def list_name(self):
        return f"topic:{self.topic.pk}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, translated_object=self.topic, **kwargs)


class AuthorDetailView(ArticleListView):
    template_name = "articles/author_detail.html"

    def get_queryset(self):
        self.author = get_object_or_404(Author.objects.credited(), slug=self.kwargs["slug"])
        return Article.objects.public().listed().signed_by(self.author)

    def list_name(self):
        return f"author:{self.author.pk}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, translated_object=self.author, **kwargs)


def search_articles(request):
    """Live articles in the page's language matching `q`, best first; recent ones without `q`."""
    query = request.GET.get("q", "").strip()
    language = get_language()
    too_long = len(query) > search.MAX_QUERY_LENGTH
    if too_long:
        results = Article.objects.none()
    elif query:
        # Results are printed whole, not as kept cards: each shows its own snippet of the query.
        articles = Article.objects.public().read_in(language).with_bylines()
        results = search.search(articles, query, language)
    else:
        results = Article.objects.public().listed().with_bylines()
    page = CappedPaginator(results, 10).get_page(request.GET.get("page"))
    if query and not too_long:
        for article in page:
            article.snippet = search.snippet(article, query, language)
    context = {
        "query": query,
        "too_long": too_long,
        "max_length": search.MAX_QUERY_LENGTH,
        "articles": page,
        "page_obj": page,
        "paginator": page.paginator,
        "is_paginated": page.has_other_pages(),
    }
    return render(request, "articles/search.html", context, status=400 if too_long else 200)

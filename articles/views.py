from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.generic import ListView

from articles import search
from articles.models import (
    Article,
    Author,
    PreviewLink,
    Topic,
)
from core.pagination import CappedPaginator


def home(request):
    featured = list(
        Article.objects.public().listed().filter(featured=True)[:4]
    )  # a lead and a row of three
    latest = (
        Article.objects.public().listed().exclude(pk__in=[article.pk for article in featured])[:9]
    )
    return render(
        request,
        "articles/home.html",
        {
            "featured": featured,
            "latest": latest,
            "untranslated_notice": request.GET.get("untranslated") == "1",
        },
    )


def article_detail(request, slug):
    article = get_object_or_404(
        Article.objects.live().in_language().prefetch_related("topics"),
        **{f"slug_{get_language()}": slug},
    )
    return render(
        request,
        "articles/article_detail.html",
        {"article": article, "related": article.with_related(), "translated_object": article},
    )


@never_cache
def render_preview(request, article):
    """The article exactly as it will look, whatever its state; never indexed, never cached."""
    if get_language() not in article.intended_languages():
        raise Http404
    response = render(
        request,
        "articles/article_detail.html",
        {"article": article, "related": article.with_related(), "preview": True},
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def shared_preview(request, token):
    link = PreviewLink.active_for(token)
    if link is None:
        raise Http404
    return render_preview(request, link.article)


class ArticleListView(ListView):
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = 10
    paginator_class = CappedPaginator

    def get_queryset(self):
        return Article.objects.public().listed()


class TopicDetailView(ArticleListView):
    template_name = "articles/topic_detail.html"

    def get_queryset(self):
        self.topic = get_object_or_404(Topic, **{f"slug_{get_language()}": self.kwargs["slug"]})
        return Article.objects.public().listed().filter(topics=self.topic)

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, translated_object=self.topic, **kwargs)


class AuthorDetailView(ArticleListView):
    template_name = "articles/author_detail.html"

    def get_queryset(self):
        self.author = get_object_or_404(Author.objects.credited(), slug=self.kwargs["slug"])
        return Article.objects.public().listed().signed_by(self.author)

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
        results = search.search(Article.objects.public(), query, language)
    else:
        results = Article.objects.public().listed()
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

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.generic import ListView

from articles.models import Article, Author, PreviewLink, Topic


def public_articles():
    """Every public page lists articles through this one queryset."""
    return Article.objects.live().in_language().with_bylines()


def home(request):
    featured = list(public_articles().filter(featured=True)[:4])  # a lead and a row of three
    latest = public_articles().exclude(pk__in=[article.pk for article in featured])[:9]
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
        public_articles().prefetch_related("topics"), **{f"slug_{get_language()}": slug}
    )
    return render(
        request,
        "articles/article_detail.html",
        {"article": article, "related": article.related(), "translated_object": article},
    )


@never_cache
def render_preview(request, article):
    """The article exactly as it will look, whatever its state; never indexed, never cached."""
    if get_language() not in article.intended_languages():
        raise Http404
    response = render(
        request,
        "articles/article_detail.html",
        {"article": article, "related": article.related(), "preview": True},
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

    def get_queryset(self):
        return public_articles()


class TopicDetailView(ArticleListView):
    template_name = "articles/topic_detail.html"

    def get_queryset(self):
        self.topic = get_object_or_404(Topic, **{f"slug_{get_language()}": self.kwargs["slug"]})
        return public_articles().filter(topics=self.topic)

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, translated_object=self.topic, **kwargs)


class AuthorDetailView(ArticleListView):
    template_name = "articles/author_detail.html"

    def get_queryset(self):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        # Articles signed by the team or unsigned never reveal their authors, here included.
        return public_articles().filter(
            bylines__author=self.author, byline_mode=Article.BylineMode.AUTHORS
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, translated_object=self.author, **kwargs)

from django.urls import path

from articles import views
from articles.feeds import AuthorFeed, LatestArticlesFeed, TopicFeed

app_name = "articles"
urlpatterns = [
    path("", views.home, name="home"),
    path("articles/", views.ArticleListView.as_view(), name="list"),
    path("articles/<uslug:slug>/", views.article_detail, name="detail"),
    path("authors/<uslug:slug>/", views.AuthorDetailView.as_view(), name="author"),
    path("authors/<uslug:slug>/feed/", AuthorFeed(), name="author_feed"),
    path("topics/<uslug:slug>/", views.TopicDetailView.as_view(), name="topic"),
    path("topics/<uslug:slug>/feed/", TopicFeed(), name="topic_feed"),
    path("feed/", LatestArticlesFeed(), name="feed"),
    path("search/", views.search_articles, name="search"),
    path("preview/<str:token>/", views.shared_preview, name="preview"),
]

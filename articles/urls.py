from django.urls import path

from articles import views
from articles.feeds import LatestArticlesFeed

app_name = "articles"
urlpatterns = [
    path("", views.home, name="home"),
    path("articles/", views.ArticleListView.as_view(), name="list"),
    path("articles/<uslug:slug>/", views.article_detail, name="detail"),
    path("authors/<uslug:slug>/", views.AuthorDetailView.as_view(), name="author"),
    path("topics/<uslug:slug>/", views.TopicDetailView.as_view(), name="topic"),
    path("feed/", LatestArticlesFeed(), name="feed"),
    path("preview/<str:token>/", views.shared_preview, name="preview"),
]

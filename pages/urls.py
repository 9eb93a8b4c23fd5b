from django.urls import path

from pages import views

app_name = "pages"
urlpatterns = [
    path("<uslug:slug>/", views.page_detail, name="detail"),
]

from django.urls import path

from campaigns import views

app_name = "campaigns"
urlpatterns = [
    path("", views.join, name="join"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("leave/<str:token>/", views.leave, name="leave"),
    path("<uslug:slug>/", views.campaign_detail, name="detail"),
    path("<uslug:slug>/thanks/", views.thanks, name="thanks"),
]

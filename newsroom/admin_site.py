from django.contrib import admin


class NewsroomAdminSite(admin.AdminSite):
    pass

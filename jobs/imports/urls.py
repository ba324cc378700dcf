from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("terapkan/", views.apply, name="apply"),
    path("templat.xlsx", views.template_download, name="template"),
]

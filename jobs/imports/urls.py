from django.urls import path, re_path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("terapkan/", views.apply, name="apply"),
    path("templat.xlsx", views.template_download, name="template"),
    re_path(r"^berkas/(?P<key>[0-9a-f]{32})/$", views.detail, name="detail"),
]

from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("terapkan/", views.apply, name="apply"),
    path("templat.xlsx", views.template_download, name="template"),
    # The key is checked by the view (its uploader's own, else 404), like the other token URLs.
    path("berkas/<str:token>/", views.detail, name="detail"),
]

from django.contrib import admin
from django.urls import include, path

from .health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("accounts.urls")),
    path("mitra/", include("registry.urls")),
    path("kerja-sama/", include("agreements.urls")),
    path("evaluasi/", include("evaluations.urls")),
    path("portal/", include("portal.urls")),
    path("notifikasi/", include("notifications.urls")),
    path("pekerjaan/", include("jobs.urls")),
    path("publik/", include("agreements.opendata.urls")),
    path("api/", include("kemitraan.api_urls")),
]

from django.contrib import admin
from django.urls import include, path

from agreements.views.dashboard import DashboardView
from portal.views import landing

from .health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # The landing page sends each role to its own start: staff and managers to the dashboard, partner
    # users and OPD officers to the portal. Both live above accounts, so they are wired here.
    path("", landing, name="home"),
    path("dasbor/", DashboardView.as_view(), name="dashboard"),
    path("", include("accounts.urls")),
    path("mitra/", include("registry.urls")),
    # Imports are agreements' data, but a large file runs as a job: the pages belong to jobs.
    path("kerja-sama/impor/", include("jobs.imports.urls")),
    path("kerja-sama/", include("agreements.urls")),
    path("evaluasi/", include("evaluations.urls")),
    path("portal/", include("portal.urls")),
    path("notifikasi/", include("notifications.urls")),
    path("pekerjaan/", include("jobs.urls")),
    path("publik/", include("agreements.opendata.urls")),
    # The public verification page printed on every issued PDF (no login).
    path("verifikasi/", include("jobs.verification.urls")),
    path("api/", include("kemitraan.api_urls")),
]

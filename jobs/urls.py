from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("laporan/", views.reports, name="reports"),
    path("laporan/<str:kind>/minta/", views.report_request, name="report_request"),
    path("<int:pk>/", views.job_detail, name="detail"),
    path("<int:pk>/status/", views.job_status, name="status"),
    path("<int:pk>/unduh/", views.job_download, name="download"),
    path(
        "ringkasan/kerja-sama/<int:agreement_pk>/minta/",
        views.agreement_summary_request,
        name="summary_request",
    ),
    path(
        "ringkasan/kerja-sama/<int:agreement_pk>/panel/", views.agreement_summary_panel, name="summary_panel"
    ),
    path("ringkasan/<int:pk>/unduh/", views.agreement_summary_download, name="summary_download"),
]

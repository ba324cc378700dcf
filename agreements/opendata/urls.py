from django.urls import path

from . import views

app_name = "public"
urlpatterns = [
    path("", views.register, name="register"),
    path("<int:pk>/", views.detail, name="detail"),
    path("unduh/kerja-sama.csv", views.download_csv, name="download_csv"),
    path("unduh/kerja-sama.xlsx", views.download_xlsx, name="download_xlsx"),
    path("unduh/kerja-sama.json", views.download_json, name="download_json"),
    path("ocds/record-package.json", views.ocds_record_package, name="ocds_record_package"),
    path("ocds/<int:pk>/release-package.json", views.ocds_release_package, name="ocds_release_package"),
    path("ocds/extension/<str:name>", views.ocds_extension, name="ocds_extension"),
]

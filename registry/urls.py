from django.urls import path

from . import legality_pages, views

app_name = "registry"
urlpatterns = [
    path("", views.partner_list, name="partner_list"),
    path("ekspor/", views.partner_export, name="partner_export"),
    path("baru/", views.partner_create, name="partner_create"),
    path("<int:pk>/", views.partner_detail, name="partner_detail"),
    path("<int:pk>/ubah/", views.partner_edit, name="partner_edit"),
    path("<int:pk>/arsipkan/", views.partner_archive, name="partner_archive"),
    path("<int:pk>/pulihkan/", views.partner_restore, name="partner_restore"),
    path("<int:partner_pk>/kontak/baru/", views.contact_create, name="contact_create"),
    path("<int:pk>/legalitas/baru/", legality_pages.legality_create, name="legality_create"),
    path("legalitas/<int:pk>/unduh/", legality_pages.legality_download, name="legality_download"),
    path("kontak/<int:pk>/ubah/", views.contact_edit, name="contact_edit"),
    path("perangkat-daerah/", views.unit_list, name="unit_list"),
    path("perangkat-daerah/baru/", views.unit_create, name="unit_create"),
    path("perangkat-daerah/<int:pk>/ubah/", views.unit_edit, name="unit_edit"),
    path("potensi-daerah/", views.object_list, name="object_list"),
    path("potensi-daerah/baru/", views.object_create, name="object_create"),
    path("potensi-daerah/<int:pk>/ubah/", views.object_edit, name="object_edit"),
]

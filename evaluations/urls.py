from django.urls import path

from . import views

app_name = "evaluations"
urlpatterns = [
    path("kerja-sama/<int:agreement_pk>/baru/", views.evaluation_create, name="create"),
    path("<int:pk>/ubah/", views.evaluation_edit, name="edit"),
    path("kerja-sama/<int:agreement_pk>/indikator/baru/", views.indicator_create, name="indicator_create"),
    path("indikator/<int:indicator_pk>/capaian/baru/", views.observation_create, name="observation_create"),
    path("kerja-sama/<int:agreement_pk>/kendala/baru/", views.challenge_create, name="challenge_create"),
    path("kendala/<int:pk>/ubah/", views.challenge_edit, name="challenge_edit"),
]

from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("masuk/verifikasi/", views.two_factor_verify, name="two_factor_verify"),
    path("profil/", views.profile, name="profile"),
    path("profil/dua-langkah/atur/", views.two_factor_setup, name="two_factor_setup"),
    path(
        "profil/dua-langkah/kode-pemulihan/",
        views.two_factor_recovery_codes,
        name="two_factor_recovery_codes",
    ),
    path("profil/dua-langkah/matikan/", views.two_factor_turn_off, name="two_factor_turn_off"),
    path("bahasa/", views.set_language, name="set_language"),
    path("kata-sandi/ganti/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "kata-sandi/ganti/selesai/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("kata-sandi/lupa/", views.PasswordResetView.as_view(), name="password_reset"),
    path("kata-sandi/lupa/terkirim/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "kata-sandi/atur-ulang/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "kata-sandi/atur-ulang/selesai/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

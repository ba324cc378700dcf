from django.urls import path

from . import views

urlpatterns = [
    path("me/", views.MeView.as_view(), name="me"),
    path("me/token/", views.MyTokenView.as_view(), name="me-token"),
    path("me/token/<int:pk>/", views.MyTokenDetailView.as_view(), name="me-token-detail"),
    path("me/token/panel/", views.token_panel, name="me-token-panel"),
    path("me/token/<int:pk>/cabut/", views.token_panel_revoke, name="me-token-panel-revoke"),
]

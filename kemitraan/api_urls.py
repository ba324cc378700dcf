"""The REST API under /api/v1/ and its OpenAPI description (Swagger UI and Redoc from local files)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

app_name = "api"

v1 = [
    path("", include("accounts.api.urls")),
    path("", include("registry.api.urls")),
    path("", include("agreements.api.urls")),
    path("", include("evaluations.api.urls")),
]

urlpatterns = [
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="swagger-ui"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
]

"""The REST API under /api/v1/ and its OpenAPI description (Swagger UI and Redoc from local files)."""

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

app_name = "api"

v1 = [
    path("", include("accounts.api.urls")),
    path("", include("registry.api.urls")),
    path("", include("agreements.api.urls")),
    path("", include("evaluations.api.urls")),
]

# Redoc writes its own styles into the page (a few before it can be handed the nonce) and runs its
# search in a worker made from a blob: URL; its scripts still need the page's nonce.
redoc = csp_replace({"style-src": [SELF, UNSAFE_INLINE], "worker-src": [SELF, "blob:"]})(
    SpectacularRedocView.as_view(url_name="api:schema")
)

urlpatterns = [
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="swagger-ui"),
    path("redoc/", redoc, name="redoc"),
]

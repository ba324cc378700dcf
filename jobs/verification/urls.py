from django.urls import path

import core.converters  # noqa: F401 — registers the <token:…> converter

from . import views

app_name = "verification"
urlpatterns = [
    # Anything that is not a code of ours does not match: 404 before any lookup.
    path("<token:code>/", views.verification_page, name="page"),
]

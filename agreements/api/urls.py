from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("agreements", views.AgreementViewSet, basename="agreement")
router.register("occurrences", views.OccurrenceViewSet, basename="occurrence")
router.register("documents", views.DocumentViewSet, basename="document")

urlpatterns = router.urls

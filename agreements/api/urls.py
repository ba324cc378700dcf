from rest_framework.routers import SimpleRouter

from . import views
from .parts import PART_ROUTES
from .process import PROCESS_ROUTES

router = SimpleRouter()
router.register("agreements", views.AgreementViewSet, basename="agreement")
router.register("occurrences", views.OccurrenceViewSet, basename="occurrence")
router.register("documents", views.DocumentViewSet, basename="document")
# The parts of one agreement, nested under it: /agreements/{agreement_pk}/risks/ → "agreement-risks-list".
for segment, viewset in {**PART_ROUTES, **PROCESS_ROUTES}.items():
    router.register(
        rf"agreements/(?P<agreement_pk>[^/.]+)/{segment}", viewset, basename=f"agreement-{segment}"
    )

urlpatterns = router.urls

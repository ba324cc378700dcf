from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("evaluations", views.EvaluationViewSet, basename="evaluation")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("observations", views.ObservationViewSet, basename="observation")
router.register("challenges", views.ChallengeViewSet, basename="challenge")

urlpatterns = router.urls

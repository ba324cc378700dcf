from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("partners", views.PartnerViewSet, basename="partner")
router.register("organisation-units", views.OrganisationUnitViewSet, basename="organisation-unit")
router.register("cooperation-objects", views.CooperationObjectViewSet, basename="cooperation-object")

urlpatterns = router.urls

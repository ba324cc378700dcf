"""API views for the registry: every read scoped, every write through registry.services."""

from rest_framework import mixins, viewsets

from core.api_base import ApiViewMixin
from registry import services
from registry.filtersets import PartnerFilterSet
from registry.models import CooperationObject, OrganisationUnit, Partner

from .serializers import CooperationObjectSerializer, OrganisationUnitSerializer, PartnerSerializer


class PartnerViewSet(
    ApiViewMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Partners (mitra) the user may read; staff create and change them."""

    serializer_class = PartnerSerializer
    filterset_class = PartnerFilterSet
    permission_actions = {
        "create": "partner.change",
        "update": "partner.change",
        "partial_update": "partner.change",
    }

    def get_queryset(self):
        return Partner.objects.visible_to(self.request.user).order_by("name", "pk")

    def perform_create(self, serializer):
        serializer.instance = services.partner_create(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.partner_update(
            partner=serializer.instance, actor=self.request.user, **serializer.validated_data
        )


class OrganisationUnitViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """The home government's OPDs (perangkat daerah)."""

    serializer_class = OrganisationUnitSerializer

    def get_queryset(self):
        return OrganisationUnit.objects.visible_to(self.request.user).order_by("name", "pk")


class CooperationObjectViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Regional potentials (potensi daerah) — internal planning data for government users."""

    serializer_class = CooperationObjectSerializer

    def get_queryset(self):
        return CooperationObject.objects.visible_to(self.request.user).order_by("name", "pk")

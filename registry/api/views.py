"""API views for the registry: every read scoped, every write through registry.services."""

from rest_framework import mixins

from accounts.permissions import can
from core.api_base import ScopedViewSet
from registry import services
from registry.cached_reads import CachedReadsMixin
from registry.filtersets import PartnerFilterSet
from registry.models import CooperationObject, OrganisationUnit, Partner

from .serializers import (
    CooperationObjectSerializer,
    OrganisationUnitSerializer,
    PartnerForPortalSerializer,
    PartnerSerializer,
)


class PartnerViewSet(
    CachedReadsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    ScopedViewSet,
):
    """Partners (mitra) the user may read; staff create and change them."""

    model = Partner
    serializer_class = PartnerSerializer
    filterset_class = PartnerFilterSet
    permission_actions = {
        "create": "partner.change",
        "update": "partner.change",
        "partial_update": "partner.change",
    }

    def scope_queryset(self, queryset):
        return queryset.order_by("name", "pk")

    def get_serializer_class(self):
        # Staff and managers read every field; everyone else reads co-parties by name (least disclosure).
        if self.action in ("list", "retrieve") and not can(self.request.user, "partner.details"):
            return PartnerForPortalSerializer
        return super().get_serializer_class()

    def perform_create(self, serializer):
        serializer.instance = services.partner_create(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.partner_update(
            partner=serializer.instance, actor=self.request.user, **serializer.validated_data
        )


class OrganisationUnitViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """The home government's OPDs (perangkat daerah)."""

    model = OrganisationUnit
    serializer_class = OrganisationUnitSerializer

    def scope_queryset(self, queryset):
        return queryset.order_by("name", "pk")


class CooperationObjectViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Regional potentials (potensi daerah) — internal planning data for government users."""

    model = CooperationObject
    serializer_class = CooperationObjectSerializer

    def scope_queryset(self, queryset):
        return queryset.prefetch_related("government_affairs").order_by("name", "pk")

"""API views for monitoring and evaluation: scoped reads, creation through evaluations.services."""

from django.db.models import Prefetch
from rest_framework import mixins, viewsets

from evaluations import services
from evaluations.models import Challenge, Evaluation, Indicator, Observation
from kemitraan.api_base import ApiViewMixin

from . import serializers as s
from .filtersets import ChallengeFilterSet, EvaluationFilterSet, IndicatorFilterSet, ObservationFilterSet


class _ReadCreateViewSet(
    ApiViewMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    pass


class _ReadCreateUpdateViewSet(mixins.UpdateModelMixin, _ReadCreateViewSet):
    """Changes go through `update_service(<part>=row, expected_version=…)`: a stale version is a 409."""

    part: str
    update_service = None  # staticmethod(services.…)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        version = data.pop("version")
        serializer.instance = self.update_service(
            **{self.part: serializer.instance}, actor=self.request.user, expected_version=version, **data
        )


class EvaluationViewSet(_ReadCreateUpdateViewSet):
    """Evaluations (monev); staff and managers record them."""

    serializer_class = s.EvaluationSerializer
    filterset_class = EvaluationFilterSet
    permission_actions = dict.fromkeys(("create", "update", "partial_update"), "evaluation.record")
    part = "evaluation"
    update_service = staticmethod(services.evaluation_update)

    def get_queryset(self):
        return Evaluation.objects.visible_to(self.request.user).order_by("-evaluated_on", "-pk")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.evaluation_create(
            agreement=data.pop("agreement"), actor=self.request.user, **data
        )


class IndicatorViewSet(_ReadCreateUpdateViewSet):
    """Indicators (KPI) with their observations."""

    serializer_class = s.IndicatorSerializer
    filterset_class = IndicatorFilterSet
    permission_actions = dict.fromkeys(("create", "update", "partial_update"), "agreement.change")
    part = "indicator"
    update_service = staticmethod(services.indicator_update)

    def get_queryset(self):
        user = self.request.user
        return (
            Indicator.objects.visible_to(user)
            .prefetch_related(Prefetch("observations", Observation.objects.order_by("observed_on", "pk")))
            .order_by("pk")
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.indicator_create(
            agreement=data.pop("agreement"), actor=self.request.user, **data
        )


class ObservationViewSet(_ReadCreateViewSet):
    """Measured values of indicators."""

    serializer_class = s.ObservationSerializer
    filterset_class = ObservationFilterSet
    permission_actions = {"create": "agreement.change"}

    def get_queryset(self):
        return Observation.objects.visible_to(self.request.user).order_by("indicator_id", "observed_on", "pk")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.observation_record(
            indicator=data.pop("indicator"), actor=self.request.user, **data
        )


class ChallengeViewSet(_ReadCreateUpdateViewSet):
    """The problem log (kendala) of agreements."""

    serializer_class = s.ChallengeSerializer
    filterset_class = ChallengeFilterSet
    permission_actions = dict.fromkeys(("create", "update", "partial_update"), "agreement.change")
    part = "challenge"
    update_service = staticmethod(services.challenge_update)

    def get_queryset(self):
        return Challenge.objects.visible_to(self.request.user).order_by("-reported_on", "-pk")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.challenge_create(
            agreement=data.pop("agreement"), actor=self.request.user, **data
        )

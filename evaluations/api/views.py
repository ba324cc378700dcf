"""API views for monitoring and evaluation: scoped reads, creation through evaluations.services.

Evaluations, indicators, observations and challenges are written by whoever may `evaluation.record`
(staff and managers, DESIGN.md §1) — the same action the HTML pages ask (evaluations/views.py)."""

from django.db.models import Prefetch
from rest_framework import mixins

from core.api_base import ServiceViewSet
from evaluations import services
from evaluations.models import Challenge, Evaluation, Indicator, Observation

from . import serializers as s
from .filtersets import ChallengeFilterSet, EvaluationFilterSet, IndicatorFilterSet, ObservationFilterSet

WRITES = ("create", "update", "partial_update")


class _ReadCreateViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    ServiceViewSet,
):
    """Reads of `model` in the user's scope, in `ordering`; creation through
    `create_service(<parent>=…, actor=…, **data)`, the parent (agreement or indicator) taken from the body."""

    model: type
    ordering: tuple
    parent = "agreement"

    def scope_queryset(self, queryset):
        return queryset.order_by(*self.ordering)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        parent = {self.parent: data.pop(self.parent)}
        serializer.instance = self.call(self.create_service, **parent, **data)


class _ReadCreateUpdateViewSet(mixins.UpdateModelMixin, _ReadCreateViewSet):
    """Changes go through `update_service(<part>=row, expected_version=…)`: a stale version is a 409."""

    def perform_update(self, serializer):
        data, version = self.split_version(serializer.validated_data)
        serializer.instance = self.call(
            self.update_service, **{self.part: serializer.instance}, expected_version=version, **data
        )


class EvaluationViewSet(_ReadCreateUpdateViewSet):
    """Evaluations (monev); staff and managers record them."""

    model = Evaluation
    ordering = ("-evaluated_on", "-pk")
    serializer_class = s.EvaluationSerializer
    filterset_class = EvaluationFilterSet
    permission_actions = dict.fromkeys(WRITES, "evaluation.record")
    part = "evaluation"
    create_service = staticmethod(services.evaluation_create)
    update_service = staticmethod(services.evaluation_update)


class IndicatorViewSet(_ReadCreateUpdateViewSet):
    """Indicators (KPI) with their observations; staff and managers record them."""

    model = Indicator
    ordering = ("pk",)
    serializer_class = s.IndicatorSerializer
    filterset_class = IndicatorFilterSet
    permission_actions = dict.fromkeys(WRITES, "evaluation.record")
    part = "indicator"
    create_service = staticmethod(services.indicator_create)
    update_service = staticmethod(services.indicator_update)

    def scope_queryset(self, queryset):
        observations = self.scoped(Observation).order_by("observed_on", "pk")
        return super().scope_queryset(queryset).prefetch_related(Prefetch("observations", observations))


class ObservationViewSet(_ReadCreateViewSet):
    """Measured values of indicators; staff and managers record them."""

    model = Observation
    ordering = ("indicator_id", "observed_on", "pk")
    serializer_class = s.ObservationSerializer
    filterset_class = ObservationFilterSet
    permission_actions = {"create": "evaluation.record"}
    parent = "indicator"
    create_service = staticmethod(services.observation_record)


class ChallengeViewSet(_ReadCreateUpdateViewSet):
    """The problem log (kendala) of agreements; staff and managers record it."""

    model = Challenge
    ordering = ("-reported_on", "-pk")
    serializer_class = s.ChallengeSerializer
    filterset_class = ChallengeFilterSet
    permission_actions = dict.fromkeys(WRITES, "evaluation.record")
    part = "challenge"
    create_service = staticmethod(services.challenge_create)
    update_service = staticmethod(services.challenge_update)

"""Evaluations, indicators with observations, and challenges as the API shows and accepts them."""

from rest_framework import serializers

from agreements.models import Agreement
from evaluations.choices import CRITERIA
from evaluations.models import Challenge, Evaluation, Indicator, Observation


class _AgreementScopedMixin:
    """The `agreement` (or `indicator`) a client may name is one it can see."""

    scoped_fields = {"agreement": Agreement}

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        user = request.user if request else None
        for name, model in self.scoped_fields.items():
            if name in fields and not fields[name].read_only:
                fields[name].queryset = model.objects.visible_to(user)
        return fields


class EvaluationSerializer(_AgreementScopedMixin, serializers.ModelSerializer):
    average_score = serializers.FloatField(read_only=True, allow_null=True)

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "agreement",
            "period_type",
            "period_label",
            "evaluated_on",
            "evaluator_role",
            *[name for name, _label in CRITERIA],
            "average_score",
            "findings",
            "recommendation",
            "shared_with_parties",
            "created_at",
        ]
        read_only_fields = ["created_at"]


class ObservationSerializer(_AgreementScopedMixin, serializers.ModelSerializer):
    scoped_fields = {"indicator": Indicator}

    class Meta:
        model = Observation
        fields = ["id", "indicator", "period_label", "observed_on", "value", "note"]
        validators = []


class IndicatorSerializer(_AgreementScopedMixin, serializers.ModelSerializer):
    observations = ObservationSerializer(many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "agreement",
            "name",
            "unit",
            "baseline",
            "target",
            "shared_with_parties",
            "observations",
        ]


class ChallengeSerializer(_AgreementScopedMixin, serializers.ModelSerializer):
    class Meta:
        model = Challenge
        fields = [
            "id",
            "agreement",
            "category",
            "description",
            "status",
            "reported_on",
            "resolution",
            "resolved_on",
            "shared_with_parties",
        ]

"""Evaluations, indicators with observations, and challenges as the API shows and accepts them."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from agreements.models import Agreement
from core.api_base import AgreementVersionMixin
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


class _ChangedWithVersion(AgreementVersionMixin):
    """A change carries the agreement's version (stale → 409); the row stays with its agreement."""

    def version_required(self) -> bool:
        return self.instance is not None

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is None:
            attrs.pop("version", None)  # the creation services do not compare versions
            return attrs
        agreement = attrs.pop("agreement", None)
        if agreement is not None and agreement.pk != self.instance.agreement_id:
            raise serializers.ValidationError({"agreement": [_("Kerja sama tidak dapat diganti.")]})
        return attrs


class EvaluationSerializer(_AgreementScopedMixin, _ChangedWithVersion, serializers.ModelSerializer):
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
            "version",
        ]
        read_only_fields = ["created_at"]


class ObservationSerializer(_AgreementScopedMixin, serializers.ModelSerializer):
    scoped_fields = {"indicator": Indicator}

    class Meta:
        model = Observation
        fields = ["id", "indicator", "period_label", "observed_on", "value", "note"]
        validators = []


class IndicatorSerializer(_AgreementScopedMixin, _ChangedWithVersion, serializers.ModelSerializer):
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
            "version",
        ]


class ChallengeSerializer(_AgreementScopedMixin, _ChangedWithVersion, serializers.ModelSerializer):
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
            "version",
        ]

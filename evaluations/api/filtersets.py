"""Small FilterSets for the evaluation API lists (there is no shared HTML FilterSet for these)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from evaluations.choices import ChallengeStatus, PeriodType, Recommendation
from evaluations.models import Challenge, Evaluation, Indicator, Observation


class EvaluationFilterSet(django_filters.FilterSet):
    agreement = django_filters.NumberFilter(label=_("Kerja sama"), field_name="agreement_id")
    period_type = django_filters.ChoiceFilter(label=_("Jenis periode"), choices=PeriodType.choices)
    recommendation = django_filters.ChoiceFilter(label=_("Rekomendasi"), choices=Recommendation.choices)

    class Meta:
        model = Evaluation
        fields = ["agreement", "period_type", "recommendation"]


class IndicatorFilterSet(django_filters.FilterSet):
    agreement = django_filters.NumberFilter(label=_("Kerja sama"), field_name="agreement_id")

    class Meta:
        model = Indicator
        fields = ["agreement"]


class ObservationFilterSet(django_filters.FilterSet):
    indicator = django_filters.NumberFilter(label=_("Indikator"), field_name="indicator_id")

    class Meta:
        model = Observation
        fields = ["indicator"]


class ChallengeFilterSet(django_filters.FilterSet):
    agreement = django_filters.NumberFilter(label=_("Kerja sama"), field_name="agreement_id")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ChallengeStatus.choices)

    class Meta:
        model = Challenge
        fields = ["agreement", "status"]

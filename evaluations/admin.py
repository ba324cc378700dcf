"""Django admin for evaluations, indicators with their observations, and the challenge log: view-only,
because they change on the agreement page through the services, which raise the agreement's version."""

from django.contrib import admin

from core.admin_helpers import ReadOnlyInline, ViewOnlyAdmin

from .models import Challenge, Evaluation, Indicator, Observation

AGREEMENT_SEARCH = ("agreement__number", "agreement__title")


@admin.register(Evaluation)
class EvaluationAdmin(ViewOnlyAdmin):
    list_display = (
        "agreement",
        "period_type",
        "period_label",
        "evaluated_on",
        "evaluator_role",
        "recommendation",
        "average_score",
        "shared_with_parties",
    )
    list_filter = ("period_type", "evaluator_role", "recommendation", "shared_with_parties")
    search_fields = ("period_label", "findings", *AGREEMENT_SEARCH)
    list_select_related = ("agreement",)
    autocomplete_fields = ("agreement", "created_by")
    date_hierarchy = "evaluated_on"


class ObservationInline(ReadOnlyInline):
    model = Observation
    fields = ("period_label", "observed_on", "value", "note")


@admin.register(Indicator)
class IndicatorAdmin(ViewOnlyAdmin):
    list_display = ("name", "agreement", "unit", "baseline", "target", "shared_with_parties")
    list_filter = ("shared_with_parties", "unit")
    search_fields = ("name", *AGREEMENT_SEARCH)
    list_select_related = ("agreement",)
    autocomplete_fields = ("agreement",)
    inlines = [ObservationInline]


@admin.register(Observation)
class ObservationAdmin(ViewOnlyAdmin):
    list_display = ("indicator", "period_label", "observed_on", "value")
    list_filter = ("observed_on",)
    search_fields = ("period_label", "indicator__name", "indicator__agreement__title")
    list_select_related = ("indicator__agreement",)
    autocomplete_fields = ("indicator",)


@admin.register(Challenge)
class ChallengeAdmin(ViewOnlyAdmin):
    list_display = (
        "__str__",
        "agreement",
        "category",
        "status",
        "reported_on",
        "resolved_on",
        "shared_with_parties",
    )
    list_filter = ("category", "status", "shared_with_parties")
    search_fields = ("description", "resolution", *AGREEMENT_SEARCH)
    list_select_related = ("agreement",)
    autocomplete_fields = ("agreement",)

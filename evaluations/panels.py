"""Evaluations' section of the agreement page: evaluations, indicators with their observations, and
challenges, read with the page's one query per kind and listed in its change history."""

from django.db.models import Prefetch

from agreements.panels import AGREEMENT_PAGE
from core.panels import Panel

from .models import Challenge, Evaluation, Indicator


def _prefetch(user):
    return [
        Prefetch("evaluations", queryset=Evaluation.objects.visible_to(user).select_related("created_by")),
        Prefetch("indicators", queryset=Indicator.objects.visible_to(user).prefetch_related("observations")),
        Prefetch("challenges", queryset=Challenge.objects.visible_to(user)),
    ]


def _history(agreement):
    return [(model, {"agreement_id": agreement.pk}) for model in (Evaluation, Indicator, Challenge)]


def register():
    AGREEMENT_PAGE.register(
        Panel(
            name="evaluations",
            template="evaluations/partials/agreement_panel.html",
            place="bottom",
            prefetch=_prefetch,
            history=_history,
        )
    )

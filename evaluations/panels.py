"""Evaluations' sections of the agreement page: evaluations and indicators with their observations
(Monev), and challenges (Kendala), each read with the section's one query per kind and listed in the
page's change history."""

from django.db.models import Prefetch

from agreements.panels import AGREEMENT_PAGE
from core.panels import Panel

from .models import Challenge, Evaluation, Indicator


def _prefetch(user):
    return [
        Prefetch("evaluations", queryset=Evaluation.objects.visible_to(user).select_related("created_by")),
        Prefetch("indicators", queryset=Indicator.objects.visible_to(user).prefetch_related("observations")),
    ]


def _challenges(user):
    return [Prefetch("challenges", queryset=Challenge.objects.visible_to(user))]


def _history(agreement):
    return [(model, {"agreement_id": agreement.pk}) for model in (Evaluation, Indicator)]


def _challenge_history(agreement):
    return [(Challenge, {"agreement_id": agreement.pk})]


def register():
    AGREEMENT_PAGE.register(
        Panel(
            name="evaluations",
            template="evaluations/partials/agreement_panel.html",
            place="monev",
            prefetch=_prefetch,
            history=_history,
        )
    )
    AGREEMENT_PAGE.register(
        Panel(
            name="challenges",
            template="evaluations/partials/challenges_panel.html",
            place="kendala",
            prefetch=_challenges,
            history=_challenge_history,
        )
    )

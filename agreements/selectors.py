"""Reads for the staff agreement list and the dashboard. Each starts from `visible_to(user)` and
carries what its screen needs, so the number of queries stays the same whatever the number of rows."""

import datetime

from django.db.models import Count, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.roles import sees_everything

from .choices import WORKING_STAGES, Category, OccurrenceStatus, Stage
from .models import Agreement, ObligationOccurrence, StageTransition

ENDING_SOON_DAYS = 90
DASHBOARD_ROWS = 10


def agreement_list(user):
    """Agreements for the list page and its export: lead OPD and parties with their partners."""
    return Agreement.objects.visible_to(user).for_list()


def _counted(queryset, field, choices):
    """(label, count) for every value of `field` that occurs, in the enumeration's order."""
    counts = dict(queryset.order_by().values_list(field).annotate(n=Count("pk")))
    return [(label, counts[value]) for value, label in choices if counts.get(value)]


def agreements_by_stage(user):
    return _counted(Agreement.objects.visible_to(user).live(), "stage", Stage.choices)


def agreements_by_category(user):
    return _counted(Agreement.objects.visible_to(user).live(), "category", Category.choices)


def agreements_ending_soon(user, days=ENDING_SOON_DAYS):
    """Running agreements whose end date falls within the next `days` days, soonest first."""
    today = timezone.localdate()
    return (
        Agreement.objects.visible_to(user)
        .live()
        .filter(stage__in=WORKING_STAGES, end_date__range=(today, today + datetime.timedelta(days=days)))
        .select_related("lead_unit")
        .order_by("end_date", "pk")
    )


def overdue_occurrences(user):
    """Obligation occurrences marked overdue, oldest due date first."""
    return (
        ObligationOccurrence.objects.visible_to(user)
        .filter(status=OccurrenceStatus.OVERDUE, obligation__agreement__archived_at__isnull=True)
        .select_related("obligation__agreement", "obligation__party__partner", "obligation__responsible_unit")
        .order_by("due_date", "pk")
    )


def overdue_count(user) -> int:
    """How many occurrences `overdue_occurrences(user)` holds. For whoever reads everything, the sum of
    the live agreements' precomputed overdue counts (docs/decisions/0064), read from the partial index
    of agreements with one; for the others, who see only some obligations, the exact count."""
    if sees_everything(user):
        live = Agreement.objects.visible_to(user).live().filter(overdue_count__gt=0)
        return live.aggregate(n=Coalesce(Sum("overdue_count"), 0))["n"]
    return overdue_occurrences(user).count()


def recent_transitions(user, limit=DASHBOARD_ROWS):
    return list(
        StageTransition.objects.visible_to(user)
        .select_related("agreement", "actor")
        .order_by("-created_at", "-pk")[:limit]
    )


def recent_changes(user, limit=DASHBOARD_ROWS):
    """The latest history records of agreements the user may read (who changed which agreement, when)."""
    visible = Agreement.objects.visible_to(user).values("pk")
    return list(
        Agreement.history.filter(id__in=visible)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )


def dashboard(user):
    """Everything the dashboard shows, with a fixed number of queries."""
    ending = agreements_ending_soon(user)
    overdue = overdue_occurrences(user)
    return {
        "by_stage": agreements_by_stage(user),
        "by_category": agreements_by_category(user),
        "ending_soon": list(ending[:DASHBOARD_ROWS]),
        "ending_soon_count": ending.count(),
        "overdue": list(overdue[:DASHBOARD_ROWS]),
        "overdue_count": overdue_count(user),
        "transitions": recent_transitions(user),
        "changes": recent_changes(user),
        "ending_soon_days": ENDING_SOON_DAYS,
    }

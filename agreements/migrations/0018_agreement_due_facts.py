"""An agreement's due facts, precomputed from its occurrences (docs/decisions/0064): the overdue count and
the next due date, filled for every agreement in one set-based UPDATE, and the partial index behind
"has overdue" and the dashboard's overdue figure."""

from django.db import migrations, models
from django.db.models import Count, Min, OuterRef, Subquery
from django.db.models.functions import Coalesce

OVERDUE = "overdue"
OPEN = ("upcoming", "in_progress", "rejected", "overdue")  # agreements.choices.OPEN_OCCURRENCE_STATUSES


def backfill(apps, schema_editor):
    """What agreements.services.due_facts.refresh_due_facts computes, for every agreement at once."""
    Agreement = apps.get_model("agreements", "Agreement")
    Occurrence = apps.get_model("agreements", "ObligationOccurrence")
    of_agreement = (
        Occurrence.objects.filter(obligation__agreement_id=OuterRef("pk"))
        .order_by()
        .values("obligation__agreement_id")
    )
    overdue = of_agreement.filter(status=OVERDUE).annotate(n=Count("pk")).values("n")
    next_due = of_agreement.filter(status__in=OPEN).annotate(d=Min("due_date")).values("d")
    Agreement.objects.update(overdue_count=Coalesce(Subquery(overdue), 0), next_due_on=Subquery(next_due))


def analyze(apps, schema_editor):
    """The fill rewrites every agreement row: fresh statistics, so the planner picks the new index at
    once rather than after autovacuum's next visit (measured: sequential scans until then)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ANALYZE agreements_agreement")


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0017_law_fields_not_budgeted_and_ksdd_mandatory"),
    ]

    operations = [
        migrations.AddField(
            model_name="agreement",
            name="next_due_on",
            field=models.DateField(blank=True, editable=False, null=True, verbose_name="jatuh tempo berikutnya"),
        ),
        migrations.AddField(
            model_name="agreement",
            name="overdue_count",
            field=models.PositiveIntegerField(
                default=0, editable=False, verbose_name="jumlah jatuh tempo terlambat"
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="agreement",
            index=models.Index(
                condition=models.Q(("archived_at__isnull", True), ("overdue_count__gt", 0)),
                fields=["-created_at", "-id"],
                include=["overdue_count"],
                name="agreement_live_overdue",
            ),
        ),
        migrations.RunPython(analyze, migrations.RunPython.noop),
    ]

"""*Ditolak* (rejected) becomes an occurrence status of its own. Before, a rejection left the
occurrence in progress (or overdue, past its date) with the verdict's time and comment on it; those
whose due date has not passed move to the new status. The ones already past due stay overdue, which is
what the daily run would make of a rejected occurrence past its date."""

from django.db import migrations, models
from django.utils import timezone

STATUS_CHOICES = [
    ("upcoming", "Akan Datang"),
    ("in_progress", "Dalam Proses"),
    ("submitted", "Diajukan"),
    ("rejected", "Ditolak"),
    ("fulfilled", "Terpenuhi"),
    ("overdue", "Terlambat"),
    ("not_fulfilled", "Tidak Terpenuhi"),
    ("waived", "Dibebaskan"),
]


def _rejected_before(apps, old_status):
    """Occurrences whose last verdict sent the evidence back: still open, with a verdict's time (a
    submission clears it, a verification makes the occurrence fulfilled)."""
    ObligationOccurrence = apps.get_model("agreements", "ObligationOccurrence")
    return ObligationOccurrence.objects.filter(status__in=old_status, verified_at__isnull=False)


def forward(apps, schema_editor):
    _rejected_before(apps, ["in_progress", "overdue"]).filter(due_date__gte=timezone.localdate()).update(
        status="rejected"
    )


def backward(apps, schema_editor):
    _rejected_before(apps, ["rejected"]).update(status="in_progress")


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0014_report_letter"),
    ]

    operations = [
        migrations.AlterField(
            model_name="historicalobligationoccurrence",
            name="status",
            field=models.CharField(
                choices=STATUS_CHOICES, default="upcoming", max_length=20, verbose_name="status"
            ),
        ),
        migrations.AlterField(
            model_name="obligationoccurrence",
            name="status",
            field=models.CharField(
                choices=STATUS_CHOICES, default="upcoming", max_length=20, verbose_name="status"
            ),
        ),
        migrations.RunPython(forward, backward),
    ]

"""Indexes behind the lists' default and by-value orders and the "has overdue" probe (docs/decisions/0059)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0015_occurrence_rejected"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="agreement",
            index=models.Index(
                condition=models.Q(("archived_at__isnull", True)),
                fields=["-created_at", "-id"],
                name="agreement_live_recent",
            ),
        ),
        migrations.AddIndex(
            model_name="agreement",
            index=models.Index(
                condition=models.Q(("archived_at__isnull", True)),
                fields=["-estimated_value", "-id"],
                name="agreement_live_by_value",
            ),
        ),
        migrations.AddIndex(
            model_name="obligationoccurrence",
            index=models.Index(
                condition=models.Q(("status", "overdue")), fields=["obligation"], name="occurrence_overdue"
            ),
        ),
    ]

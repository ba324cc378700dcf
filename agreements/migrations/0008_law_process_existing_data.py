"""Existing agreements keep their stage. What they already recorded moves to the new records:

- the rules in force are created with the law's defaults (one row);
- a DPRD approval date on an agreement becomes an approved DPRD Approval with its reference;
- a closed agreement gets its closing date from the move that closed it.

What the new gates would refuse for them is listed on the staff page "Belum sesuai aturan baru".
"""

from django.db import migrations
from django.db.models import OuterRef, Subquery
from django.utils import timezone

CARRIED = "Dicatat sebelum persetujuan menjadi catatan tersendiri."
OUTCOMES = ["completed", "terminated", "revoked", "rejected", "cancelled"]


def forward(apps, schema_editor):
    ProcessRules = apps.get_model("agreements", "ProcessRules")
    Agreement = apps.get_model("agreements", "Agreement")
    Approval = apps.get_model("agreements", "Approval")
    StageTransition = apps.get_model("agreements", "StageTransition")
    ProcessRules.objects.get_or_create(pk=1)
    approvals = [
        Approval(
            agreement_id=pk,
            kind="dprd",
            letter_number=reference,
            decided_on=day,
            result="approved",
            notes=CARRIED,
        )
        for pk, day, reference in Agreement.objects.filter(dprd_approval_date__isnull=False).values_list(
            "pk", "dprd_approval_date", "dprd_approval_reference"
        )
    ]
    Approval.objects.bulk_create(approvals, batch_size=1000)
    closing = (
        StageTransition.objects.filter(agreement_id=OuterRef("pk"), to_stage=OuterRef("stage"))
        .order_by("-created_at", "-pk")
        .values("created_at")[:1]
    )
    for pk, moment in (
        Agreement.objects.filter(stage__in=OUTCOMES, closed_on__isnull=True)
        .annotate(closed_at=Subquery(closing))
        .values_list("pk", "closed_at")
        .iterator()
    ):
        if moment is not None:
            Agreement.objects.filter(pk=pk).update(closed_on=timezone.localdate(moment))


def backward(apps, schema_editor):
    apps.get_model("agreements", "Approval").objects.filter(notes=CARRIED).delete()


class Migration(migrations.Migration):
    dependencies = [("agreements", "0007_law_process")]
    operations = [migrations.RunPython(forward, backward)]

"""Every agreement already past preparation when the law's steps became records gets a legacy entry
listing the steps of the stages it passed: those steps happened before the system recorded them, and
the gates must not ask for them again. Dates and documents stay empty (unknown); staff add them where
they are known. An agreement closed from preparation passed no step and gets none."""

from django.db import migrations

PREPARATION_STEPS = [
    "initiative_letter",
    "proposal",
    "partner_legality",
    "benefit_study",
    "tkksd_review",
    "draft_mou",
]
SIGNING_STEPS = ["sign_mou", "approval_dprd", "legal_review", "sign_operational", "validate_signed"]
WORKING = ["preparation", "signing", "implementation", "evaluation"]
NOTE = "Dicatat saat langkah-langkah hukum menjadi catatan: langkah ini berlangsung sebelum tercatat di sistem."


def _reached(agreement, transitions):
    """The working stage the agreement stood at (for a closed one: the stage it was closed from)."""
    if agreement.stage in WORKING:
        return agreement.stage
    if agreement.stage == "completed":
        return "evaluation"
    closing = [t for t in transitions if t.to_stage == agreement.stage]
    return closing[-1].from_stage if closing and closing[-1].from_stage in WORKING else "preparation"


def forward(apps, schema_editor):
    Agreement = apps.get_model("agreements", "Agreement")
    LegacyEntry = apps.get_model("agreements", "LegacyEntry")
    LegacyStep = apps.get_model("agreements", "LegacyStep")
    agreements = (
        Agreement.objects.exclude(stage="preparation")
        .filter(legacy_entry__isnull=True)
        .prefetch_related("transitions")
        .order_by("pk")
    )
    for agreement in agreements:
        transitions = sorted(agreement.transitions.all(), key=lambda t: (t.created_at, t.pk))
        reached = _reached(agreement, transitions)
        if reached == "preparation":
            continue
        steps = PREPARATION_STEPS + (SIGNING_STEPS if reached in ("implementation", "evaluation") else [])
        entry = LegacyEntry.objects.create(agreement=agreement, entered_stage=reached, note=NOTE)
        LegacyStep.objects.bulk_create([LegacyStep(entry=entry, step=step) for step in steps])


def backward(apps, schema_editor):
    apps.get_model("agreements", "LegacyEntry").objects.filter(note=NOTE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0012_legacy_entry"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
    ]

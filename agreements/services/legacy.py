"""Entering an agreement that predates the system at its current stage (issue 10, item 11), with the
steps that happened outside the system. The staff page, the API and the import take this one path."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.services import refuse, save_validated

from ..models import Agreement
from ..models.legacy import LegacyEntry, LegacyStep, LegacyStepCode
from .lifecycle import agreement_set_stage_directly


def _step(value) -> dict:
    return {"step": value} if isinstance(value, str) else dict(value)


@transaction.atomic
def agreement_enter_legacy(*, agreement: Agreement, actor, stage: str, steps=(), note="") -> Agreement:
    """Record which steps happened outside the system — codes, or dicts of `step`, `happened_on`,
    `reference`, `document` — and set the stage directly; the gates on the way read those steps.
    Refused as a whole (nothing recorded) when a gate still refuses."""
    if LegacyEntry.objects.filter(agreement=agreement).exists():
        refuse(_("Kerja sama ini sudah dicatat sebagai kerja sama lama."))
    rows = [_step(s) for s in steps]
    codes = [row.get("step") for row in rows]
    unknown = [c for c in codes if c not in LegacyStepCode.values]
    if unknown:
        refuse(_("Langkah tidak dikenal: %(steps)s.") % {"steps": ", ".join(str(c) for c in unknown)})
    if len(set(codes)) != len(codes):
        refuse(_("Setiap langkah hanya dicatat sekali."))
    user = actor if getattr(actor, "pk", None) else None
    entry = save_validated(
        LegacyEntry(agreement=agreement, entered_stage=stage, note=note, recorded_by=user), actor
    )
    for row in rows:
        document = row.get("document")
        if document is not None and document.agreement_id != agreement.pk:
            raise ValidationError({"document": [_("Pilih dokumen kerja sama ini.")]})
        save_validated(
            LegacyStep(
                entry=entry,
                step=row["step"],
                happened_on=row.get("happened_on"),
                reference=row.get("reference", ""),
                document=document,
            ),
            actor,
        )
    return agreement_set_stage_directly(agreement=agreement, actor=actor, stage=stage, note=note)

"""The daily run's move of ended agreements to evaluation, set-based (issue 14).

A catch-up (a first run, or days without a worker) may find thousands of agreements past their end:
each batch is locked, moved, recorded (history records, stage transitions) and handed to the summary
coalescing in a fixed number of queries, whatever its size, so 16,000 agreements move in seconds.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.history import bulk_history_updated
from registry.register_cache import register_changed

from .. import signals
from ..choices import Stage
from ..models import Agreement, StageTransition

# Agreements per transaction: bounds the rows held in memory and locked at once.
BATCH = 2000


def _ended(today):
    return Agreement.objects.filter(stage=Stage.IMPLEMENTATION, end_date__lt=today, archived_at__isnull=True)


def agreements_move_ended_to_evaluation(today=None) -> int:
    """The daily run: implementation agreements past their end date move to evaluation, by the system,
    each with its history record, its stage transition and one summary request."""
    today = today or timezone.localdate()
    moved = 0
    while True:
        batch = _move_batch(today)
        moved += batch
        if batch < BATCH:  # the last one: nothing (unlocked) is left
            return moved


@transaction.atomic
def _move_batch(today) -> int:
    # skip_locked: an agreement a user is editing right now is left for the next batch or the next day,
    # rather than the whole batch waiting on it.
    agreements = list(_ended(today).select_for_update(skip_locked=True, of=("self",)).order_by("pk")[:BATCH])
    if not agreements:
        return 0
    ids = [a.pk for a in agreements]
    now = timezone.now()
    Agreement.objects.filter(pk__in=ids).update(
        stage=Stage.EVALUATION, version=F("version") + 1, shown_version=F("shown_version") + 1, updated_at=now
    )
    note = _("Jangka waktu berakhir; dipindahkan otomatis oleh sistem.")
    for agreement in agreements:
        agreement.stage, agreement.version, agreement.updated_at = (
            Stage.EVALUATION,
            agreement.version + 1,
            now,
        )
    bulk_history_updated(Agreement, agreements)
    StageTransition.objects.bulk_create(
        StageTransition(
            agreement_id=pk, from_stage=Stage.IMPLEMENTATION, to_stage=Stage.EVALUATION, note=note
        )
        for pk in ids
    )
    register_changed()  # written in bulk, without the receivers (registry/register_cache.py)
    signals.stage_changed.send(sender=Agreement, agreement_ids=ids)
    return len(ids)

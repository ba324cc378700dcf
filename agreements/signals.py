"""Domain events other apps may react to (e.g. jobs/ renders a new PDF summary after a stage change).

Receivers must defer work with transaction.on_commit and pass ids, never instances.
"""

from django.dispatch import Signal

stage_changed = Signal()  # kwargs: agreement_ids (one agreement, or a batch moved together)
# Evidence was submitted ("submitted"), verified ("verified") or rejected ("rejected"); `history_id`
# names the occurrence's history record of that change.
occurrence_event = Signal()  # kwargs: occurrence_id, event, history_id

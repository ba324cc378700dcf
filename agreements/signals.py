"""Domain events other apps may react to (e.g. jobs/ renders a new PDF summary after a stage change).

Receivers must defer work with transaction.on_commit and pass ids, never instances.
"""

from django.dispatch import Signal

stage_changed = Signal()  # kwargs: agreement_ids (one agreement, or a batch moved together)

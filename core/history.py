"""Change history for writes made in bulk: the rows simple_history writes on save(), set-based."""

from django.utils import timezone


def bulk_history_updated(model, objects, *, user=None, reason=""):
    """One '~' history record per object (already saved with these values), with the snapshot of each
    many-to-many field the model's history follows, as save() records them: a fixed number of queries
    however many objects (the records, then for each such field its rows read and written)."""
    if not objects:
        return []
    history_model = model.history.model
    records = model.history.bulk_history_create(
        objects, update=True, default_user=user, default_change_reason=reason, default_date=timezone.now()
    )
    pk_attname = model._meta.pk.attname
    record_of = {getattr(record, pk_attname): record for record in records}
    for field in history_model._history_m2m_fields:
        through = field.remote_field.through
        source = f"{field.m2m_field_name()}_id"
        snapshot = getattr(history_model, field.name).model
        columns = [f.attname for f in through._meta.concrete_fields]
        rows = [
            dict(zip(columns, row, strict=True))
            for row in through.objects.filter(**{f"{source}__in": list(record_of)}).values_list(*columns)
        ]
        snapshot.objects.bulk_create(snapshot(history=record_of[row[source]], **row) for row in rows)
    return records

"""Helpers every app's services share: validated saves with history, and the domain's errors."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class ConflictError(Exception):
    """The record changed since the caller read it (optimistic locking)."""

    def __init__(self, current_version):
        self.current_version = current_version
        super().__init__(
            _("Data ini telah diubah orang lain (versi %(v)s). Muat ulang untuk melihat versi terbaru.")
            % {"v": current_version}
        )


class GateRefused(ValidationError):
    """A step of the process cannot be taken yet; `messages` says, in the user's language, what is
    missing. Pages show the list, the API answers 400 {"reasons": [...]}."""


def save_validated(instance, actor, *, update_fields=None, exclude=None):
    """full_clean() then save, recording `actor` as the author in the change history."""
    instance.full_clean(exclude=exclude)
    instance._history_user = actor
    instance.save(update_fields=update_fields)
    return instance


def apply_changes(instance, actor, data: dict):
    """Set the given fields, validate, and save only those fields (plus updated_at when present)."""
    for name, value in data.items():
        setattr(instance, name, value)
    fields = list(data)
    if any(f.name == "updated_at" for f in instance._meta.concrete_fields):
        fields.append("updated_at")
    return save_validated(instance, actor, update_fields=fields or None)


def refuse(messages):
    """Raise a ValidationError with one or more plain messages."""
    raise ValidationError(list(messages) if isinstance(messages, list | tuple) else [messages])

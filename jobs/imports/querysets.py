"""Scoped reads of checked import files."""

from django.db import models


class CheckedImportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A checked file belongs to the user who uploaded it: nobody else applies it or sees its rows
        (another staff member's key answers 404, as a missing one)."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(checked_by=user)

    def for_page(self):
        return self.select_related("check_job", "apply_job")

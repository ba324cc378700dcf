"""Pieces every FilterSet shares (HTML lists and the API use the same FilterSets)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

ALL = _("Semua")


def yes_no_select():
    """A select for a BooleanFilter: all / yes / no (instead of Django's "unknown")."""
    return forms.Select(choices=[("", ALL), ("true", _("Ya")), ("false", _("Tidak"))])


class StableOrderingFilter(django_filters.OrderingFilter):
    """OrderingFilter that always ends on the primary key, so pages never repeat or skip rows."""

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        ordering = list(qs.query.order_by) or list(qs.model._meta.ordering)
        if not any(field.lstrip("-") in ("pk", "id") for field in ordering):
            qs = qs.order_by(*ordering, "-pk")
        return qs


class LiveByDefaultFilterSet(django_filters.FilterSet):
    """Archived rows stay out of a list unless `archived=true` asks for them (DESIGN.md: archived,
    never deleted). `archived=false` or no value: live rows only."""

    archived = django_filters.BooleanFilter(
        label=_("Diarsipkan"), method="filter_archived", widget=yes_no_select()
    )

    def filter_archived(self, queryset, name, value):
        # Applied in filter_queryset so that the default also holds when the parameter is absent.
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return queryset.filter(archived_at__isnull=not self.form.cleaned_data.get("archived"))

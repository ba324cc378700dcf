"""The public register's filters: the shared AgreementFilterSet, minus what would leak.

- `partner` is dropped: its choices would list partners by name, individuals included;
- `has_overdue` and `archived` are dropped: internal matters;
- search matches organisation names only, never an individual's name (whose presence in an
  agreement is itself personal data).
"""

from agreements.filtersets import AgreementFilterSet

from .selectors import search_organisations

PUBLIC_FILTERS = ("q", "category", "form", "stage", "sector", "lead_unit", "year_signed", "ordering")


class PublicAgreementFilterSet(AgreementFilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in list(self.filters):
            if name not in PUBLIC_FILTERS:
                del self.filters[name]

    def search(self, queryset, name, value):
        value = value.strip()
        return search_organisations(queryset, value) if value else queryset

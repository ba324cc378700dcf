"""Small FilterSets for API lists that have no shared HTML FilterSet (occurrences, documents)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.drainage import set_override
from drf_spectacular.types import OpenApiTypes

from agreements.choices import DocumentType, OccurrenceStatus, Visibility
from agreements.filtersets import AgreementFilterSet
from agreements.models import Document, ObligationOccurrence


class OccurrenceFilterSet(django_filters.FilterSet):
    agreement = django_filters.NumberFilter(label=_("Kerja sama"), field_name="obligation__agreement_id")
    obligation = django_filters.NumberFilter(label=_("Kewajiban"), field_name="obligation_id")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=OccurrenceStatus.choices)
    due_from = django_filters.DateFilter(
        label=_("Jatuh tempo sejak"), field_name="due_date", lookup_expr="gte"
    )
    due_until = django_filters.DateFilter(
        label=_("Jatuh tempo hingga"), field_name="due_date", lookup_expr="lte"
    )

    class Meta:
        model = ObligationOccurrence
        fields = ["agreement", "obligation", "status", "due_from", "due_until"]


class DocumentFilterSet(django_filters.FilterSet):
    agreement = django_filters.NumberFilter(label=_("Kerja sama"), field_name="agreement_id")
    occurrence = django_filters.NumberFilter(label=_("Jatuh tempo"), field_name="occurrence_id")
    doc_type = django_filters.ChoiceFilter(label=_("Jenis dokumen"), choices=DocumentType.choices)
    visibility = django_filters.ChoiceFilter(label=_("Visibilitas"), choices=Visibility.choices)

    class Meta:
        model = Document
        fields = ["agreement", "occurrence", "doc_type", "visibility"]


def _document_shared_filters():
    """The shared AgreementFilterSet's `partner`, `overdue_partner` and `overdue_unit` filters work
    through methods, so the schema cannot guess their type: each takes an id."""
    for name in ("partner", "overdue_partner", "overdue_unit"):
        set_override(AgreementFilterSet.base_filters[name], "field", OpenApiTypes.INT)


_document_shared_filters()

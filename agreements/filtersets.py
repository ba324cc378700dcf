"""The one FilterSet for agreement lists, in HTML pages and the API alike.

It filters a queryset the caller has already scoped (`Agreement.objects.visible_to(user)`); the choices
offered for OPD and partner are scoped through `self.request.user` as well.
"""

import datetime
import re

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import sees_everything
from core.filtering import ALL, LiveByDefaultFilterSet, StableOrderingFilter, yes_no_select
from registry.choices import Sector
from registry.models import OrganisationUnit, Partner

from .choices import WORKING_STAGES, Category, Form, OccurrenceStatus, Stage
from .decision_conditions import (
    benefit_year_q,
    overdue_unit_expression,
    waiting_for_approval_q,
    waiting_for_tkksd_q,
)
from .models import Agreement, AgreementParty, ObligationOccurrence

WAITING = {"tkksd": waiting_for_tkksd_q, "approval": waiting_for_approval_q}

PARTNER_SELECT_LIMIT = 300  # past this, the partner select offers only the chosen partner (see below)
TRIGRAM = 3  # pg_trgm's unit: a substring shorter than this gives the trigram index nothing to look up
SEARCH_CONFIG = "simple"  # PostgreSQL has no Indonesian dictionary; "simple" keeps every word as written.


def _user(request):
    return getattr(request, "user", None)


def _units(request):
    return OrganisationUnit.objects.visible_to(_user(request)).order_by("name")


def _partners(request):
    return Partner.objects.visible_to(_user(request)).filter(archived_at__isnull=True).order_by("name")


def _number_contains(value: str):
    """Agreements whose number contains `value`, in the form the trigram index serves: Django writes
    `number__icontains` as `UPPER("number"::text) LIKE UPPER('%…%')`, the index's own expression
    (migration 0004: `UPPER(number::text) gin_trgm_ops`). The index finds candidates only through
    trigrams, so the search uses it from TRIGRAM characters on; shorter input is found by the
    full-text part (a word of the number starting with it) rather than by reading every number."""
    return Agreement.objects.filter(number__icontains=value).order_by().values("pk")


def _prefix_tsquery(value: str) -> str | None:
    """Every word of the input as a prefix term, all required: "dinas pert" finds "Dinas Pertanian"."""
    words = re.findall(r"\w+", value)
    return " & ".join(f"{word}:*" for word in words) if words else None


class BoundedChoiceIterator(ModelChoiceIterator):
    """The options of a model select: every row up to the field's `limit`; past that, only the chosen
    one, so that thousands of <option>s never make a list page slow (nor the select unusable)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        # One query that reads the rows only when there are at most `limit` of them: past that the
        # condition (a one-row probe at offset `limit`, evaluated once) is false and nothing is read.
        beyond = self.queryset.order_by()[self.field.limit : self.field.limit + 1]
        rows = list(self.queryset.filter(~Exists(beyond)))
        if not rows and self.field.chosen is not None:
            rows = [self.field.chosen]
        for obj in rows:
            yield self.choice(obj)

    def __len__(self):
        return len(list(iter(self)))


class BoundedModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that accepts any row of its queryset but lists at most `limit` options."""

    iterator = BoundedChoiceIterator

    def __init__(self, *args, limit=PARTNER_SELECT_LIMIT, **kwargs):
        self.limit = limit
        self.chosen = None
        super().__init__(*args, **kwargs)

    def clean(self, value):
        self.chosen = super().clean(value)
        return self.chosen


class BoundedModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = BoundedModelChoiceField


class AgreementFilterSet(LiveByDefaultFilterSet):
    q = django_filters.CharFilter(label=_("Cari"), method="search")
    stage = django_filters.ChoiceFilter(empty_label=ALL, label=_("Tahap"), choices=Stage.choices)
    category = django_filters.ChoiceFilter(empty_label=ALL, label=_("Kategori"), choices=Category.choices)
    form = django_filters.ChoiceFilter(empty_label=ALL, label=_("Bentuk"), choices=Form.choices)
    lead_unit = django_filters.ModelChoiceFilter(
        empty_label=ALL, label=_("Perangkat daerah"), queryset=_units, method="filter_unit"
    )
    partner = BoundedModelChoiceFilter(
        empty_label=ALL,
        label=_("Mitra"),
        queryset=_partners,
        method="filter_partner",
        help_text=_("Jika mitra tidak ada dalam pilihan, ketik namanya di kotak Cari."),
    )
    sector = django_filters.ChoiceFilter(
        empty_label=ALL, label=_("Sektor mitra"), choices=Sector.choices, method="filter_sector"
    )
    year_signed = django_filters.NumberFilter(
        label=_("Tahun penandatanganan"),
        field_name="signed_date",
        lookup_expr="year",
        min_value=1,  # a year outside 1–9999 is no date: 400, not a server error
        max_value=9999,
    )
    ending_within_days = django_filters.NumberFilter(
        label=_("Berakhir dalam (hari)"), method="filter_ending_within", min_value=0, max_value=3650
    )
    has_overdue = django_filters.BooleanFilter(
        widget=yes_no_select(), label=_("Ada kewajiban terlambat"), method="filter_has_overdue"
    )
    # The managers' dashboard links here (agreements/selectors_decisions.py reads the same conditions).
    waiting = django_filters.ChoiceFilter(
        empty_label=ALL,
        label=_("Menunggu keputusan"),
        choices=[("tkksd", _("Pembahasan TKKSD")), ("approval", _("Persetujuan"))],
        method="filter_waiting",
    )
    overdue_partner = BoundedModelChoiceFilter(
        empty_label=ALL,
        label=_("Kewajiban terlambat dari mitra"),
        queryset=_partners,
        method="filter_overdue_partner",
    )
    overdue_unit = django_filters.ModelChoiceFilter(
        empty_label=ALL,
        label=_("Kewajiban terlambat pada perangkat daerah"),
        queryset=_units,
        method="filter_overdue_unit",
    )
    benefit_year = django_filters.NumberFilter(
        label=_("Manfaat pada tahun"), method="filter_benefit_year", min_value=1, max_value=9999
    )
    ordering = StableOrderingFilter(
        label=_("Urutkan"),
        fields=(
            ("number", "number"),
            ("title", "title"),
            ("end_date", "end_date"),
            ("stage", "stage"),
            ("estimated_value", "estimated_value"),
            ("created_at", "created_at"),
        ),
        field_labels={
            "number": _("Nomor"),
            "title": _("Judul"),
            "end_date": _("Tanggal berakhir"),
            "stage": _("Tahap"),
            "estimated_value": _("Perkiraan nilai"),
            "created_at": _("Tanggal dibuat"),
        },
    )

    class Meta:
        model = Agreement
        fields = [
            "q",
            "stage",
            "category",
            "form",
            "lead_unit",
            "partner",
            "sector",
            "year_signed",
            "ending_within_days",
            "has_overdue",
            "waiting",
            "overdue_partner",
            "overdue_unit",
            "benefit_year",
            "archived",
        ]

    def search(self, queryset, name, value):
        """Number, title and the names of the parties. PostgreSQL: full-text search with prefix terms
        (plus a substring match on the number, which the text parser splits oddly); elsewhere: icontains."""
        value = value.strip()
        if not value:
            return queryset
        if connection.vendor == "postgresql":
            tsquery = _prefix_tsquery(value)
            if tsquery is None:
                return queryset.filter(number__icontains=value)
            query = SearchQuery(tsquery, config=SEARCH_CONFIG, search_type="raw")
            by_partner = (
                AgreementParty.objects.annotate(
                    document=SearchVector("partner__name", "partner__short_name", config=SEARCH_CONFIG)
                )
                .filter(document=query)
                .order_by()
                .values("agreement_id")
            )
            # One id list from index-driven parts (see migration 0004: GIN indexes on both documents and
            # a trigram index on the number); OR-ing them would scan every agreement.
            by_text = (
                Agreement.objects.annotate(document=SearchVector("number", "title", config=SEARCH_CONFIG))
                .filter(document=query)
                .order_by()
                .values("pk")
            )
            parts = [by_partner]
            if len(value) >= TRIGRAM:
                parts.append(_number_contains(value))
            return queryset.filter(pk__in=by_text.union(*parts))
        by_partner = AgreementParty.objects.filter(
            Q(partner__name__icontains=value) | Q(partner__short_name__icontains=value)
        ).values("agreement_id")
        return queryset.filter(Q(number__icontains=value) | Q(title__icontains=value) | Q(pk__in=by_partner))

    def filter_unit(self, queryset, name, unit):
        """The OPD in charge or a related OPD."""
        related = Agreement.related_units.through.objects.filter(organisationunit_id=unit.pk)
        return queryset.filter(Q(lead_unit_id=unit.pk) | Q(pk__in=related.values("agreement_id")))

    def filter_partner(self, queryset, name, partner):
        return queryset.filter(
            pk__in=AgreementParty.objects.filter(partner_id=partner.pk).values("agreement_id")
        )

    def filter_sector(self, queryset, name, sector):
        """Agreements with at least one party of the sector."""
        return queryset.filter(
            pk__in=AgreementParty.objects.filter(partner__sector=sector).values("agreement_id")
        )

    def filter_ending_within(self, queryset, name, days):
        """Agreements not yet closed whose end date falls within the next `days` days."""
        today = timezone.localdate()
        return queryset.filter(
            stage__in=WORKING_STAGES, end_date__range=(today, today + datetime.timedelta(days=int(days)))
        )

    def filter_has_overdue(self, queryset, name, value):
        """Whoever reads every agreement reads every obligation: the agreement's precomputed overdue
        count answers, through a partial index in the list's order (docs/decisions/0064). Others see
        only some obligations (a partner those shared with the parties), so their answer comes from
        the occurrences they may read."""
        user = _user(self.request)
        if sees_everything(user):
            return queryset.filter(overdue_count__gt=0) if value else queryset.filter(overdue_count=0)
        overdue = Exists(
            ObligationOccurrence.objects.visible_to(user).filter(
                obligation__agreement=OuterRef("pk"), status=OccurrenceStatus.OVERDUE
            )
        )
        return queryset.filter(overdue if value else ~overdue)

    def filter_waiting(self, queryset, name, value):
        return queryset.filter(WAITING[value]())

    def _with_overdue(self, queryset, occurrences):
        return queryset.filter(
            pk__in=occurrences.filter(status=OccurrenceStatus.OVERDUE).values("obligation__agreement_id")
        )

    def filter_overdue_partner(self, queryset, name, partner):
        """Agreements where this partner has an overdue obligation."""
        return self._with_overdue(
            queryset, ObligationOccurrence.objects.filter(obligation__party__partner_id=partner.pk)
        )

    def filter_overdue_unit(self, queryset, name, unit):
        """Agreements with an overdue obligation this OPD answers for (its own, or as the leading OPD
        of an obligation without one)."""
        occurrences = ObligationOccurrence.objects.annotate(unit_id=overdue_unit_expression()).filter(
            unit_id=unit.pk
        )
        return self._with_overdue(queryset, occurrences)

    def filter_benefit_year(self, queryset, name, year):
        return queryset.filter(benefit_year_q(int(year)))


def _agreements(request):
    return Agreement.objects.visible_to(_user(request)).order_by("number", "pk")


class VerificationQueueFilterSet(django_filters.FilterSet):
    """The staff verification queue by agreement, partner (the responsible party) and OPD (the
    responsible one, or the leading one of an obligation without its own). Choices are the user's
    scope; past the select's limit only the chosen row is listed."""

    agreement = BoundedModelChoiceFilter(
        empty_label=ALL, label=_("Kerja sama"), queryset=_agreements, field_name="obligation__agreement"
    )
    partner = BoundedModelChoiceFilter(
        empty_label=ALL, label=_("Mitra"), queryset=_partners, field_name="obligation__party__partner"
    )
    unit = django_filters.ModelChoiceFilter(
        empty_label=ALL, label=_("Perangkat daerah"), queryset=_units, method="filter_unit"
    )

    class Meta:
        model = ObligationOccurrence
        fields = ["agreement", "partner", "unit"]

    def filter_unit(self, queryset, name, unit):
        return queryset.filter(
            Q(obligation__responsible_unit_id=unit.pk)
            | Q(obligation__responsible_unit__isnull=True, obligation__agreement__lead_unit_id=unit.pk)
        )

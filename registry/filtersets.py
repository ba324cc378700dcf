"""The one FilterSet for partner lists, in HTML pages and the API alike."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.filtering import ALL, LiveByDefaultFilterSet, StableOrderingFilter, yes_no_select

from .choices import PartnerType, Sector, VerificationStatus
from .models import Partner


class PartnerFilterSet(LiveByDefaultFilterSet):
    """Filters a partner queryset the caller has already scoped (`Partner.objects.visible_to(user)`)."""

    q = django_filters.CharFilter(label=_("Cari"), method="search")
    sector = django_filters.ChoiceFilter(empty_label=ALL, label=_("Sektor"), choices=Sector.choices)
    partner_type = django_filters.ChoiceFilter(empty_label=ALL, label=_("Jenis"), choices=PartnerType.choices)
    verification_status = django_filters.ChoiceFilter(
        empty_label=ALL, label=_("Status verifikasi"), choices=VerificationStatus.choices
    )
    is_active = django_filters.BooleanFilter(label=_("Aktif"), widget=yes_no_select())
    ordering = StableOrderingFilter(
        label=_("Urutkan"),
        fields=(
            ("name", "name"),
            ("short_name", "short_name"),
            ("sector", "sector"),
            ("partner_type", "partner_type"),
            ("verification_status", "verification_status"),
            ("created_at", "created_at"),
        ),
        field_labels={
            "name": _("Nama"),
            "short_name": _("Nama singkat"),
            "sector": _("Sektor"),
            "partner_type": _("Jenis"),
            "verification_status": _("Status verifikasi"),
            "created_at": _("Tanggal dibuat"),
        },
    )

    class Meta:
        model = Partner
        fields = ["q", "sector", "partner_type", "verification_status", "is_active", "archived"]

    def search(self, queryset, name, value):
        """Name, short name or an identifier (NIB, NPWP, region code), case-insensitive."""
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value)
            | Q(short_name__icontains=value)
            | Q(nib__icontains=value)
            | Q(npwp__icontains=value)
            | Q(region_code__icontains=value)
        )

"""Parties to an agreement and the legal texts (instruments) they sign."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from core.templatetags.formatting import tanggal
from core.validators import not_after_today

from ..choices import InstrumentKind, InstrumentStatus, PartyRole, SigningMethod
from ..querysets import ChildQuerySet
from .agreement import Agreement

ORDINALS = {
    1: _("Pihak Kesatu"),
    2: _("Pihak Kedua"),
    3: _("Pihak Ketiga"),
    4: _("Pihak Keempat"),
    5: _("Pihak Kelima"),
    6: _("Pihak Keenam"),
}


def validate_party_roles(value):
    if not isinstance(value, list) or any(role not in PartyRole.values for role in value):
        raise ValidationError(_("Peran pihak tidak dikenal."), code="invalid_role")


class AgreementParty(TimeStampedModel):
    """A partner's place in an agreement: its order, roles, signatory and mandate."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("kerja sama"), on_delete=models.CASCADE, related_name="parties"
    )
    partner = models.ForeignKey(
        "registry.Partner",
        verbose_name=_("mitra"),
        on_delete=models.PROTECT,
        related_name="agreement_parties",
    )
    order = models.PositiveSmallIntegerField(_("urutan pihak"), validators=[MinValueValidator(1)])
    roles = models.JSONField(_("peran"), default=list, blank=True, validators=[validate_party_roles])
    signatory_name = models.CharField(_("nama penandatangan"), max_length=200, blank=True)
    signatory_title = models.CharField(_("jabatan penandatangan"), max_length=200, blank=True)
    mandate_reference = models.CharField(_("surat kuasa"), max_length=200, blank=True)
    history = HistoricalRecords()

    # Partners see every party of their agreements (names, roles, signatories); the public sees parties of
    # public agreements, but open data serialises only organisation names and sectors.
    partner_visible = True
    public_visible = True
    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("pihak")
        verbose_name_plural = _("para pihak")
        ordering = ["agreement", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "partner"],
                name="party_partner_once",
                violation_error_message=_("Mitra ini sudah menjadi pihak dalam kerja sama ini."),
            ),
            models.UniqueConstraint(
                fields=["agreement", "order"],
                name="party_order_unique",
                violation_error_message=_("Urutan pihak ini sudah dipakai."),
            ),
            models.CheckConstraint(condition=Q(order__gte=1), name="party_order_positive"),
        ]

    def __str__(self):
        return f"{self.ordinal_label}: {self.partner}"

    @property
    def ordinal_label(self):
        return ORDINALS.get(self.order, _("Pihak ke-%(n)s") % {"n": self.order})

    def get_roles_display(self):
        labels = dict(PartyRole.choices)
        return ", ".join(str(labels.get(r, r)) for r in self.roles)


class Instrument(TimeStampedModel):
    """A legal text of the agreement: MoU, PKS, addendum, letter of intent…

    An addendum may set a new end date for the agreement (`new_end_date`); when it is signed, the
    agreement's end date and everything computed from it follow.
    """

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("kerja sama"), on_delete=models.CASCADE, related_name="instruments"
    )
    kind = models.CharField(_("jenis naskah"), max_length=20, choices=InstrumentKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("naskah induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    title = models.CharField(_("judul"), max_length=500, blank=True)
    signing_date = models.DateField(
        _("tanggal penandatanganan"), null=True, blank=True, validators=[not_after_today]
    )
    signing_place = models.CharField(_("tempat penandatanganan"), max_length=200, blank=True)
    signing_method = models.CharField(
        _("cara penandatanganan"), max_length=20, choices=SigningMethod.choices, blank=True
    )
    start_date = models.DateField(_("berlaku sejak"), null=True, blank=True)
    end_date = models.DateField(_("berlaku hingga"), null=True, blank=True)
    new_end_date = models.DateField(
        _("tanggal berakhir baru"),
        null=True,
        blank=True,
        help_text=_("Untuk adendum yang mengubah jangka waktu."),
    )
    adds_burden = models.BooleanField(
        _("menambah beban atau biaya"),
        default=False,
        help_text=_(
            "Untuk adendum yang membebani masyarakat dan daerah atau menambah biaya yang belum "
            "teranggarkan: persetujuannya ditinjau ulang sebelum ditandatangani."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=InstrumentStatus.choices, default=InstrumentStatus.DRAFT
    )
    has_initials = models.BooleanField(_("paraf lengkap"), default=False)
    has_duty_stamp = models.BooleanField(_("bermeterai"), default=False)
    has_seal = models.BooleanField(_("berstempel"), default=False)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("divalidasi oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    partner_visible = True
    public_visible = False
    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("naskah")
        verbose_name_plural = _("naskah")
        ordering = ["agreement", "signing_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="instrument_end_not_before_start",
                violation_error_message=_("Tanggal berakhir naskah tidak boleh sebelum tanggal mulai."),
            ),
        ]

    def __str__(self):
        return self.title or self.get_kind_display()

    @property
    def is_signed(self) -> bool:
        return self.status in (InstrumentStatus.SIGNED, InstrumentStatus.VALIDATED)

    @property
    def term_label(self) -> str:
        """The instrument's term as people say it: its own dates, or — for an addendum that has none —
        what it changes about the term it amends."""
        if self.start_date or self.end_date:
            return f"{tanggal(self.start_date)} – {tanggal(self.end_date)}"
        if self.new_end_date:
            return _("mengubah tanggal berakhir menjadi %(date)s") % {"date": tanggal(self.new_end_date)}
        if self.kind == InstrumentKind.ADDENDUM:
            return str(_("tidak mengubah jangka waktu"))
        return tanggal(None)


class InstrumentNumber(models.Model):
    """The document number each party gives the same instrument."""

    instrument = models.ForeignKey(
        Instrument, verbose_name=_("naskah"), on_delete=models.CASCADE, related_name="party_numbers"
    )
    party = models.ForeignKey(
        AgreementParty, verbose_name=_("pihak"), on_delete=models.CASCADE, related_name="+"
    )
    number = models.CharField(_("nomor"), max_length=150)
    history = HistoricalRecords()

    agreement_path = "instrument__agreement"
    partner_visible = True
    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("nomor naskah pihak")
        verbose_name_plural = _("nomor naskah pihak")
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "party"],
                name="instrument_number_once_per_party",
                violation_error_message=_("Pihak ini sudah memiliki nomor untuk naskah ini."),
            )
        ]

    def __str__(self):
        return self.number

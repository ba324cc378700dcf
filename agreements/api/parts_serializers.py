"""The parts of an agreement (parties, instruments, obligations, risks, benefits, contributions) as the
nested API under /agreements/{id}/ shows and accepts them.

Reads reuse the shapes of the agreement detail and add `agreement_version`, the version to send with
the next write. Writes are checked here for shape only — ids name rows of *this* agreement (or rows
the user may see) — and carry the agreement's `version`; the services check the rules.
"""

from rest_framework import serializers

from agreements.choices import PartyRole, SigningMethod
from agreements.models import (
    AgreementParty,
    Benefit,
    BenefitRealisation,
    Contribution,
    FundingSource,
    Instrument,
    InstrumentNumber,
    Obligation,
    Risk,
)
from core.api_base import AgreementVersionMixin
from registry.models import OrganisationUnit, Partner

from . import serializers as s


def _agreement(serializer):
    """The agreement the view resolved (absent while the schema is generated)."""
    return serializer.context.get("agreement")


def _user(serializer):
    request = serializer.context.get("request")
    return request.user if request else None


class AgreementPartyField(serializers.PrimaryKeyRelatedField):
    """A party of the agreement in the URL; a party of another agreement is an unknown id."""

    def __init__(self, **kwargs):
        super().__init__(queryset=AgreementParty.objects.none(), **kwargs)

    def get_queryset(self):
        agreement = _agreement(self)
        return agreement.parties.all() if agreement else AgreementParty.objects.none()


class AgreementInstrumentField(serializers.PrimaryKeyRelatedField):
    def __init__(self, **kwargs):
        super().__init__(queryset=Instrument.objects.none(), **kwargs)

    def get_queryset(self):
        agreement = _agreement(self)
        return agreement.instruments.all() if agreement else Instrument.objects.none()


class VisibleField(serializers.PrimaryKeyRelatedField):
    """A row of `model` the user may see (the same scoping as the reads)."""

    def __init__(self, model, **kwargs):
        self.model = model
        super().__init__(queryset=model.objects.none(), **kwargs)

    def get_queryset(self):
        return self.model.objects.visible_to(_user(self))


class AgreementVersionOut(serializers.Serializer):
    agreement_version = serializers.SerializerMethodField()

    def get_agreement_version(self, obj) -> int:
        return _agreement(self).version


# --- reads -----------------------------------------------------------------------------------


class PartyOut(AgreementVersionOut, s.PartySerializer):
    class Meta(s.PartySerializer.Meta):
        fields = [*s.PartySerializer.Meta.fields, "agreement_version"]


class InstrumentNumberOut(serializers.ModelSerializer):
    class Meta:
        model = InstrumentNumber
        fields = ["party", "number"]


class InstrumentOut(AgreementVersionOut, s.InstrumentSerializer):
    party_numbers = InstrumentNumberOut(many=True, read_only=True)

    class Meta(s.InstrumentSerializer.Meta):
        fields = [*s.InstrumentSerializer.Meta.fields, "party_numbers", "agreement_version"]


class ObligationOut(AgreementVersionOut, s.ObligationSerializer):
    class Meta(s.ObligationSerializer.Meta):
        fields = [*s.ObligationSerializer.Meta.fields, "agreement_version"]


class RiskOut(AgreementVersionOut, s.RiskSerializer):
    class Meta(s.RiskSerializer.Meta):
        fields = [*s.RiskSerializer.Meta.fields, "agreement_version"]


class RealisationOut(serializers.ModelSerializer):
    class Meta:
        model = BenefitRealisation
        fields = ["id", "party", "realised_on", "amount", "note"]


class BenefitOut(AgreementVersionOut, s.BenefitSerializer):
    realisations = RealisationOut(many=True, read_only=True)

    class Meta(s.BenefitSerializer.Meta):
        fields = [*s.BenefitSerializer.Meta.fields, "realisations", "agreement_version"]


class ContributionOut(AgreementVersionOut, s.ContributionSerializer):
    class Meta(s.ContributionSerializer.Meta):
        fields = [*s.ContributionSerializer.Meta.fields, "agreement_version"]


class FundingSourceOut(AgreementVersionOut, s.FundingSourceSerializer):
    class Meta(s.FundingSourceSerializer.Meta):
        fields = [*s.FundingSourceSerializer.Meta.fields, "agreement_version"]


# --- writes ----------------------------------------------------------------------------------


class _PartWrite(AgreementVersionMixin, serializers.ModelSerializer):
    """Model fields for shape (choices, lengths, ranges); uniqueness and the rest are the service's."""

    class Meta:
        validators = []


class PartyWrite(_PartWrite):
    partner = VisibleField(Partner)
    roles = serializers.ListField(child=serializers.ChoiceField(choices=PartyRole.choices), required=False)

    class Meta(_PartWrite.Meta):
        model = AgreementParty
        fields = [
            "version",
            "partner",
            "order",
            "roles",
            "signatory_name",
            "signatory_title",
            "mandate_reference",
        ]
        extra_kwargs = {"order": {"required": False}}


class InstrumentNumberIn(serializers.Serializer):
    party = AgreementPartyField()
    number = serializers.CharField(max_length=150)


class InstrumentWrite(_PartWrite):
    """An instrument's text and dates; signing and validation are actions of their own."""

    parent = AgreementInstrumentField(required=False, allow_null=True)
    party_numbers = InstrumentNumberIn(
        many=True,
        required=False,
        help_text="Nomor naskah tiap pihak; bila dikirim, menjadi seluruh daftarnya. Tidak dikirim = tidak berubah.",
    )

    class Meta(_PartWrite.Meta):
        model = Instrument
        fields = [
            "version",
            "kind",
            "parent",
            "title",
            "signing_place",
            "signing_method",
            "start_date",
            "end_date",
            "new_end_date",
            "party_numbers",
        ]


class InstrumentSign(AgreementVersionMixin):
    signing_date = serializers.DateField()
    signing_place = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    signing_method = serializers.ChoiceField(choices=SigningMethod.choices, required=False, default="")


class ObligationWrite(_PartWrite):
    party = AgreementPartyField()
    responsible_unit = VisibleField(OrganisationUnit, required=False, allow_null=True)

    class Meta(_PartWrite.Meta):
        model = Obligation
        fields = ["version", *(f for f in s.ObligationSerializer.Meta.fields if f != "id")]


class RiskShareIn(serializers.Serializer):
    party = AgreementPartyField()
    percent = serializers.DecimalField(max_digits=5, decimal_places=2)


class RiskWrite(_PartWrite):
    shares = RiskShareIn(
        many=True,
        required=False,
        help_text="Porsi per pihak; bila diisi, jumlahnya tepat 100. Tidak dikirim = tidak berubah.",
    )

    class Meta(_PartWrite.Meta):
        model = Risk
        fields = ["version", *(f for f in s.RiskSerializer.Meta.fields if f not in ("id", "score"))]


class BenefitShareIn(serializers.Serializer):
    party = AgreementPartyField()
    percent = serializers.DecimalField(max_digits=5, decimal_places=2, required=False, allow_null=True)
    amount = serializers.DecimalField(max_digits=18, decimal_places=2, required=False, allow_null=True)


class BenefitWrite(_PartWrite):
    shares = BenefitShareIn(
        many=True,
        required=False,
        help_text="Persen (jumlah tepat 100) atau nominal, sesuai cara pembagian. Tidak dikirim = tidak berubah.",
    )

    class Meta(_PartWrite.Meta):
        model = Benefit
        fields = ["version", *(f for f in s.BenefitSerializer.Meta.fields if f != "id")]


class RealisationWrite(_PartWrite):
    party = AgreementPartyField(required=False, allow_null=True)

    class Meta(_PartWrite.Meta):
        model = BenefitRealisation
        fields = ["version", "party", "realised_on", "amount", "note"]


class ContributionWrite(_PartWrite):
    party = AgreementPartyField()

    class Meta(_PartWrite.Meta):
        model = Contribution
        fields = ["version", *(f for f in s.ContributionSerializer.Meta.fields if f != "id")]


class FundingSourceWrite(_PartWrite):
    class Meta(_PartWrite.Meta):
        model = FundingSource
        fields = ["version", *(f for f in s.FundingSourceSerializer.Meta.fields if f != "id")]

"""Agreements and what hangs off them, as the API shows and accepts them.

Reads nest the agreement's parts (each already scoped by the view's prefetches); writes are validated
here for shape and then handed to agreements.services, which validate the rules.
"""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from agreements.audience import Audience, audience_for, shows_internal_notes
from agreements.choices import ClosureReason, Stage
from agreements.fields import AGREEMENT_FIELDS
from agreements.models import (
    Agreement,
    AgreementParty,
    Benefit,
    BenefitShare,
    Contribution,
    Document,
    FundingSource,
    Instrument,
    Obligation,
    ObligationOccurrence,
    Risk,
    RiskShare,
)
from agreements.rules.categories import bordering_region_choices
from core.api_base import AgreementVersionMixin
from registry.models import CooperationObject, OrganisationUnit, Partner


class PartySerializer(serializers.ModelSerializer):
    partner_name = serializers.CharField(source="partner.name", read_only=True)
    partner_sector = serializers.CharField(source="partner.sector", read_only=True)
    ordinal_label = serializers.CharField(read_only=True)

    class Meta:
        model = AgreementParty
        fields = [
            "id",
            "order",
            "ordinal_label",
            "partner",
            "partner_name",
            "partner_sector",
            "roles",
            "signatory_name",
            "signatory_title",
            "mandate_reference",
        ]


class PartyInputSerializer(serializers.Serializer):
    """A party given when an agreement is created."""

    partner = serializers.PrimaryKeyRelatedField(queryset=Partner.objects.none())
    roles = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    signatory_name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    signatory_title = serializers.CharField(required=False, allow_blank=True, max_length=200)
    mandate_reference = serializers.CharField(required=False, allow_blank=True, max_length=200)

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        fields["partner"].queryset = Partner.objects.visible_to(request.user if request else None)
        return fields


class InstrumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Instrument
        fields = [
            "id",
            "kind",
            "parent",
            "title",
            "signing_date",
            "signing_place",
            "signing_method",
            "start_date",
            "end_date",
            "new_end_date",
            "status",
            "has_initials",
            "has_duty_stamp",
            "has_seal",
        ]


class ObligationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Obligation
        fields = [
            "id",
            "party",
            "responsible_unit",
            "kind",
            "category",
            "title",
            "description",
            "clause_reference",
            "frequency",
            "first_due_date",
            "until_date",
            "shared_with_parties",
        ]


class RiskShareSerializer(serializers.ModelSerializer):
    class Meta:
        model = RiskShare
        fields = ["party", "percent"]


class RiskSerializer(serializers.ModelSerializer):
    shares = RiskShareSerializer(many=True, read_only=True)
    score = serializers.IntegerField(read_only=True)

    class Meta:
        model = Risk
        fields = [
            "id",
            "category",
            "event",
            "description",
            "stage",
            "likelihood",
            "impact",
            "score",
            "mitigation",
            "status",
            "shared_with_parties",
            "shares",
        ]


class BenefitShareSerializer(serializers.ModelSerializer):
    class Meta:
        model = BenefitShare
        fields = ["party", "percent", "amount"]


class BenefitSerializer(serializers.ModelSerializer):
    shares = BenefitShareSerializer(many=True, read_only=True)

    class Meta:
        model = Benefit
        fields = ["id", "kind", "description", "split_method", "shared_with_parties", "shares"]


class ContributionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contribution
        fields = ["id", "party", "kind", "description", "estimated_value", "shared_with_parties"]


class FundingSourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = FundingSource
        fields = ["id", "kind", "year", "amount", "budget_line", "description"]


class PartyBriefSerializer(serializers.ModelSerializer):
    partner_name = serializers.CharField(source="partner.name", read_only=True)

    class Meta:
        model = AgreementParty
        fields = ["order", "partner", "partner_name"]


class AgreementListSerializer(serializers.ModelSerializer):
    lead_unit_name = serializers.CharField(
        source="lead_unit.name", read_only=True, default=None, allow_null=True
    )
    parties = PartyBriefSerializer(many=True, read_only=True)

    class Meta:
        model = Agreement
        fields = [
            "id",
            "number",
            "title",
            "category",
            "form",
            "stage",
            "lead_unit",
            "lead_unit_name",
            "start_date",
            "end_date",
            "signed_date",
            "estimated_value",
            "is_public",
            "version",
            "parties",
        ]


class AgreementDetailSerializer(serializers.ModelSerializer):
    """An agreement with its parts. Internal notes only for those who read everything."""

    lead_unit_name = serializers.CharField(
        source="lead_unit.name", read_only=True, default=None, allow_null=True
    )
    parties = PartySerializer(many=True, read_only=True)
    instruments = InstrumentSerializer(many=True, read_only=True)
    obligations = ObligationSerializer(many=True, read_only=True)
    risks = RiskSerializer(many=True, read_only=True)
    benefits = BenefitSerializer(many=True, read_only=True)
    contributions = ContributionSerializer(many=True, read_only=True)
    funding_sources = FundingSourceSerializer(many=True, read_only=True)
    internal_notes = serializers.SerializerMethodField()
    audience = serializers.SerializerMethodField(
        help_text="Versi yang dibaca pengguna: internal, government (perangkat daerah), parties, public."
    )

    class Meta:
        model = Agreement
        fields = [
            "id",
            *AGREEMENT_FIELDS,
            "lead_unit_name",
            "signed_date",
            "stage",
            "closure_reason",
            "closure_note",
            "closed_on",
            "closure_notice",
            "dprd_approval_date",
            "dprd_approval_reference",
            "version",
            "renews",
            "archived_at",
            "created_at",
            "updated_at",
            "parties",
            "instruments",
            "obligations",
            "risks",
            "benefits",
            "contributions",
            "funding_sources",
            "audience",
        ]

    def _audience(self, agreement):
        request = self.context.get("request")
        return audience_for(request.user if request else None, agreement)

    @extend_schema_field(serializers.ChoiceField(choices=Audience.choices, allow_null=True))
    def get_audience(self, agreement):
        return self._audience(agreement)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_internal_notes(self, agreement):
        return agreement.internal_notes if shows_internal_notes(self._audience(agreement)) else None


class AgreementWriteSerializer(AgreementVersionMixin, serializers.ModelSerializer):
    """What a client sends to create or change an agreement. An update must carry `version`."""

    parties = PartyInputSerializer(many=True, required=False, write_only=True)

    class Meta:
        model = Agreement
        fields = [*AGREEMENT_FIELDS, "version", "parties"]
        validators = []

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        user = request.user if request else None
        fields["cooperation_object"].queryset = CooperationObject.objects.visible_to(user)
        fields["lead_unit"].queryset = OrganisationUnit.objects.visible_to(user)
        fields["related_units"].child_relation.queryset = OrganisationUnit.objects.visible_to(user)
        fields["ksdd_bordering_regions"].child_relation.queryset = bordering_region_choices()
        fields["number"].validators = [v for v in fields["number"].validators if not hasattr(v, "queryset")]
        return fields

    def version_required(self) -> bool:
        return self.instance is not None

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is not None and "parties" in attrs:
            raise serializers.ValidationError(
                {"parties": [_("Para pihak diubah melalui pengelolaan pihak, bukan di sini.")]}
            )
        return attrs


class StageNoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False, min_value=1)


class CloseSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(
        choices=[
            c
            for c in Stage.choices
            if c[0] in ("completed", "terminated", "revoked", "rejected", "cancelled")
        ]
    )
    reason = serializers.ChoiceField(
        choices=ClosureReason.choices, required=False, allow_blank=True, default=""
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")
    closed_on = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Tanggal pengakhiran; kosong = hari ini."
    )
    notice = serializers.PrimaryKeyRelatedField(
        queryset=Document.objects.none(),
        required=False,
        allow_null=True,
        default=None,
        help_text="Dokumen kerja sama ini yang menjadi surat pemberitahuan pengakhiran.",
    )

    def get_fields(self):
        fields = super().get_fields()
        agreement = self.context.get("agreement")
        if agreement is not None:
            fields["notice"].queryset = agreement.documents.all()
        return fields


class ReopenSerializer(serializers.Serializer):
    note = serializers.CharField()


def _document_url(document):
    try:
        return reverse("agreements:document_download", args=[document.pk])
    except NoReverseMatch:
        return None


class DocumentSerializer(serializers.ModelSerializer):
    """Metadata only; the file itself comes from the checked download view."""

    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "id",
            "agreement",
            "instrument",
            "occurrence",
            "evaluation",
            "doc_type",
            "title",
            "version",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "visibility",
            "uploaded_at",
            "download_url",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_download_url(self, document):
        url = _document_url(document)
        request = self.context.get("request")
        return request.build_absolute_uri(url) if url and request else url


class DocumentUploadSerializer(serializers.ModelSerializer):
    file = serializers.FileField(write_only=True)

    class Meta:
        model = Document
        fields = [
            "agreement",
            "instrument",
            "occurrence",
            "evaluation",
            "doc_type",
            "title",
            "visibility",
            "file",
        ]
        extra_kwargs = {"title": {"required": False}}

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        user = request.user if request else None
        fields["agreement"].queryset = Agreement.objects.visible_to(user)
        fields["instrument"].queryset = Instrument.objects.visible_to(user)
        fields["occurrence"].queryset = ObligationOccurrence.objects.visible_to(user)
        # Evaluations sit above agreements: reach their model through the relation, not an import.
        evaluation = Document._meta.get_field("evaluation").related_model
        fields["evaluation"].queryset = evaluation.objects.visible_to(user)
        return fields


class OccurrenceSerializer(serializers.ModelSerializer):
    agreement = serializers.IntegerField(source="obligation.agreement_id", read_only=True)
    obligation_title = serializers.CharField(source="obligation.title", read_only=True)
    documents = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = ObligationOccurrence
        fields = [
            "id",
            "obligation",
            "obligation_title",
            "agreement",
            "period_label",
            "due_date",
            "status",
            "submission_note",
            "submitted_at",
            "verification_note",
            "verified_at",
            "documents",
        ]


class OccurrenceSubmitSerializer(serializers.Serializer):
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class VerdictSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")

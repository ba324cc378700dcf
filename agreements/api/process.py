"""The law's steps as parts of an agreement under /agreements/{agreement_pk}/ (issue 10): TKKSD reviews,
approvals, benefit studies, legal reviews, offer or request letters, disputes (with their stages) and
asset handovers — the same scoping and version rules as the other parts (agreements.api.parts).

Staff record every step; TKKSD members (managers) record TKKSD reviews. These records are internal:
partner users in scope see none of them (the models' `partner_visible` is False).
"""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404

from agreements import services
from agreements.models import (
    Approval,
    BenefitStudy,
    Dispute,
    DisputeStage,
    Document,
    Handover,
    InitiativeLetter,
    LegalReview,
    TkksdReview,
)
from core.api_base import AgreementVersionMixin

from .parts import (
    AGREEMENT_PK,
    WRITES,
    AgreementPartViewSet,
    PartDelete,
    PartWrites,
    _documented,
)
from .parts_serializers import (
    AgreementInstrumentField,
    AgreementPartyField,
    AgreementVersionOut,
    _agreement,
)

META_FIELDS = ("recorded_by", "created_at", "updated_at")


class AgreementDocumentField(serializers.PrimaryKeyRelatedField):
    """A document of the agreement in the URL."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        super().__init__(queryset=Document.objects.none(), **kwargs)

    def get_queryset(self):
        agreement = _agreement(self)
        return agreement.documents.all() if agreement else Document.objects.none()


def _choice_field(model_field, *, read_only=False):
    """A choice field whose enum the schema shows inline, under `allOf`: several of these records have
    a `kind`, a `result` or an `outcome` of their own, and the schema's shared enum components are
    named by the field alone, so they would collide."""
    values = [value for value, _label in model_field.choices]
    labels = "; ".join(f"{value}: {label}" for value, label in model_field.choices)
    schema = {
        "allOf": [{"type": "string", "enum": [*values, ""] if model_field.blank else values}],
        "description": labels,
    }
    field_class = extend_schema_field(schema)(type("InlineChoiceField", (serializers.ChoiceField,), {}))
    if read_only:
        return field_class(choices=model_field.choices, read_only=True)
    return field_class(
        choices=model_field.choices,
        required=not (model_field.has_default() or model_field.blank),
        allow_blank=model_field.blank,
        **({"default": model_field.get_default()} if model_field.has_default() else {}),
    )


def _choices_of(model_class, *, read_only=False):
    return {
        f.name: _choice_field(f, read_only=read_only)
        for f in model_class._meta.concrete_fields
        if f.choices and f.name in _own_fields(model_class)
    }


def _out(model_class, extra=()):
    """An output serializer: every field of the record, who recorded it, and the agreement's version."""

    meta = type(
        "Meta",
        (),
        {
            "model": model_class,
            "fields": ["id", *_own_fields(model_class), *META_FIELDS, *extra, "agreement_version"],
        },
    )
    attrs = {"Meta": meta, **_choices_of(model_class, read_only=True)}
    return type(f"{model_class.__name__}Out", (AgreementVersionOut, serializers.ModelSerializer), attrs)


def _own_fields(model_class):
    leave_out = {"id", "agreement", *META_FIELDS}
    return [f.name for f in model_class._meta.concrete_fields if f.name not in leave_out]


class _Write(AgreementVersionMixin, serializers.ModelSerializer):
    class Meta:
        validators = []


def _write(model_class, leave_out=(), **declared):
    fields = ["version", *(f for f in _own_fields(model_class) if f not in leave_out)]
    attrs = {
        "Meta": type("Meta", (_Write.Meta,), {"model": model_class, "fields": fields}),
        **{name: f for name, f in _choices_of(model_class).items() if name in fields},
        **declared,
    }
    return type(f"{model_class.__name__}Write", (_Write,), attrs)


TkksdReviewOut = _out(TkksdReview)
TkksdReviewWrite = _write(TkksdReview)
ApprovalOut = _out(Approval)
ApprovalWrite = _write(
    Approval,
    document=AgreementDocumentField(),
    instrument=AgreementInstrumentField(required=False, allow_null=True),
)
BenefitStudyOut = _out(BenefitStudy)
BenefitStudyWrite = _write(BenefitStudy, document=AgreementDocumentField())
LegalReviewOut = _out(LegalReview)
LegalReviewWrite = _write(
    LegalReview,
    document=AgreementDocumentField(),
    instrument=AgreementInstrumentField(required=False, allow_null=True),
)
InitiativeLetterOut = _out(InitiativeLetter)
InitiativeLetterWrite = _write(
    InitiativeLetter, document=AgreementDocumentField(), answer_document=AgreementDocumentField()
)
HandoverOut = _out(Handover)
HandoverWrite = _write(
    Handover,
    document=AgreementDocumentField(),
    from_party=AgreementPartyField(required=False, allow_null=True),
    to_party=AgreementPartyField(required=False, allow_null=True),
)


class DisputeStageOut(serializers.ModelSerializer):
    locals().update(_choices_of(DisputeStage, read_only=True))

    class Meta:
        model = DisputeStage
        fields = ["id", *_own_fields(DisputeStage), *META_FIELDS]
        read_only_fields = fields


class DisputeOut(AgreementVersionOut, serializers.ModelSerializer):
    stages = DisputeStageOut(many=True, read_only=True)
    locals().update(_choices_of(Dispute, read_only=True))

    class Meta:
        model = Dispute
        fields = ["id", *_own_fields(Dispute), *META_FIELDS, "stages", "agreement_version"]


DisputeWrite = _write(Dispute, raised_by=AgreementPartyField(required=False, allow_null=True))
DisputeStageWrite = _write(DisputeStage, leave_out=("dispute",), document=AgreementDocumentField())


class _ProcessPart(AgreementPartViewSet):
    permission_actions = dict.fromkeys(WRITES, "process.record")

    def for_list(self, queryset):
        return queryset.select_related("recorded_by")


@_documented
class TkksdReviewViewSet(PartWrites, _ProcessPart):
    """TKKSD reviews (pembahasan TKKSD) with their decision; TKKSD members and staff record them."""

    model = TkksdReview
    ordering = ("review_date", "pk")
    output_serializer = TkksdReviewOut
    write_serializer = TkksdReviewWrite
    part = "review"
    create_service = staticmethod(services.tkksd_review_record)
    permission_actions = {"create": "tkksd.record"}
    http_method_names = ["get", "post", "head", "options"]


@_documented
class ApprovalViewSet(PartWrites, PartDelete, _ProcessPart):
    """Approvals and considerations (DPRD, Minister of Home Affairs, Foreign Minister, governor)."""

    model = Approval
    ordering = ("kind", "decided_on", "pk")
    output_serializer = ApprovalOut
    write_serializer = ApprovalWrite
    part = "approval"
    create_service = staticmethod(services.approval_create)
    update_service = staticmethod(services.approval_update)
    delete_service = staticmethod(services.approval_delete)


@_documented
class BenefitStudyViewSet(PartWrites, PartDelete, _ProcessPart):
    """Benefit studies (kajian): yearly APBD cost, expected local revenue, benefits, recommendation."""

    model = BenefitStudy
    ordering = ("study_date", "pk")
    output_serializer = BenefitStudyOut
    write_serializer = BenefitStudyWrite
    part = "study"
    create_service = staticmethod(services.benefit_study_create)
    update_service = staticmethod(services.benefit_study_update)
    delete_service = staticmethod(services.benefit_study_delete)


@_documented
class LegalReviewViewSet(PartWrites, PartDelete, _ProcessPart):
    """Legal reviews by the legal bureau (telaah hukum)."""

    model = LegalReview
    ordering = ("review_date", "pk")
    output_serializer = LegalReviewOut
    write_serializer = LegalReviewWrite
    part = "review"
    create_service = staticmethod(services.legal_review_create)
    update_service = staticmethod(services.legal_review_update)
    delete_service = staticmethod(services.legal_review_delete)


@_documented
class InitiativeLetterViewSet(PartWrites, PartDelete, _ProcessPart):
    """The offer (region's initiative) or request (partner's) letter and its answer."""

    model = InitiativeLetter
    ordering = ("letter_date", "pk")
    output_serializer = InitiativeLetterOut
    write_serializer = InitiativeLetterWrite
    part = "letter"
    create_service = staticmethod(services.initiative_letter_create)
    update_service = staticmethod(services.initiative_letter_update)
    delete_service = staticmethod(services.initiative_letter_delete)


@_documented
class HandoverViewSet(PartWrites, PartDelete, _ProcessPart):
    """Asset handovers (BAST)."""

    model = Handover
    ordering = ("handed_over_on", "pk")
    output_serializer = HandoverOut
    write_serializer = HandoverWrite
    part = "handover"
    create_service = staticmethod(services.handover_create)
    update_service = staticmethod(services.handover_update)
    delete_service = staticmethod(services.handover_delete)


@_documented
class DisputeViewSet(PartWrites, PartDelete, _ProcessPart):
    """Disputes (perselisihan) with their stages: musyawarah → facilitation → arbitration or court."""

    model = Dispute
    ordering = ("raised_on", "pk")
    output_serializer = DisputeOut
    write_serializer = DisputeWrite
    part = "dispute"
    create_service = staticmethod(services.dispute_create)
    update_service = staticmethod(services.dispute_update)
    delete_service = staticmethod(services.dispute_delete)
    permission_actions = dict.fromkeys((*WRITES, "stages"), "process.record")

    def for_list(self, queryset):
        stages = self.scoped(DisputeStage).order_by("started_on", "pk")
        return queryset.select_related("recorded_by").prefetch_related(Prefetch("stages", stages))

    @extend_schema(parameters=[AGREEMENT_PK], request=DisputeStageWrite, responses={201: DisputeOut})
    @action(detail=True, methods=["post"])
    def stages(self, request, *args, **kwargs):
        """Add the next stage of settlement, or (with `id`) record the outcome of one."""
        dispute = self.get_object()
        stage_id = request.data.get("id")
        if stage_id:
            stage = get_object_or_404(dispute.stages.all(), pk=stage_id)
            values, version = self.validated(DisputeStageWrite, request.data, stage, partial=True)
            services.dispute_stage_update(stage=stage, actor=request.user, expected_version=version, **values)
            return self.answer(dispute)
        values, version = self.validated(DisputeStageWrite, request.data)
        services.dispute_stage_add(dispute=dispute, actor=request.user, expected_version=version, **values)
        return self.answer(dispute, status.HTTP_201_CREATED)


PROCESS_ROUTES = {
    "tkksd-reviews": TkksdReviewViewSet,
    "approvals": ApprovalViewSet,
    "benefit-studies": BenefitStudyViewSet,
    "legal-reviews": LegalReviewViewSet,
    "initiative-letters": InitiativeLetterViewSet,
    "disputes": DisputeViewSet,
    "handovers": HandoverViewSet,
}

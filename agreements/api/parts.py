"""The parts of an agreement under /agreements/{agreement_pk}/: parties, instruments, obligations,
risks, benefits and contributions — scoped lists and reads for everyone in scope, writes for staff.

- The agreement in the URL is looked up in the user's scope first: outside it is a 404, before any
  permission is asked (a 403 would confirm that the agreement exists).
- Every write carries the agreement's `version` (body; query parameter for DELETE): missing → 400,
  stale → 409 with the current version, as for the agreement itself. Answers carry the new
  `agreement_version` for the next write.
- Writes go through agreements.services; their ValidationErrors become 400 per field
  (a split that is not 100 % under `shares`) by core.api_errors.
"""

from django.db.models import Prefetch
from django.utils.functional import cached_property
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from agreements import services
from agreements.models import (
    Agreement,
    AgreementParty,
    Benefit,
    BenefitRealisation,
    BenefitShare,
    Contribution,
    FundingSource,
    Instrument,
    InstrumentNumber,
    Obligation,
    Risk,
    RiskShare,
)
from core.api_base import AGREEMENT_VERSION, AgreementVersionSerializer, ServiceViewSet

from . import parts_serializers as ps

AGREEMENT_PK = OpenApiParameter(
    "agreement_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description="Id kerja sama."
)
VERSION_QUERY = OpenApiParameter(
    "version",
    OpenApiTypes.INT,
    OpenApiParameter.QUERY,
    required=True,
    description="Versi kerja sama yang dibaca klien. Versi usang → 409.",
)
WRITES = ("create", "update", "partial_update", "destroy")


def _documented(viewset):
    """The schema of one part's operations, read from its viewset: the agreement id in the path, what
    goes in and out, and DELETE only where the part has a delete service."""
    output, write = viewset.output_serializer, viewset.write_serializer
    operations = {
        "list": extend_schema(parameters=[AGREEMENT_PK]),
        "retrieve": extend_schema(parameters=[AGREEMENT_PK]),
        "create": extend_schema(parameters=[AGREEMENT_PK], request=write, responses={201: output}),
        "update": extend_schema(parameters=[AGREEMENT_PK], request=write, responses={200: output}),
        "partial_update": extend_schema(parameters=[AGREEMENT_PK], request=write, responses={200: output}),
    }
    if viewset.delete_service is not None:
        operations["destroy"] = extend_schema(
            parameters=[AGREEMENT_PK, VERSION_QUERY], responses={200: AGREEMENT_VERSION}
        )
    return extend_schema_view(**operations)(viewset)


class AgreementPartViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceViewSet):
    """One kind of part of the agreement in the URL. Subclasses name the model, the serializers
    and the services; `part` is the services' keyword for the row (`risk_update(risk=…)`)."""

    model: type
    ordering: tuple = ("pk",)
    output_serializer: type
    write_serializer: type
    # Staff only, like the agreement page's editor.
    permission_actions = dict.fromkeys(WRITES, "agreement.change")

    @cached_property
    def agreement(self) -> Agreement:
        return get_object_or_404(self.scoped(Agreement), pk=self.kwargs["agreement_pk"])

    def check_permissions(self, request):
        if request.user.is_authenticated:
            self.agreement  # noqa: B018 — outside the scope is a 404, never a 403
        super().check_permissions(request)

    def for_list(self, queryset):
        """Prefetches of the part's own children; the default has none."""
        return queryset

    def scope_queryset(self, queryset):
        return self.for_list(queryset.filter(agreement_id=self.agreement.pk)).order_by(*self.ordering)

    def get_object(self):
        part = super().get_object()
        # The services raise the version on `part.agreement`: make that the view's own agreement,
        # so the answer can show the new version without reading it again.
        part.agreement = self.agreement
        return part

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["agreement"] = self.agreement
        return context

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return self.write_serializer
        return self.output_serializer

    def validated(self, serializer_class, data, instance=None, partial=False):
        """The client's input checked for shape, and the `version` it carries, separately."""
        serializer = serializer_class(
            instance, data=data, partial=partial, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        return self.split_version(serializer.validated_data)

    def answer(self, part, code=status.HTTP_200_OK):
        fresh = self.get_queryset().get(pk=part.pk)
        return Response(
            self.output_serializer(fresh, context=self.get_serializer_context()).data, status=code
        )


class PartWrites:
    """POST, PUT and PATCH of a part, through the view's services."""

    def create(self, request, *args, **kwargs):
        values, version = self.validated(self.get_serializer_class(), request.data)
        part = self.call(self.create_service, agreement=self.agreement, expected_version=version, **values)
        return self.answer(part, status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        part = self.get_object()
        values, version = self.validated(self.write_serializer, request.data, part, partial)
        self.call(self.update_service, **{self.part: part}, expected_version=version, **values)
        return self.answer(part)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)


class PartDelete:
    """DELETE of a part, with the version as a query parameter (a DELETE has no body)."""

    def destroy(self, request, *args, **kwargs):
        part = self.get_object()
        _, version = self.validated(AgreementVersionSerializer, request.query_params)
        self.call(self.delete_service, **{self.part: part}, expected_version=version)
        return Response({"agreement_version": self.agreement.version})


@_documented
class PartyViewSet(PartWrites, PartDelete, AgreementPartViewSet):
    """Parties (para pihak) of the agreement, in their order."""

    model = AgreementParty
    ordering = ("order", "pk")
    output_serializer = ps.PartyOut
    write_serializer = ps.PartyWrite
    part = "party"
    create_service = staticmethod(services.party_add)
    update_service = staticmethod(services.party_update)
    delete_service = staticmethod(services.party_remove)

    def for_list(self, queryset):
        return queryset.select_related("partner")


@_documented
class InstrumentViewSet(PartWrites, AgreementPartViewSet):
    """Legal texts (naskah) of the agreement; signing and validation are actions."""

    model = Instrument
    ordering = ("signing_date", "pk")
    output_serializer = ps.InstrumentOut
    write_serializer = ps.InstrumentWrite
    part = "instrument"
    create_service = staticmethod(services.instrument_create)
    update_service = staticmethod(services.instrument_update)
    permission_actions = dict.fromkeys((*WRITES, "sign", "validate"), "agreement.change")

    def for_list(self, queryset):
        numbers = self.scoped(InstrumentNumber).order_by("party__order")
        return queryset.prefetch_related(Prefetch("party_numbers", numbers))

    @extend_schema(parameters=[AGREEMENT_PK], request=ps.InstrumentSign, responses=ps.InstrumentOut)
    @action(detail=True, methods=["post"])
    def sign(self, request, *args, **kwargs):
        """Record the signing; a signed addendum with a new end date moves the agreement's end date."""
        instrument = self.get_object()
        values, version = self.validated(ps.InstrumentSign, request.data)
        services.instrument_sign(
            instrument=instrument, actor=request.user, expected_version=version, **values
        )
        return self.answer(instrument)

    @extend_schema(parameters=[AGREEMENT_PK], request=AgreementVersionSerializer, responses=ps.InstrumentOut)
    @action(detail=True, methods=["post"])
    def validate(self, request, *args, **kwargs):
        """Record that the signed copy (uploaded as a document) has initials, duty stamp and seal."""
        instrument = self.get_object()
        _, version = self.validated(AgreementVersionSerializer, request.data)
        services.instrument_validate(instrument=instrument, actor=request.user, expected_version=version)
        return self.answer(instrument)


@_documented
class ObligationViewSet(PartWrites, PartDelete, AgreementPartViewSet):
    """Rights and obligations (hak dan kewajiban); their occurrences follow the schedule."""

    model = Obligation
    ordering = ("first_due_date", "pk")
    output_serializer = ps.ObligationOut
    write_serializer = ps.ObligationWrite
    part = "obligation"
    create_service = staticmethod(services.obligation_create)
    update_service = staticmethod(services.obligation_update)
    delete_service = staticmethod(services.obligation_delete)


@_documented
class RiskViewSet(PartWrites, PartDelete, AgreementPartViewSet):
    """Risks with the parties' shares (each set of shares totals exactly 100 %)."""

    model = Risk
    output_serializer = ps.RiskOut
    write_serializer = ps.RiskWrite
    part = "risk"
    create_service = staticmethod(services.risk_create)
    update_service = staticmethod(services.risk_update)
    delete_service = staticmethod(services.risk_delete)

    def for_list(self, queryset):
        return queryset.prefetch_related(Prefetch("shares", self.scoped(RiskShare).order_by("party__order")))


@_documented
class BenefitViewSet(PartWrites, PartDelete, AgreementPartViewSet):
    """Benefits with the parties' shares (percent totalling 100, or amounts) and their realisations."""

    model = Benefit
    output_serializer = ps.BenefitOut
    write_serializer = ps.BenefitWrite
    part = "benefit"
    create_service = staticmethod(services.benefit_create)
    update_service = staticmethod(services.benefit_update)
    delete_service = staticmethod(services.benefit_delete)
    permission_actions = dict.fromkeys((*WRITES, "realisations"), "agreement.change")

    def for_list(self, queryset):
        return queryset.prefetch_related(
            Prefetch("shares", self.scoped(BenefitShare).order_by("party__order")),
            Prefetch("realisations", self.scoped(BenefitRealisation).order_by("realised_on", "pk")),
        )

    @extend_schema(parameters=[AGREEMENT_PK], request=ps.RealisationWrite, responses={201: ps.BenefitOut})
    @action(detail=True, methods=["post"])
    def realisations(self, request, *args, **kwargs):
        """Record what actually flowed from this benefit."""
        benefit = self.get_object()
        values, version = self.validated(ps.RealisationWrite, request.data)
        services.realisation_create(benefit=benefit, actor=request.user, expected_version=version, **values)
        return self.answer(benefit, status.HTTP_201_CREATED)


@_documented
class ContributionViewSet(PartWrites, PartDelete, AgreementPartViewSet):
    """What each party brings to the cooperation."""

    model = Contribution
    ordering = ("party__order", "pk")
    output_serializer = ps.ContributionOut
    write_serializer = ps.ContributionWrite
    part = "contribution"
    create_service = staticmethod(services.contribution_create)
    update_service = staticmethod(services.contribution_update)
    delete_service = staticmethod(services.contribution_delete)


@_documented
class FundingSourceViewSet(PartWrites, PartDelete, AgreementPartViewSet):
    """Funding sources per budget year, with the APBD budget line that makes a year budgeted."""

    model = FundingSource
    ordering = ("year", "pk")
    output_serializer = ps.FundingSourceOut
    write_serializer = ps.FundingSourceWrite
    part = "funding_source"
    create_service = staticmethod(services.funding_source_create)
    update_service = staticmethod(services.funding_source_update)
    delete_service = staticmethod(services.funding_source_delete)


PART_ROUTES = {
    "parties": PartyViewSet,
    "instruments": InstrumentViewSet,
    "obligations": ObligationViewSet,
    "risks": RiskViewSet,
    "benefits": BenefitViewSet,
    "contributions": ContributionViewSet,
    "funding-sources": FundingSourceViewSet,
}

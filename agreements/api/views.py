"""API views for agreements, occurrences and documents: scoped reads, writes through the services."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from accounts.permissions import can
from agreements import services
from agreements.filtersets import AgreementFilterSet
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
from core.api_base import GATE_REFUSED, ScopedViewSet
from core.api_errors import with_reasons
from registry.cached_reads import CachedReadsMixin

from . import serializers as s
from .filtersets import DocumentFilterSet, OccurrenceFilterSet


def agreement_detail_queryset(queryset, user):
    """The scoped agreements with each of their parts as `user` may see them, in a fixed number of
    queries."""
    return queryset.for_detail().prefetch_related(
        Prefetch("parties", AgreementParty.objects.visible_to(user).select_related("partner")),
        Prefetch("instruments", Instrument.objects.visible_to(user)),
        Prefetch("obligations", Obligation.objects.visible_to(user)),
        Prefetch(
            "risks",
            Risk.objects.visible_to(user).prefetch_related(
                Prefetch("shares", RiskShare.objects.visible_to(user).order_by("party__order"))
            ),
        ),
        Prefetch(
            "benefits",
            Benefit.objects.visible_to(user).prefetch_related(
                Prefetch("shares", BenefitShare.objects.visible_to(user).order_by("party__order"))
            ),
        ),
        Prefetch("contributions", Contribution.objects.visible_to(user)),
        Prefetch("funding_sources", FundingSource.objects.visible_to(user)),
        "government_affairs",
        "ksdd_bordering_regions",
    )


class AgreementViewSet(
    CachedReadsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    ScopedViewSet,
):
    """Agreements (kerja sama) the user may read, with their parts; staff create, change and move them."""

    model = Agreement
    filterset_class = AgreementFilterSet
    permission_actions = {
        "create": "agreement.create",
        "update": "agreement.change",
        "partial_update": "agreement.change",
        "advance": "agreement.advance",
        "close": "agreement.close",
        "reopen": "agreement.reopen",
    }

    # Their declared 400 is GateRefused: a refused body says why under `reasons` too.
    reasoned_actions = frozenset({"advance", "close"})

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        return with_reasons(response) if self.action in self.reasoned_actions else response

    def scope_queryset(self, queryset):
        if self.action == "list":
            return queryset.for_list().order_by("-created_at", "-pk")
        return agreement_detail_queryset(queryset, self.request.user)

    def get_serializer_class(self):
        if self.action == "list":
            return s.AgreementListSerializer
        if self.action in ("create", "update", "partial_update"):
            return s.AgreementWriteSerializer
        return s.AgreementDetailSerializer

    def _detail(self, agreement, code=status.HTTP_200_OK):
        fresh = self.get_queryset().get(pk=agreement.pk)  # every action but the list reads the detail
        data = s.AgreementDetailSerializer(fresh, context=self.get_serializer_context()).data
        return Response(data, status=code)

    @extend_schema(request=s.AgreementWriteSerializer, responses={201: s.AgreementDetailSerializer})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("version", None)
        agreement = services.agreement_create(actor=request.user, **data)
        return self._detail(agreement, status.HTTP_201_CREATED)

    @extend_schema(request=s.AgreementWriteSerializer, responses={200: s.AgreementDetailSerializer})
    def update(self, request, *args, **kwargs):
        agreement = self.get_object()
        serializer = self.get_serializer(agreement, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        version = data.pop("version")
        related_units = data.pop("related_units", None)
        services.agreement_update(
            agreement=agreement,
            actor=request.user,
            expected_version=version,
            related_units=related_units,
            **data,
        )
        return self._detail(agreement)

    @extend_schema(request=s.AgreementWriteSerializer, responses={200: s.AgreementDetailSerializer})
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    @extend_schema(
        request=s.StageNoteSerializer, responses={200: s.AgreementDetailSerializer, 400: GATE_REFUSED}
    )
    @action(detail=True, methods=["post"])
    def advance(self, request, pk=None):
        """Move to the next stage when its gate allows; otherwise 400 with the reasons."""
        agreement = self.get_object()
        body = s.StageNoteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.agreement_advance(
            agreement=agreement,
            actor=request.user,
            note=body.validated_data["note"],
            expected_version=body.validated_data.get("version"),
        )
        return self._detail(agreement)

    @extend_schema(request=s.CloseSerializer, responses={200: s.AgreementDetailSerializer, 400: GATE_REFUSED})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """End the agreement with an outcome (completed, terminated…)."""
        agreement = self.get_object()
        body = s.CloseSerializer(data=request.data, context={"agreement": agreement})
        body.is_valid(raise_exception=True)
        services.agreement_close(agreement=agreement, actor=request.user, **body.validated_data)
        return self._detail(agreement)

    @extend_schema(request=s.ReopenSerializer, responses={200: s.AgreementDetailSerializer})
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        """Undo a closure, with a reason."""
        agreement = self.get_object()
        body = s.ReopenSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.agreement_reopen(agreement=agreement, actor=request.user, note=body.validated_data["note"])
        return self._detail(agreement)


class OccurrenceViewSet(CachedReadsMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Due instances of obligations. Responsible partner/OPD users submit evidence; staff give the verdict."""

    model = ObligationOccurrence
    serializer_class = s.OccurrenceSerializer
    filterset_class = OccurrenceFilterSet
    permission_actions = {"verify": "occurrence.verify", "reject": "occurrence.verify"}

    def scope_queryset(self, queryset):
        documents = self.scoped(Document).only("pk", "occurrence")
        return (
            queryset.select_related("obligation")
            .prefetch_related(Prefetch("documents", documents))
            .order_by("due_date", "pk")
        )

    def _answer(self, occurrence):
        fresh = self.get_queryset().get(pk=occurrence.pk)
        return Response(s.OccurrenceSerializer(fresh, context=self.get_serializer_context()).data)

    @extend_schema(
        request={"multipart/form-data": s.OccurrenceSubmitSerializer}, responses=s.OccurrenceSerializer
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def submit(self, request, pk=None):
        """Submit evidence (files and a note) for this occurrence."""
        occurrence = self.get_object()
        if not can(request.user, "occurrence.submit", occurrence):
            raise PermissionDenied
        body = s.OccurrenceSubmitSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.occurrence_submit(
            occurrence=occurrence,
            actor=request.user,
            note=body.validated_data["note"],
            files=body.validated_data["files"],
        )
        return self._answer(occurrence)

    def _verdict(self, request, service):
        """The staff's verdict on the submitted evidence, with a note, through `service`."""
        occurrence = self.get_object()
        body = s.VerdictSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        service(occurrence=occurrence, actor=request.user, note=body.validated_data["note"])
        return self._answer(occurrence)

    @extend_schema(request=s.VerdictSerializer, responses=s.OccurrenceSerializer)
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        """Accept the submitted evidence: the occurrence is fulfilled."""
        return self._verdict(request, services.occurrence_verify)

    @extend_schema(request=s.VerdictSerializer, responses=s.OccurrenceSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """Send the evidence back with a reason."""
        return self._verdict(request, services.occurrence_reject)


class DocumentViewSet(
    mixins.CreateModelMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet
):
    """Document metadata; the file is fetched from `download_url`, the view that checks rights."""

    model = Document
    filterset_class = DocumentFilterSet
    parser_classes = [MultiPartParser, FormParser]
    permission_actions = {"create": "document.upload"}

    def scope_queryset(self, queryset):
        return queryset.order_by("-uploaded_at", "-pk")

    def get_serializer_class(self):
        return s.DocumentUploadSerializer if self.action == "create" else s.DocumentSerializer

    @extend_schema(
        request={"multipart/form-data": s.DocumentUploadSerializer}, responses={201: s.DocumentSerializer}
    )
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        document = services.document_upload(actor=request.user, upload=data.pop("file"), **data)
        out = s.DocumentSerializer(document, context=self.get_serializer_context())
        return Response(out.data, status=status.HTTP_201_CREATED)

"""Django admin for agreements and everything below them.

The agreement's own fields are saved through `agreement_create` / `agreement_update`; its stage and
version are read-only here, because the lifecycle moves only through the services' gates. Everything
below an agreement (parties, instruments and their numbers, obligations and occurrences, risks, benefits
and their shares, realisations, contributions, documents, reviews, transitions) is view-only here: it
changes on the agreement pages, through `agreement_save` and the other services, which keep the
version, the splits at 100 % and the occurrences in step with the schedules (decision 0051).
"""

from django.contrib import admin
from django.db import transaction

from core.admin_helpers import HistoryAdmin, ReadOnlyInline, ViewOnlyAdmin, ViewOnlyMixin

from . import services
from .models import (
    Agreement,
    AgreementAction,
    AgreementParty,
    Benefit,
    BenefitRealisation,
    BenefitShare,
    ChecklistTick,
    Contribution,
    Document,
    FundingSource,
    Instrument,
    InstrumentNumber,
    LegacyEntry,
    LegacyStep,
    Obligation,
    ObligationOccurrence,
    Risk,
    RiskShare,
    StageTransition,
    TkksdReview,
)

AGREEMENT_SEARCH = ("agreement__number", "agreement__title")


class PartyInline(ReadOnlyInline):
    model = AgreementParty
    fields = ("order", "partner", "roles", "signatory_name", "signatory_title", "mandate_reference")


class InstrumentInline(ReadOnlyInline):
    model = Instrument
    fields = ("kind", "title", "status", "signing_date", "start_date", "end_date", "new_end_date")


class ObligationInline(ReadOnlyInline):
    model = Obligation
    fields = (
        "title",
        "party",
        "responsible_unit",
        "frequency",
        "first_due_date",
        "until_date",
        "shared_with_parties",
    )


class RiskInline(ReadOnlyInline):
    model = Risk
    fields = ("category", "event", "likelihood", "impact", "status", "shared_with_parties")


class BenefitInline(ReadOnlyInline):
    model = Benefit
    fields = ("kind", "split_method", "description", "shared_with_parties")


class ContributionInline(ReadOnlyInline):
    model = Contribution
    fields = ("party", "kind", "description", "estimated_value", "shared_with_parties")


class DocumentInline(ReadOnlyInline):
    model = Document
    fk_name = "agreement"
    fields = (
        "title",
        "doc_type",
        "version",
        "visibility",
        "content_type",
        "size",
        "uploaded_by",
        "uploaded_at",
    )


class TransitionInline(ReadOnlyInline):
    model = StageTransition
    fields = ("created_at", "from_stage", "to_stage", "actor", "note")
    show_change_link = False


@admin.register(Agreement)
class AgreementAdmin(HistoryAdmin):
    list_display = (
        "number",
        "title",
        "category",
        "stage",
        "lead_unit",
        "start_date",
        "end_date",
        "is_public",
        "archived_at",
    )
    list_filter = ("stage", "category", "form", "is_public", "is_framework", "lead_unit", "archived_at")
    search_fields = ("number", "title", "purpose", "parties__partner__name")
    list_select_related = ("lead_unit",)
    autocomplete_fields = ("lead_unit", "related_units", "cooperation_object", "renews")
    readonly_fields = (
        "stage",
        "version",
        "closure_reason",
        "closure_note",
        "signed_date",
        "dprd_approval_date",
        "dprd_approval_reference",
        "archived_at",
        "created_by",
        "created_at",
        "updated_at",
    )
    date_hierarchy = "start_date"
    inlines = [
        PartyInline,
        InstrumentInline,
        ObligationInline,
        RiskInline,
        BenefitInline,
        ContributionInline,
        DocumentInline,
        TransitionInline,
    ]

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        """Through the services: they validate, keep the version and record who changed what."""
        data = {name: form.cleaned_data[name] for name in form.cleaned_data if name != "related_units"}
        related = form.cleaned_data.get("related_units", [])
        if change:
            changed = {name: data[name] for name in form.changed_data if name in data}
            current = Agreement.objects.get(pk=obj.pk)
            services.agreement_update(
                agreement=current,
                actor=request.user,
                related_units=related if "related_units" in form.changed_data else None,
                **changed,
            )
        else:
            current = services.agreement_create(actor=request.user, related_units=related, **data)
        obj.pk = current.pk
        obj._state.adding = False
        obj.refresh_from_db()

    def save_related(self, request, form, formsets, change):
        """Related units were saved by the service; the read-only inlines save nothing."""
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


class NumberInline(ReadOnlyInline):
    model = InstrumentNumber
    fields = ("party", "number")


@admin.register(AgreementParty)
class AgreementPartyAdmin(ViewOnlyAdmin):
    list_display = ("agreement", "order", "partner", "roles", "signatory_name", "signatory_title")
    list_filter = ("partner__sector",)
    search_fields = ("partner__name", "signatory_name", *AGREEMENT_SEARCH)
    list_select_related = ("agreement", "partner")
    autocomplete_fields = ("agreement", "partner")


@admin.register(Instrument)
class InstrumentAdmin(ViewOnlyAdmin):
    list_display = ("__str__", "agreement", "kind", "status", "signing_date", "start_date", "end_date")
    list_filter = ("kind", "status", "signing_method")
    search_fields = ("title", *AGREEMENT_SEARCH, "party_numbers__number")
    list_select_related = ("agreement",)
    autocomplete_fields = ("agreement", "parent", "validated_by")
    inlines = [NumberInline]


@admin.register(InstrumentNumber)
class InstrumentNumberAdmin(ViewOnlyAdmin):
    list_display = ("number", "instrument", "party")
    search_fields = ("number", "instrument__title", "instrument__agreement__title")
    list_select_related = ("instrument", "party__partner", "party__agreement")
    autocomplete_fields = ("instrument", "party")


class OccurrenceInline(ReadOnlyInline):
    model = ObligationOccurrence
    fields = ("due_date", "period_label", "status", "submitted_at", "verified_at")


@admin.register(Obligation)
class ObligationAdmin(ViewOnlyAdmin):
    list_display = (
        "title",
        "agreement",
        "party",
        "responsible_unit",
        "kind",
        "frequency",
        "first_due_date",
        "shared_with_parties",
    )
    list_filter = ("kind", "category", "frequency", "shared_with_parties", "responsible_unit")
    search_fields = ("title", "clause_reference", *AGREEMENT_SEARCH)
    list_select_related = ("agreement", "party__partner", "party__agreement", "responsible_unit")
    autocomplete_fields = ("agreement", "party", "responsible_unit")
    inlines = [OccurrenceInline]


@admin.register(ObligationOccurrence)
class ObligationOccurrenceAdmin(ViewOnlyAdmin):
    list_display = (
        "obligation",
        "agreement_title",
        "due_date",
        "period_label",
        "status",
        "submitted_at",
        "verified_at",
    )
    list_filter = ("status", "due_date", "obligation__frequency")
    search_fields = ("obligation__title", "obligation__agreement__number", "obligation__agreement__title")
    list_select_related = ("obligation__agreement",)
    autocomplete_fields = ("obligation", "submitted_by", "verified_by")
    readonly_fields = ("submitted_by", "submitted_at", "verified_by", "verified_at")
    date_hierarchy = "due_date"

    @admin.display(description=Agreement._meta.verbose_name, ordering="obligation__agreement__title")
    def agreement_title(self, occurrence):
        return occurrence.obligation.agreement


class RiskShareInline(ReadOnlyInline):
    model = RiskShare
    fields = ("party", "percent")


@admin.register(Risk)
class RiskAdmin(ViewOnlyAdmin):
    list_display = ("event", "agreement", "category", "likelihood", "impact", "status", "shared_with_parties")
    list_filter = ("category", "status", "likelihood", "impact", "shared_with_parties")
    search_fields = ("event", "description", *AGREEMENT_SEARCH)
    list_select_related = ("agreement",)
    autocomplete_fields = ("agreement",)
    inlines = [RiskShareInline]


@admin.register(RiskShare)
class RiskShareAdmin(ViewOnlyAdmin):
    list_display = ("risk", "party", "percent")
    search_fields = ("risk__event", "party__partner__name", "risk__agreement__title")
    list_select_related = ("risk", "party__partner", "party__agreement")


class BenefitShareInline(ReadOnlyInline):
    model = BenefitShare
    fields = ("party", "percent", "amount")


@admin.register(Benefit)
class BenefitAdmin(ViewOnlyAdmin):
    list_display = ("__str__", "agreement", "kind", "split_method", "shared_with_parties")
    list_filter = ("kind", "split_method", "shared_with_parties")
    search_fields = ("description", *AGREEMENT_SEARCH)
    list_select_related = ("agreement",)
    autocomplete_fields = ("agreement",)
    inlines = [BenefitShareInline]


@admin.register(BenefitShare)
class BenefitShareAdmin(ViewOnlyAdmin):
    list_display = ("benefit", "party", "percent", "amount")
    list_filter = ("benefit__kind",)
    search_fields = ("party__partner__name", "benefit__agreement__title")
    list_select_related = ("benefit", "party__partner", "party__agreement")


@admin.register(BenefitRealisation)
class BenefitRealisationAdmin(ViewOnlyAdmin):
    list_display = ("benefit", "party", "realised_on", "amount")
    list_filter = ("realised_on", "benefit__kind")
    search_fields = ("note", "benefit__agreement__title", "party__partner__name")
    list_select_related = ("benefit__agreement", "party__partner", "party__agreement")
    autocomplete_fields = ("benefit", "party")


@admin.register(Contribution)
class ContributionAdmin(ViewOnlyAdmin):
    list_display = ("agreement", "party", "kind", "estimated_value", "shared_with_parties")
    list_filter = ("kind", "shared_with_parties")
    search_fields = ("description", "party__partner__name", *AGREEMENT_SEARCH)
    list_select_related = ("agreement", "party__partner", "party__agreement")
    autocomplete_fields = ("agreement", "party")


@admin.register(Document)
class DocumentAdmin(ViewOnlyAdmin):
    list_display = (
        "title",
        "agreement",
        "doc_type",
        "version",
        "visibility",
        "content_type",
        "size",
        "uploaded_at",
    )
    list_filter = ("doc_type", "visibility", "content_type")
    search_fields = ("title", "original_name", "sha256", *AGREEMENT_SEARCH)
    list_select_related = ("agreement",)
    exclude = ("file",)  # stored privately: downloaded only through the checked view, never linked here


@admin.register(StageTransition)
class StageTransitionAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ("agreement", "from_stage", "to_stage", "actor", "created_at")
    list_filter = ("to_stage", "from_stage", "created_at")
    search_fields = ("note", *AGREEMENT_SEARCH)
    list_select_related = ("agreement", "actor")


@admin.register(ChecklistTick)
class ChecklistTickAdmin(ViewOnlyAdmin):
    list_display = ("agreement", "step", "done_by", "done_at")
    list_filter = ("step",)
    search_fields = ("step", *AGREEMENT_SEARCH)
    list_select_related = ("agreement", "done_by")


@admin.register(TkksdReview)
class TkksdReviewAdmin(ViewOnlyAdmin):
    list_display = ("agreement", "review_date", "decision", "recorded_by")
    list_filter = ("decision", "review_date")
    search_fields = ("notes", *AGREEMENT_SEARCH)
    list_select_related = ("agreement", "recorded_by")
    autocomplete_fields = ("agreement", "recorded_by")


@admin.register(AgreementAction)
class AgreementActionAdmin(ViewOnlyMixin, admin.ModelAdmin):
    """What each save of an agreement changed; its history records carry the action's key."""

    list_display = ("agreement", "kind", "version", "actor", "at")
    list_filter = ("kind", "at")
    search_fields = AGREEMENT_SEARCH
    list_select_related = ("agreement", "actor")


# Written by agreement_save (funding sources) and the set-stage page (legacy entries): read-only here.
@admin.register(FundingSource)
class FundingSourceAdmin(ViewOnlyAdmin):
    list_display = ("agreement", "kind", "year", "amount", "budget_line")
    list_filter = ("kind", "year")
    search_fields = AGREEMENT_SEARCH
    list_select_related = ("agreement",)


class LegacyStepInline(ReadOnlyInline):
    model = LegacyStep


@admin.register(LegacyEntry)
class LegacyEntryAdmin(ViewOnlyAdmin):
    list_display = ("agreement", "entered_stage", "recorded_by", "created_at")
    list_filter = ("entered_stage",)
    search_fields = AGREEMENT_SEARCH
    list_select_related = ("agreement", "recorded_by")
    inlines = [LegacyStepInline]


@admin.register(LegacyStep)
class LegacyStepAdmin(ViewOnlyAdmin):
    list_display = ("entry", "step", "happened_on", "reference")
    list_filter = ("step",)
    list_select_related = ("entry__agreement",)

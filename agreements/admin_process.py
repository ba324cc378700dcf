"""Django admin for the law's steps and the rules in force (issue 10).

The records (approvals, studies, reviews, letters, disputes, handovers) are view-only here: they are
recorded on the agreement page through agreements.services.process, which keeps the agreement's
version. The rules in force (`ProcessRules`, one row) are what an admin reads and changes here; staff
see them on the page "Aturan yang berlaku". Registered from AgreementsConfig.ready().
"""

from django.contrib import admin

from core.admin_helpers import HistoryAdmin, ViewOnlyAdmin

from .models import (
    Approval,
    BenefitStudy,
    Dispute,
    DisputeStage,
    Handover,
    InitiativeLetter,
    LegalReview,
    ProcessRules,
)

AGREEMENT_SEARCH = ("agreement__number", "agreement__title")


@admin.register(ProcessRules)
class ProcessRulesAdmin(HistoryAdmin):
    list_display = ("__str__", "updated_at", "updated_by")
    readonly_fields = ("updated_by", "created_at", "updated_at")

    def has_add_permission(self, request):
        return not ProcessRules.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        obj._history_user = request.user
        super().save_model(request, obj, form, change)


class _RecordAdmin(ViewOnlyAdmin):
    list_select_related = ("agreement",)
    autocomplete_fields = ("agreement",)


@admin.register(Approval)
class ApprovalAdmin(_RecordAdmin):
    list_display = ("agreement", "kind", "result", "submitted_on", "decided_on", "letter_number")
    list_filter = ("kind", "result")
    search_fields = ("letter_number", *AGREEMENT_SEARCH)


@admin.register(BenefitStudy)
class BenefitStudyAdmin(_RecordAdmin):
    list_display = ("agreement", "study_date", "recommendation", "yearly_apbd_cost", "expected_local_revenue")
    list_filter = ("recommendation",)
    search_fields = ("prepared_by", *AGREEMENT_SEARCH)


@admin.register(LegalReview)
class LegalReviewAdmin(_RecordAdmin):
    list_display = ("agreement", "review_date", "reviewer", "result")
    list_filter = ("result",)
    search_fields = ("reviewer", *AGREEMENT_SEARCH)


@admin.register(InitiativeLetter)
class InitiativeLetterAdmin(_RecordAdmin):
    list_display = ("agreement", "kind", "letter_number", "letter_date", "answer", "answered_on")
    list_filter = ("kind", "answer")
    search_fields = ("letter_number", "answer_number", *AGREEMENT_SEARCH)


@admin.register(Dispute)
class DisputeAdmin(_RecordAdmin):
    list_display = ("agreement", "subject", "raised_on")
    search_fields = ("subject", *AGREEMENT_SEARCH)


@admin.register(DisputeStage)
class DisputeStageAdmin(ViewOnlyAdmin):
    list_display = ("dispute", "kind", "started_on", "ended_on", "outcome")
    list_filter = ("kind", "outcome")
    list_select_related = ("dispute",)
    search_fields = ("dispute__subject",)


@admin.register(Handover)
class HandoverAdmin(_RecordAdmin):
    list_display = ("agreement", "number", "handed_over_on", "value")
    search_fields = ("number", "assets", *AGREEMENT_SEARCH)
